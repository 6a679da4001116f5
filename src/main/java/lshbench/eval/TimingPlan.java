package lshbench.eval;

/**
 * How queries are timed: on which clocks, in how many interleaved rounds, after how much
 * warm-up, and how much disagreement between rounds makes a configuration noisy.
 *
 * @param watch the clocks read around every query
 * @param clock the clock whose median ranks configurations
 * @param rounds rounds every index of a group is timed in, each over every query
 * @param tolerance rounds' interquartile range over median above which a configuration is
 *     flagged noisy
 * @param warmup untimed warm-up queries per index before its first round (JIT)
 * @param warmupNanos and at least this long
 */
public record TimingPlan(Stopwatch watch, Clock clock, int rounds, double tolerance, int warmup,
    long warmupNanos) {

  public TimingPlan {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be positive, got " + rounds);
    }
  }

  /** The system clocks, as a run uses them. */
  public static TimingPlan of(Clock clock, int rounds, double tolerance, int warmup,
      int warmupMillis) {
    return new TimingPlan(Stopwatch.system(), clock, rounds, tolerance, Math.max(0, warmup),
        Math.max(0, warmupMillis) * 1_000_000L);
  }
}
