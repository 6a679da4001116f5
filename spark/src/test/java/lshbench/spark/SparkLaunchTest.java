package lshbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.tools.ToolProvider;
import lshbench.cli.Engine;
import lshbench.cli.Engines;
import lshbench.config.ConfigException;
import lshbench.config.Settings;
import lshbench.experiment.SweepConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the launcher relies on: the engine is found by name, the JVM options are in step. */
class SparkLaunchTest {
  @Test
  void theEngineIsFoundOnTheClassPath() {
    Engine e = Engines.find("spark").orElseThrow();
    assertEquals(List.of("sweep", "dedup", "dedup-bench"), e.types());
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

  /**
   * Maven's command line reaches the launcher with the shell's quotes gone; values with spaces,
   * and -D inside a value, must still reach the Spark JVM as one argument each.
   */
  @Test
  void dashDValuesWithSpacesReachTheSparkJvmWhole(@TempDir Path classes) throws Exception {
    Path source = Path.of("..", ".mvn", "bootstrap", "Launch.java");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",
        classes.toString(), "-proc:none", source.toString()), "Launch.java compiles");
    Map<String, String> maven = Map.of(
        "experiment", "sweep",
        "engine", "spark",
        "description", "two words",
        "spark.executor.extraJavaOptions", "-Xss4m -Dx=y",
        "maven.repo.local", "a b",
        "k", "4,8");
    String command = "org.codehaus.plexus.classworlds.launcher.Launcher -q -o exec:java "
        + "-Dexperiment=sweep -Dengine=spark -Ddescription=two words "
        + "-Dspark.executor.extraJavaOptions=-Xss4m -Dx=y -Dmaven.repo.local=a b -Dk=4,8 -B";
    List<String> user = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      Method split = loader.loadClass("SparkLaunch").getDeclaredMethod("split", String.class,
          UnaryOperator.class, List.class, List.class);
      split.setAccessible(true);
      split.invoke(null, command, (UnaryOperator<String>) maven::get, user, flags);
    }
    assertEquals(List.of("-Dexperiment=sweep", "-Dengine=spark", "-Ddescription=two words",
        "-Dspark.executor.extraJavaOptions=-Xss4m -Dx=y", "-Dk=4,8"), user);
    assertEquals(List.of("-o", "-B"), flags);
  }

  /**
   * The local engine's key check gets the user's -D names from the launcher: a value with
   * spaces and a -D inside is one key, and a value Maven did not set as written (the shell
   * kept no quotes) falls back to tokens.
   */
  @Test
  void theLocalEngineIsHandedOneNameADashD(@TempDir Path classes) throws Exception {
    Path source = Path.of("..", ".mvn", "bootstrap", "Launch.java");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",
        classes.toString(), "-proc:none", source.toString()), "Launch.java compiles");
    Map<String, String> set = Map.of("experiment", "sweep", "description", "two words -Dfoo=b",
        "k", "4,8");
    String command = "org.codehaus.plexus.classworlds.launcher.Launcher -q exec:java "
        + "-Dexperiment=sweep -Ddescription=two words -Dfoo=b -Dk=4,8";
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      Method userKeys = loader.loadClass("Launch").getDeclaredMethod("userKeys", String.class,
          UnaryOperator.class);
      userKeys.setAccessible(true);
      assertEquals("experiment\ndescription\nk",
          userKeys.invoke(null, command, (UnaryOperator<String>) set::get));
      assertEquals("x\ny", userKeys.invoke(null, "-Dx=1 -Dy=2", (UnaryOperator<String>) n -> null));
    }
  }

  /** The engine's own keys: listed for the command line, refused by name when wrong. */
  @Test
  void baselinesAreCheckedByName() {
    List<String> keys = Engines.find("spark").orElseThrow().keys().stream()
        .map(lshbench.config.Key::name).toList();
    assertEquals(List.of("baselines", "mllib-brp.bucketLength", "mllib-brp.numHashTables"), keys);
    assertEquals(List.of(MllibBrp.NAME), SparkBaselines.chosen(sweep(Map.of("baselines",
        " mllib-brp "))).stream().map(SparkBaseline::name).toList());
    assertEquals(List.of(), SparkBaselines.chosen(sweep(Map.of())));
    ConfigException e = assertThrows(ConfigException.class,
        () -> SparkBaselines.chosen(sweep(Map.of("baselines", "mllib-brp,faiss"))));
    assertEquals("baselines: 'faiss' is not a Spark baseline (mllib-brp)", e.getMessage());
    e = assertThrows(ConfigException.class, () -> SparkBaselines.chosen(sweep(Map.of(
        "baselines", "mllib-brp", "mllib-brp.bucketLength", "0"))));
    assertTrue(e.getMessage().startsWith("mllib-brp.bucketLength: "), e.getMessage());
  }

  private static SweepConfig sweep(Map<String, String> keys) {
    return SweepConfig.from(Settings.of("launch", keys));
  }
}
