package lshbench;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import lshbench.cli.Cli;
import lshbench.family.FamilyRegistry;
import lshbench.io.Progress;

/**
 * Entry point: {@code mvn -q exec:java -Dexperiment=NAME [-Dkey=value …]},
 * {@code java -jar target/lshbench.jar -Dexperiment=NAME [-Dkey=value …]} or
 * {@code java lshbench.Main NAME [key=value …]}; {@code -Dhelp} lists the experiments. Reads
 * {@code experiments/NAME.properties}, applies overrides, runs, and reports (see {@link Cli}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    OptionalInt relaunched = VectorRelaunch.ifNeeded(args);
    if (relaunched.isPresent()) {
      System.exit(relaunched.getAsInt());
    }
    System.setProperty("java.awt.headless", "true");
    if (Progress.onTerminal()) {
      // progress bars redraw one line; other lines printed meanwhile clear it first
      System.setErr(Progress.console(System.err));
    }
    String[] arguments = javaArguments(args); // may set verbose, read just below
    if (Boolean.getBoolean("verbose")) {
      // Before any logger exists: slf4j-simple reads its level once, system property first.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
      System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "info");
    }
    int code = run(arguments, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs and returns the exit code (0 ok, 2 bad input or configuration, 1 internal error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new Cli(experimentsDir(), FamilyRegistry.standard()).run(args, out, err);
  }

  /**
   * The command line of {@code java -jar lshbench.jar -Dexperiment=sweep -Dk=4,8} in the form
   * {@code mvn exec:java} gives: after {@code -jar} a {@code -D} is an argument, not a system
   * property, so {@code -Dexperiment=NAME} becomes the name, {@code -Dkey=value} a
   * {@code key=value} override (checked like a file's keys), and {@code -Dhelp} and
   * {@code -Dverbose} the switches they are under Maven.
   */
  static String[] javaArguments(String[] args) {
    String name = null;
    List<String> rest = new ArrayList<>();
    for (String a : args) {
      if (!a.startsWith("-D")) {
        rest.add(a);
        continue;
      }
      String[] kv = a.substring(2).split("=", 2);
      switch (kv[0]) {
        case "experiment" -> name = kv.length > 1 ? kv[1] : "";
        case "help", "verbose", "engine" -> System.setProperty(kv[0], kv.length > 1 ? kv[1] : "true");
        default -> {
          if (kv[0].startsWith("spark.")) {
            // Spark's own settings (spark.master …): SparkConf reads them from system properties
            System.setProperty(kv[0], kv.length > 1 ? kv[1] : "");
          } else {
            rest.add(a.substring(2));
          }
        }
      }
    }
    if (name != null) {
      rest.add(0, name);
    }
    return rest.toArray(new String[0]);
  }

  /**
   * {@code experiments/} of the working directory, else the one beside the checkout the jar
   * was built in ({@code target/lshbench.jar} → {@code experiments/}), so the jar also runs
   * from another folder.
   */
  static Path experimentsDir() {
    Path here = Path.of("experiments");
    if (Files.isDirectory(here)) {
      return here;
    }
    try {
      Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path beside = code.toAbsolutePath().getParent().getParent().resolve("experiments");
      return Files.isDirectory(beside) ? beside : here;
    } catch (URISyntaxException | RuntimeException e) {
      return here;
    }
  }
}
