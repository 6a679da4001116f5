package lshbench.eval;

import java.util.Arrays;

/**
 * One configuration's time per query over its timing rounds, on one clock.
 *
 * <p>The figure ({@link #median}) takes every query's median over the rounds, then the mean of
 * those over the queries: a query that a preemption or a cold cache slowed in fewer than half
 * of the rounds counts at its usual cost, while costly queries still count as costly (a median
 * over queries would drop them). The quartiles are those of the rounds' own means, so they say
 * how far whole rounds disagreed: the noise the figure was cleaned of.
 *
 * @param median mean over queries of each query's median over rounds, µs
 * @param p25 lower quartile of the rounds' mean µs per query (linear interpolation)
 * @param p75 upper quartile of the rounds' means
 * @param rounds each round's mean µs per query, in round order
 * @param perQuery µs of query q in round r, {@code perQuery[r][q]}
 */
public record RoundStats(double median, double p25, double p75, double[] rounds,
    double[][] perQuery) {

  /** From per-query times, {@code perQuery[round][query]} in µs. */
  public static RoundStats of(double[][] perQuery) {
    int rounds = perQuery.length;
    int queries = rounds == 0 ? 0 : perQuery[0].length;
    if (rounds == 0 || queries == 0) {
      return new RoundStats(Double.NaN, Double.NaN, Double.NaN, new double[0], perQuery);
    }
    double[] means = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      means[r] = Arrays.stream(perQuery[r]).average().orElse(Double.NaN);
    }
    double sum = 0;
    double[] column = new double[rounds];
    for (int q = 0; q < queries; q++) {
      for (int r = 0; r < rounds; r++) {
        column[r] = perQuery[r][q];
      }
      sum += median(column);
    }
    double[] sorted = means.clone();
    Arrays.sort(sorted);
    return new RoundStats(sum / queries, quantile(sorted, 0.25), quantile(sorted, 0.75), means,
        perQuery);
  }

  /** The rounds of both, as if timed as one set (an exact scan timed in several groups). */
  public RoundStats with(RoundStats other) {
    double[][] all = Arrays.copyOf(perQuery, perQuery.length + other.perQuery.length);
    System.arraycopy(other.perQuery, 0, all, perQuery.length, other.perQuery.length);
    return of(all);
  }

  /** Interquartile range of the rounds relative to the figure: how far they disagree. */
  public double spread() {
    return median > 0 ? (p75 - p25) / median : 0;
  }

  /** True when the rounds disagree by more than {@code tolerance} (see {@link #spread}). */
  public boolean noisy(double tolerance) {
    return spread() > tolerance;
  }

  /** Median of an array of values (the values are not modified); NaN when empty. */
  public static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return quantile(sorted, 0.5);
  }

  private static double quantile(double[] sorted, double p) {
    double at = p * (sorted.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
  }
}
