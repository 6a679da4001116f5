package lshbench.experiment;

import java.util.function.IntPredicate;

/**
 * The search FALCONN's examples run for {@code num_probes}: start at the smallest budget,
 * double it until the target is reached, then binary-search between the last budget that fell
 * short and the first that reached it. Needs a monotone test (recall only grows with the
 * budget), and costs about 2·log2(found / start) evaluations.
 */
final class BudgetSearch {
  private BudgetSearch() {}

  /** The fewest budget in [start, max] that {@code reaches}, or −1 when even max falls short. */
  static int fewest(int start, int max, IntPredicate reaches) {
    if (start < 1 || start > max) {
      throw new IllegalArgumentException("budget search needs 1 <= start <= max, got " + start
          + " and " + max);
    }
    int shortOf = start - 1;
    int budget = start;
    while (!reaches.test(budget)) {
      if (budget == max) {
        return -1;
      }
      shortOf = budget;
      budget = (int) Math.min(max, 2L * budget);
    }
    // reaches(budget) holds, reaches(shortOf) does not (or shortOf is below the start).
    int lo = shortOf + 1;
    int hi = budget;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (reaches.test(mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
