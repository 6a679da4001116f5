package lshbench.eval;

import lshbench.data.Dataset;
import lshbench.lsh.Index;
import lshbench.lsh.Neighbours;

/**
 * Runs a query split against one index: a warm-up, then every query timed one at a time on
 * the calling thread, then the recall metrics computed outside the timed region.
 */
public final class Evaluation {
  /** Relative slack when comparing squared distances for k-NN recall (ties, rounding). */
  private static final double DISTANCE_SLACK = 1e-5;

  private final Dataset data;
  private final QuerySplit split;
  private final GroundTruth truth;
  private final int topN;
  private final int warmup;
  private final long warmupNanos;
  private final float[][] queries;

  /**
   * @param topN neighbours asked of every query (the n of recall@n)
   * @param warmup untimed queries run first so the JIT has compiled the hot path
   * @param warmupMillis and at least this long: a count alone is too little for cheap queries,
   *     whose first few hundred still run in the interpreter or in C1 code
   */
  public Evaluation(Dataset data, QuerySplit split, GroundTruth truth, int topN, int warmup,
      int warmupMillis) {
    if (topN < 1) {
      throw new IllegalArgumentException("top.n must be positive, got " + topN);
    }
    this.data = data;
    this.split = split;
    this.truth = truth;
    this.topN = topN;
    this.warmup = Math.max(0, warmup);
    this.warmupNanos = Math.max(0, warmupMillis) * 1_000_000L;
    this.queries = new float[split.queries().length][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = data.vector(split.queries()[q]);
    }
  }

  /** The query vectors, in split order (shared; do not modify). */
  public float[][] queryVectors() {
    return queries;
  }

  public int topN() {
    return topN;
  }

  /**
   * Mean kNN recall@n of {@code index} on the first {@code count} queries, untimed: for
   * searches (a tuner's binary search over probes) that need recall, not timings.
   */
  public double knnRecall(Index index, int count) {
    int n = Math.min(count, queries.length);
    double sum = 0;
    for (int q = 0; q < n; q++) {
      sum += knnRecall(index.search(queries[q], topN), truth.distances(q));
    }
    return sum / n;
  }

  /** Mean label recall on the first {@code count} queries, untimed; NaN without labels. */
  public double labelRecall(Index index, int count) {
    if (!data.hasLabels()) {
      return Double.NaN;
    }
    int n = Math.min(count, queries.length);
    double sum = 0;
    int counted = 0;
    for (int q = 0; q < n; q++) {
      int label = data.label(split.queries()[q]);
      int relevant = truth.membersWithLabel(label);
      if (relevant > 0) {
        sum += (double) sameLabel(index.candidates(queries[q]), label) / relevant;
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }

  public Measurement run(Index index) {
    long start = System.nanoTime();
    int cap = 20 * queries.length;
    for (int q = 0; q < cap && (q < warmup || System.nanoTime() - start < warmupNanos); q++) {
      index.search(queries[q % queries.length], topN);
    }
    TimedIndex timed = new TimedIndex(index);
    Neighbours[] answers = new Neighbours[queries.length];
    for (int q = 0; q < queries.length; q++) {
      answers[q] = timed.search(queries[q], topN);
    }
    double knn = 0;
    double precision = 0;
    double labelRecall = 0;
    int labelQueries = 0;
    double candidates = 0;
    for (int q = 0; q < queries.length; q++) {
      knn += knnRecall(answers[q], truth.distances(q));
      candidates += answers[q].candidates();
      if (data.hasLabels()) {
        int label = data.label(split.queries()[q]);
        precision += precision(answers[q], label);
        int relevant = truth.membersWithLabel(label);
        if (relevant > 0) {
          labelRecall += (double) sameLabel(index.candidates(queries[q]), label) / relevant;
          labelQueries++;
        }
      }
    }
    int count = queries.length;
    return new Measurement(
        labelQueries == 0 ? Double.NaN : labelRecall / labelQueries,
        knn / count,
        data.hasLabels() ? precision / count : Double.NaN,
        candidates / count,
        Measurement.Timing.of(timed.nanos()),
        index.memoryBytes());
  }

  /**
   * ann-benchmarks' definition: the share of returned items no farther than the true n-th
   * neighbour, so that ties at the boundary do not count against an index.
   */
  static double knnRecall(Neighbours answer, float[] trueDistances) {
    int n = trueDistances.length;
    if (n == 0) {
      return 1;
    }
    double threshold = trueDistances[n - 1] * (1 + DISTANCE_SLACK) + 1e-12;
    int hits = 0;
    for (int i = 0; i < Math.min(n, answer.size()); i++) {
      if (answer.distances()[i] <= threshold) {
        hits++;
      }
    }
    return (double) hits / n;
  }

  /** Same-label share of the top n; missing answers count as misses. */
  private double precision(Neighbours answer, int label) {
    int hits = 0;
    for (int id : answer.ids()) {
      if (data.label(id) == label) {
        hits++;
      }
    }
    return (double) hits / topN;
  }

  private int sameLabel(int[] items, int label) {
    int hits = 0;
    for (int id : items) {
      if (data.label(id) == label) {
        hits++;
      }
    }
    return hits;
  }
}
