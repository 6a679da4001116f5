package lshbench.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import lshbench.data.Dataset;
import lshbench.experiment.PreparedData;
import lshbench.experiment.ResultColumns;
import lshbench.experiment.SweepConfig;

/**
 * Rows of the local sweep's results.csv ({@link ResultColumns#ALL}) for what a Spark run
 * measured. Spark times whole jobs, not single queries: a row's time is its job's wall time
 * over the queries it answered (clock {@code wall}, one round), the same figure for every L a
 * pass counted; per-query percentiles, CPU times and the stage profile stay empty.
 */
final class SparkRows {
  /** The clock of a Spark run's rows: the driver's wall clock around whole jobs. */
  static final String CLOCK = "wall";

  private final SweepConfig config;
  private final PreparedData prepared;

  SparkRows(SweepConfig config, PreparedData prepared) {
    this.config = config;
    this.prepared = prepared;
  }

  /** A row with every column: the run's and dataset's, then {@code parameters}; the rest empty. */
  Map<String, Object> row(Map<String, Object> parameters, long hashSeed) {
    Dataset data = prepared.data();
    Map<String, Object> r = new LinkedHashMap<>();
    for (String c : ResultColumns.ALL) {
      r.put(c, null);
    }
    r.putAll(parameters);
    ResultColumns.putRun(r, config, data, prepared.split(), config.metric().label(), hashSeed,
        prepared.topN());
    r.put(ResultColumns.CLOCK, CLOCK);
    r.put(ResultColumns.ROUNDS, 1);
    r.put(ResultColumns.NOISY, false);
    return r;
  }

  /** The parameter columns of an LSH configuration, as the local sweep names them. */
  static Map<String, Object> lsh(String family, int repeat, int k, int l, int probes) {
    return ResultColumns.lshParameters(family, repeat, k, l, probes, 0, 0);
  }

  /** Recall and candidates, with candidates as a share of the members too. */
  void measured(Map<String, Object> r, double labelRecall, double knnRecall, double precision,
      double candidates) {
    r.put(ResultColumns.LABEL_RECALL, labelRecall);
    r.put(ResultColumns.KNN_RECALL, knnRecall);
    r.put(ResultColumns.PRECISION, precision);
    r.put(ResultColumns.CANDIDATES, candidates);
    r.put(ResultColumns.CANDIDATES_FRAC, candidates / prepared.split().members().length);
  }

  /**
   * A job's wall time per query ({@code wallUs}) against the exact scan's on Spark
   * ({@code exactUs}, NaN when the ground truth came with the queries).
   */
  static void timed(Map<String, Object> r, double wallUs, double exactUs, double buildMs) {
    r.put(ResultColumns.WALL_US, wallUs);
    r.put(ResultColumns.WALL_P25, wallUs);
    r.put(ResultColumns.WALL_P75, wallUs);
    r.put(ResultColumns.EXACT_WALL, exactUs);
    r.put(ResultColumns.SPEEDUP, exactUs / wallUs);
    r.put(ResultColumns.QPS, 1e6 / wallUs);
    r.put(ResultColumns.SPREAD, 0.0);
    r.put(ResultColumns.BUILD_MS, buildMs);
  }
}
