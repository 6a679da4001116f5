package lshbench.eval;

/**
 * What one index configuration achieved over a query split.
 *
 * @param labelRecall mean over queries of the share of same-category members among the
 *     candidates (NaN for unlabelled data)
 * @param knnRecall mean share of the exact n nearest found in the reranked top n
 * @param precision mean share of same-category items in the reranked top n (NaN unlabelled)
 * @param candidatesMean mean distinct candidates compared exactly per query
 * @param queryUs single queries' wall times in microseconds, pooled over every round: the
 *     latency distribution (its tail), not the figure configurations are ranked by
 * @param memoryBytes the index's own arrays
 * @param cpuUs thread CPU time per query over the timing rounds
 * @param wallUs wall time per query over the same rounds
 */
public record Measurement(double labelRecall, double knnRecall, double precision,
    double candidatesMean, Timing queryUs, long memoryBytes, RoundStats cpuUs, RoundStats wallUs) {

  /** The rounds on {@code clock}. */
  public RoundStats on(Clock clock) {
    return clock == Clock.CPU ? cpuUs : wallUs;
  }

  /** The same recall and memory with the rounds of {@code other} added (see {@link RoundStats#with}). */
  public Measurement withRoundsOf(Measurement other) {
    return new Measurement(labelRecall, knnRecall, precision, candidatesMean, queryUs, memoryBytes,
        cpuUs.with(other.cpuUs), wallUs.with(other.wallUs));
  }

  /** Mean and percentiles of per-query times, microseconds. */
  public record Timing(double mean, double p50, double p95, double p99) {
    /** Nearest-rank percentiles of nanosecond samples. */
    public static Timing of(long[] nanos) {
      if (nanos.length == 0) {
        return new Timing(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      long[] sorted = nanos.clone();
      java.util.Arrays.sort(sorted);
      double sum = 0;
      for (long v : sorted) {
        sum += v;
      }
      return new Timing(sum / sorted.length / 1e3, rank(sorted, 0.50), rank(sorted, 0.95),
          rank(sorted, 0.99));
    }

    private static double rank(long[] sorted, double p) {
      int i = (int) Math.ceil(p * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e3;
    }
  }
}
