package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Where an experiment runs ({@code -Dengine=NAME}). The default, {@code local}, is this
 * process and {@link Experiment#run}; another engine (the Spark module's) is found on the class
 * path through {@link java.util.ServiceLoader} and runs the experiment types it lists with the
 * same typed settings, so the core never depends on it.
 */
public interface Engine {
  /** The {@code engine} value that selects it. */
  String name();

  /**
   * Keys it reads beyond the experiment type's (accepted only when it is chosen); their values
   * reach it in the settings' map.
   */
  default List<lshbench.config.Key> keys() {
    return List.of();
  }

  /** The experiment types it runs; any other is refused with one line. */
  List<String> types();

  /**
   * Runs an experiment of {@code type} whose settings {@code settings} the core parsed and
   * checked (for the vector experiments a {@link lshbench.experiment.SweepConfig}).
   */
  int run(String type, Object settings, PrintStream out, PrintStream log) throws IOException;
}
