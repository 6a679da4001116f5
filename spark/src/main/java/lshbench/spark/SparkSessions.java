package lshbench.spark;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/** The one SparkSession of this JVM. */
final class SparkSessions {
  /** Where Spark runs when neither -Dspark.master nor spark-submit says. */
  static final String DEFAULT_MASTER = "local[*]";

  private SparkSessions() {}

  /**
   * The session, created on first use: {@code spark.master} from the system properties (which
   * spark-submit and {@code -Dspark.master} set), else {@code local[*]}; a local master binds
   * to loopback and runs without the web UI.
   */
  static synchronized SparkSession shared(PrintStream log) {
    String master = System.getProperty("spark.master", DEFAULT_MASTER);
    SparkSession.Builder b = SparkSession.builder().appName("lshbench").master(master);
    if (master.startsWith("local")) {
      b.config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false");
    }
    long t0 = System.nanoTime();
    SparkSession s = b.getOrCreate();
    log.printf(Locale.ROOT, "[spark] session on %s, %d cores (%.1f s)%n", master,
        s.sparkContext().defaultParallelism(), (System.nanoTime() - t0) / 1e9);
    return s;
  }
}
