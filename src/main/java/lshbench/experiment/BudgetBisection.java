package lshbench.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;

/**
 * Closes the gaps of a compare run's budget ladder where a pick may hide. The ladder measures
 * total probe budgets a factor of about two apart, so a configuration that needs 583 probes to
 * reach a target is timed at 800: up to twice the candidates of the budget FALCONN's harness
 * finds by binary search. For each target that two neighbouring rungs of the same tables
 * bracket, this bisects between them on untimed recall (recall only grows with the budget)
 * until they are within 1/16 of each other, and returns the smallest budget found to reach
 * it, for the caller to time like any rung.
 *
 * <p>Only where it can matter: the bracket's upper rung must be within {@link #SLACK} of the
 * fastest time any table set of the family has reached the target with so far, since the
 * budget found lies between the two rungs and cannot be much faster than the upper one.
 */
final class BudgetBisection {
  /** How much slower than the family's best so far an upper rung may be and still be refined. */
  static final double SLACK = 1.5;
  /** Bisection stops when the bracket is this fraction of its lower end or less. */
  private static final int RESOLUTION = 16;

  private final double[] targets;
  private final Map<String, Double> fastest = new HashMap<>();
  private int recallPasses;

  /** A measured rung: a total budget on one set of tables, its recall and µs a query. */
  record Rung(int budget, double recall, double queryUs) {}

  BudgetBisection(double[] targets) {
    this.targets = targets.clone();
  }

  /**
   * Records a timed configuration of {@code family} (any probing): it sets the bar a bracket
   * must come close to before it is refined.
   */
  void timed(String family, double recall, double queryUs) {
    for (double target : targets) {
      if (recall >= target) {
        fastest.merge(key(family, target), queryUs, Math::min);
      }
    }
  }

  /**
   * The budgets to time next for one set of {@code tables} tables of {@code family}: for each
   * target bracketed by {@code rungs} (measured on those tables, one rerank setting) and close
   * enough to the family's best, the fewest budget found to reach it, when it is not a rung
   * already. {@code recallAt} answers the recall of a budget, untimed.
   */
  List<Integer> refine(String family, int tables, List<Rung> rungs, IntToDoubleFunction recallAt) {
    TreeSet<Integer> found = new TreeSet<>();
    Map<Integer, Double> known = new HashMap<>();
    for (Rung r : rungs) {
      known.put(r.budget(), r.recall());
    }
    for (double target : targets) {
      Rung upper = null;
      for (Rung r : rungs) {
        if (r.recall() >= target && (upper == null || r.budget() < upper.budget())) {
          upper = r;
        }
      }
      Double best = fastest.get(key(family, target));
      if (upper == null || best != null && upper.queryUs() > SLACK * best) {
        continue;
      }
      // Below one bucket a table a budget is not a budget: the lowest bracket starts there.
      int lo = tables - 1;
      for (Rung r : rungs) {
        if (r.budget() < upper.budget() && r.recall() < target) {
          lo = Math.max(lo, r.budget());
        }
      }
      int hi = upper.budget();
      while (hi - lo > Math.max(1, lo / RESOLUTION)) {
        int mid = lo + (hi - lo) / 2;
        double recall = known.computeIfAbsent(mid, b -> {
          recallPasses++;
          return recallAt.applyAsDouble(b);
        });
        if (recall >= target) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      if (hi != upper.budget()) {
        found.add(hi);
      }
    }
    return new ArrayList<>(found);
  }

  /** Untimed recall passes the bisections ran. */
  int recallPasses() {
    return recallPasses;
  }

  private static String key(String family, double target) {
    return family + "@" + target;
  }
}
