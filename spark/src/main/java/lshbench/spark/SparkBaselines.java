package lshbench.spark;

import java.util.ArrayList;
import java.util.List;
import lshbench.config.ConfigException;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.experiment.SweepConfig;

/** The baselines a Spark sweep can add: adding one is one class and one line here. */
final class SparkBaselines {
  /** The key that lists the baselines to run (none by default: each is its own Spark job). */
  static final String KEY = "baselines";

  static final List<SparkBaseline> ALL = List.of(
      new MllibBrp());

  private SparkBaselines() {}

  /** {@code baselines} and every baseline's own keys: the keys the Spark engine adds. */
  static List<Key> keys() {
    List<String> names = ALL.stream().map(SparkBaseline::name).toList();
    List<Key> out = new ArrayList<>();
    out.add(Key.of(KEY, "", "baselines Spark provides, run beside the grid on the same split ("
        + String.join(", ", names) + "); -Dengine=spark only"));
    ALL.forEach(b -> out.addAll(b.keys()));
    return out;
  }

  /** The baselines {@code config} lists, their keys checked; a name not listed is refused. */
  static List<SparkBaseline> chosen(SweepConfig config) {
    Settings s = Settings.of(config.experiment(), config.settings());
    List<SparkBaseline> out = new ArrayList<>();
    for (String part : s.string(KEY, "").split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      SparkBaseline b = ALL.stream().filter(x -> x.name().equals(name)).findFirst()
          .orElseThrow(() -> new ConfigException(KEY + ": '" + name + "' is not a Spark "
              + "baseline (" + String.join(", ", ALL.stream().map(SparkBaseline::name)
                  .toList()) + ")"));
      b.check(s);
      out.add(b);
    }
    return out;
  }
}
