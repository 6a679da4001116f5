package lshbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lshbench.cli.Engine;
import lshbench.cli.Engines;
import org.junit.jupiter.api.Test;

/** What the launcher relies on: the engine is found by name, the JVM options are in step. */
class SparkLaunchTest {
  @Test
  void theEngineIsFoundOnTheClassPath() {
    Engine e = Engines.find("spark").orElseThrow();
    assertEquals(List.of("sweep"), e.types());
  }

  /** The launcher passes spark/jvm.options; the tests' argLine must carry the same set. */
  @Test
  void testJvmRunsWithTheLaunchersOptions() throws IOException {
    List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (String line : Files.readAllLines(Path.of("jvm.options"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        assertTrue(running.contains(line.trim()), line + " is in jvm.options, not in the argLine");
      }
    }
  }
}
