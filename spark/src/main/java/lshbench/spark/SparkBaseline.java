package lshbench.spark;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.eval.GroundTruth;
import lshbench.experiment.PreparedData;
import lshbench.experiment.SweepConfig;
import org.apache.spark.sql.SparkSession;

/**
 * An index that Spark itself provides, measured as a baseline beside the grid: rows of the same
 * results.csv on the same split, scored against the same exact lists. Listed in
 * {@link SparkBaselines}; chosen with {@code -Dbaselines=NAME,...}.
 */
interface SparkBaseline {
  /** Its {@code family} in results.csv and its name in {@code baselines}. */
  String name();

  /** Its own keys, {@code NAME.*}, with defaults and meaning. */
  List<Key> keys();

  /** Parses and checks its keys: refuses bad values with one line, before any folder exists. */
  void check(Settings settings);

  /** Its rows, one per configuration of its keys. */
  List<Map<String, Object>> rows(Input in);

  /**
   * What a baseline runs on: the session, the run's settings and data, the exact lists (from
   * the ground-truth job), the row builder, and the exact scan's time per query on Spark.
   */
  record Input(SparkSession spark, SweepConfig config, PreparedData prepared, GroundTruth truth,
      SparkRows rows, double exactUs, PrintStream log) {
    Settings settings() {
      return Settings.of(config.experiment(), config.settings());
    }
  }
}
