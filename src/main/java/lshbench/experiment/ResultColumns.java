package lshbench.experiment;

import java.util.List;
import java.util.Map;
import java.util.Set;
import lshbench.data.Dataset;
import lshbench.eval.QuerySplit;

/**
 * The sweep CSV's columns, in order. Every row carries every parameter, seed and the dataset's
 * provenance, so one row is self-describing. Timing columns are the only ones allowed to
 * differ between two runs with the same seeds.
 */
public final class ResultColumns {
  private ResultColumns() {}

  /**
   * The parameter columns of an LSH configuration, as both engines name them: a total probe
   * budget only when {@code probesTotal} > 0, so per-table rows keep their identity.
   */
  public static Map<String, Object> lshParameters(String family, int repeat, int k, int l,
      int probes, int probesTotal, int rerankKeep) {
    return lshParameters(family, repeat, k, 0, l, probes, probesTotal, rerankKeep);
  }

  /**
   * As above, with the last cross-polytope's dimension when the grid was given in key bits
   * ({@code lastCpDim} > 0; empty otherwise, so k-grid rows keep their identity).
   */
  public static Map<String, Object> lshParameters(String family, int repeat, int k,
      int lastCpDim, int l, int probes, int probesTotal, int rerankKeep) {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put(FAMILY, family);
    p.put(REPEAT, repeat);
    p.put(K, k);
    if (lastCpDim > 0) {
      p.put(LAST_CP_DIM, lastCpDim);
    }
    p.put(L, l);
    p.put(PROBES, probes);
    if (probesTotal > 0) {
      p.put(PROBES_TOTAL, probesTotal);
    }
    p.put(RERANK_KEEP, rerankKeep);
    return p;
  }

  /**
   * Puts the columns that name the run and its data into row {@code r}: the same in every row
   * of a run, and written alike by both engines so their results.csv files line up.
   */
  public static void putRun(Map<String, Object> r, SweepConfig config, Dataset data,
      QuerySplit split, String metric, long hashSeed, int topN) {
    r.put(EXPERIMENT, config.experiment());
    r.put(DATASET, config.images() != null ? "images:" + config.images().root()
        : config.dataset());
    r.put(PROVENANCE, data.provenance().headline());
    r.put(MODEL, data.provenance().model());
    r.put(SYNTHETIC, data.provenance().synthetic());
    r.put(N_ITEMS, data.size());
    r.put(N_INDEXED, split.members().length);
    r.put(N_QUERIES, split.queries().length);
    r.put(DIM, data.dim());
    r.put(METRIC, metric);
    r.put(CENTER, config.center());
    r.put(SEED, config.seed());
    r.put(HASH_SEED, hashSeed);
    r.put(TOP_N, topN);
  }

  public static final String EXPERIMENT = "experiment";
  public static final String DATASET = "dataset";
  public static final String PROVENANCE = "provenance";
  public static final String MODEL = "model";
  public static final String SYNTHETIC = "synthetic";
  public static final String N_ITEMS = "n_items";
  public static final String N_INDEXED = "n_indexed";
  public static final String N_QUERIES = "n_queries";
  public static final String DIM = "dim";
  public static final String METRIC = "metric";
  public static final String CENTER = "center";
  public static final String FAMILY = "family";
  public static final String K = "k";
  /**
   * Coordinates of a table's last cross-polytope (FALCONN's {@code last_cp_dimension}) when the
   * grid was given in key bits; {@code key_bits} is then the grid's bits. Empty for a k grid.
   */
  public static final String LAST_CP_DIM = "last_cp_dim";
  public static final String L = "L";
  public static final String PROBES = "probes";
  /** Buckets visited in all with FALCONN's total probe budget over the tables (empty: per table). */
  public static final String PROBES_TOTAL = "probes_total";
  public static final String RERANK_KEEP = "rerank_keep";
  public static final String RERANK_DIM = "rerank_dim";
  public static final String KEY_BITS = "key_bits";
  public static final String HASH_DIM = "hash_dim";
  public static final String HNSW_M = "hnsw_m";
  public static final String HNSW_EF_CONSTRUCTION = "hnsw_ef_construction";
  public static final String HNSW_EF = "hnsw_ef";
  public static final String TRAIN_MS = "train_ms";
  public static final String REPEAT = "repeat";
  public static final String SEED = "seed";
  public static final String HASH_SEED = "hash_seed";
  public static final String TOP_N = "top_n";
  public static final String LABEL_RECALL = "label_recall";
  public static final String KNN_RECALL = "knn_recall";
  public static final String PRECISION = "precision";
  public static final String CANDIDATES = "candidates_mean";
  public static final String CANDIDATES_FRAC = "candidates_frac";
  public static final String QUERY_MEAN = "query_us_mean";
  public static final String QUERY_P50 = "query_us_p50";
  public static final String QUERY_P95 = "query_us_p95";
  public static final String QUERY_P99 = "query_us_p99";
  public static final String CLOCK = "clock";
  public static final String ROUNDS = "rounds";
  public static final String CPU_US = "query_cpu_us";
  public static final String CPU_P25 = "query_cpu_us_p25";
  public static final String CPU_P75 = "query_cpu_us_p75";
  public static final String WALL_US = "query_wall_us";
  public static final String WALL_P25 = "query_wall_us_p25";
  public static final String WALL_P75 = "query_wall_us_p75";
  public static final String EXACT_CPU = "exact_cpu_us";
  public static final String EXACT_WALL = "exact_wall_us";
  public static final String SPEEDUP = "speedup";
  /** Queries a second on one thread, 1 / median query time: ann-benchmarks' throughput axis. */
  public static final String QPS = "qps";
  public static final String SPREAD = "round_spread";
  public static final String NOISY = "noisy";
  public static final String BUILD_MS = "build_ms";
  public static final String HASH_MS = "hash_ms";
  public static final String TABLE_MS = "table_ms";
  public static final String MEMORY = "memory_bytes";
  public static final String BYTES_PER_ITEM = "bytes_per_item";
  public static final String BUCKETS_MEAN = "buckets_mean";
  public static final String MAX_BUCKET = "max_bucket";
  public static final String HASH_US = "hash_us";
  public static final String LOOKUP_US = "lookup_us";
  public static final String UNION_US = "union_us";
  public static final String RERANK_US = "rerank_us";
  public static final String RAW_CANDIDATES = "raw_candidates_mean";
  public static final String EMPTY_BUCKETS = "empty_bucket_share";
  public static final String PRED_LABEL_RECALL = "predicted_label_recall";
  public static final String PRED_KNN_RECALL = "predicted_knn_recall";
  public static final String PRED_CANDIDATES = "predicted_candidates";
  public static final String PRED_QUERY_US = "predicted_query_us";

  public static final List<String> ALL = List.of(EXPERIMENT, DATASET, PROVENANCE, MODEL, SYNTHETIC,
      N_ITEMS, N_INDEXED, N_QUERIES, DIM, METRIC, CENTER, FAMILY, K, LAST_CP_DIM, L, PROBES, PROBES_TOTAL, RERANK_KEEP, RERANK_DIM, KEY_BITS, HASH_DIM,
      HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF, REPEAT, SEED, HASH_SEED, TOP_N, LABEL_RECALL, KNN_RECALL, PRECISION, CANDIDATES, CANDIDATES_FRAC, CLOCK, ROUNDS, CPU_US, CPU_P25,
      CPU_P75, WALL_US, WALL_P25, WALL_P75, EXACT_CPU, EXACT_WALL, SPEEDUP, QPS, SPREAD, NOISY,
      QUERY_MEAN, QUERY_P50, QUERY_P95, QUERY_P99, BUILD_MS, TRAIN_MS, HASH_MS, TABLE_MS, MEMORY,
      BYTES_PER_ITEM, BUCKETS_MEAN, MAX_BUCKET, EMPTY_BUCKETS, RAW_CANDIDATES, HASH_US, LOOKUP_US,
      UNION_US, RERANK_US, PRED_LABEL_RECALL, PRED_KNN_RECALL,
      PRED_CANDIDATES, PRED_QUERY_US);

  /**
   * The columns that name a configuration: one row per distinct combination (per repeat). A
   * family leaves the others' parameters empty (HNSW has no k, hyperplanes no efSearch).
   */
  public static final List<String> PARAMETERS = List.of(FAMILY, REPEAT, K, LAST_CP_DIM, L, PROBES, PROBES_TOTAL, RERANK_KEEP,
      HNSW_M,
      HNSW_EF_CONSTRUCTION, HNSW_EF);

  /**
   * The {@code family} of the exact scan's row: the baseline is a configuration like any other,
   * so it sits on the frontier and wins a target nothing else reaches faster.
   */
  public static final String EXACT_FAMILY = "exact";

  /**
   * The {@code family} of the baseline beside a two-pass rerank: every item scored in the same
   * learned subspace, the best {@code rerank_keep} compared exactly; no hashing.
   */
  public static final String PCA_SCAN_FAMILY = "pca-scan";

  /** Columns that measure time (or derive from it) and so vary from run to run. */
  public static final Set<String> TIMING = Set.of(QUERY_MEAN, QUERY_P50, QUERY_P95, QUERY_P99,
      CPU_US, CPU_P25, CPU_P75, WALL_US, WALL_P25, WALL_P75, EXACT_CPU, EXACT_WALL, SPEEDUP, QPS,
      SPREAD, NOISY, BUILD_MS, TRAIN_MS, HASH_MS, TABLE_MS, HASH_US, LOOKUP_US, UNION_US, RERANK_US, PRED_QUERY_US);
}
