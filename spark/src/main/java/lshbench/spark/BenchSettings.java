package lshbench.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.config.Settings;
import lshbench.experiment.SweepConfig;

/** The command line of the bench tools: an experiment name, then {@code key=value} overrides. */
final class BenchSettings {
  private BenchSettings() {}

  static SweepConfig read(String[] args, Map<String, String> forced) throws IOException {
    if (args.length < 1) {
      throw new ConfigException("usage: EXPERIMENT [key=value ...]");
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq < 1) {
        throw new ConfigException(args[i] + ": expected key=value");
      }
      overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    overrides.putAll(forced);
    SweepConfig config = SweepConfig.from(Settings.read(Path.of("experiments"), args[0],
        overrides));
    if (config.images() == null) {
      throw new ConfigException("experiment " + args[0] + " embeds no image folder "
          + "(dataset = images)");
    }
    return config;
  }
}
