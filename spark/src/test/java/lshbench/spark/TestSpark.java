package lshbench.spark;

import java.io.OutputStream;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/** One local[2] session for every test class of this JVM: a start costs ~20 s here. */
final class TestSpark {
  private TestSpark() {}

  static synchronized SparkSession session() {
    System.setProperty("spark.master", "local[2]");
    return SparkSessions.shared(new PrintStream(OutputStream.nullOutputStream()));
  }
}
