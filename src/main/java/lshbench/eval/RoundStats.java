package lshbench.eval;

import java.util.Arrays;

/**
 * One configuration's figure over its timing rounds: each round's mean time per query, then
 * the median of the rounds and their quartiles. The median is what ranks; a burst of load that
 * spoils fewer than half of the rounds does not move it, and the quartiles say how far the
 * rounds agree.
 *
 * @param median median over rounds, µs per query
 * @param p25 lower quartile of the rounds (linear interpolation), µs
 * @param p75 upper quartile, µs
 * @param rounds each round's mean µs per query, in round order
 */
public record RoundStats(double median, double p25, double p75, double[] rounds) {

  public static RoundStats of(double[] rounds) {
    if (rounds.length == 0) {
      return new RoundStats(Double.NaN, Double.NaN, Double.NaN, rounds);
    }
    double[] sorted = rounds.clone();
    Arrays.sort(sorted);
    return new RoundStats(quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75),
        rounds.clone());
  }

  /** The rounds of both, as if timed as one set (an exact scan timed in several groups). */
  public RoundStats with(RoundStats other) {
    double[] all = Arrays.copyOf(rounds, rounds.length + other.rounds.length);
    System.arraycopy(other.rounds, 0, all, rounds.length, other.rounds.length);
    return of(all);
  }

  /** Interquartile range relative to the median: how far the rounds disagree (0 = not at all). */
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
