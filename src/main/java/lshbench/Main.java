package lshbench;

import java.io.PrintStream;
import java.nio.file.Path;
import lshbench.cli.Cli;
import lshbench.family.FamilyRegistry;

/**
 * Entry point: {@code mvn -q exec:java -Dexperiment=NAME [-Dkey=value …]} or
 * {@code java lshbench.Main NAME [key=value …]}; {@code -Dhelp} lists the experiments. Reads
 * {@code experiments/NAME.properties}, applies overrides, runs, and reports (see {@link Cli}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    if (Boolean.getBoolean("verbose")) {
      // Before any logger exists: slf4j-simple reads its level once, system property first.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
      System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "info");
    }
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs and returns the exit code (0 ok, 2 bad input or configuration, 1 internal error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new Cli(Path.of("experiments"), FamilyRegistry.standard()).run(args, out, err);
  }
}
