package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.family.FamilyRegistry;

/**
 * One experiment type ({@code type = sweep} in an experiment file): the keys it reads, its
 * typed settings, and its run through {@link lshbench.experiment.RunLifecycle} with its report.
 * Adding an experiment is one implementation and one line in {@link Experiments#ALL}.
 *
 * @param <S> the typed settings, parsed once from the keys
 */
public interface Experiment<S> {
  /** The {@code type} value that selects it. */
  String type();

  /** One line for {@code -Dhelp}. */
  String summary();

  /** Every key it reads, {@code type} aside; any other key is refused. */
  List<Key> keys(FamilyRegistry families);

  /** Parses and checks the settings; refusals are one-line {@code ConfigException}s. */
  S settings(Settings raw, FamilyRegistry families);

  /** Runs, prints where the results are, and returns the exit code. */
  int run(S settings, PrintStream out, PrintStream log) throws IOException;

  default int start(Settings raw, FamilyRegistry families, PrintStream out, PrintStream log)
      throws IOException {
    return run(settings(raw, families), out, log);
  }
}
