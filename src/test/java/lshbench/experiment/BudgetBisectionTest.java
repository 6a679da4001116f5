package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetBisectionTest {
  /** Recall grows with the budget: a tenth of a point per budget unit, capped at 1. */
  private static double recall(int budget) {
    return Math.min(1, budget / 1000.0);
  }

  private static List<BudgetBisection.Rung> rungs(int... budgets) {
    List<BudgetBisection.Rung> out = new ArrayList<>();
    for (int b : budgets) {
      out.add(new BudgetBisection.Rung(b, recall(b), b / 10.0));
    }
    return out;
  }

  @Test
  void findsTheFewestBudgetWithinASixteenthForEachBracketedTarget() {
    BudgetBisection bisection = new BudgetBisection(new double[] {0.8, 0.9, 0.95});
    List<Integer> asked = new ArrayList<>();
    List<Integer> found = bisection.refine("hp", 10, rungs(100, 200, 400, 1600), b -> {
      asked.add(b);
      return recall(b);
    });
    assertEquals(3, found.size(), "one budget per target: " + found);
    double[] targets = {0.8, 0.9, 0.95};
    for (int i = 0; i < 3; i++) {
      int b = found.get(i);
      assertTrue(recall(b) >= targets[i], b + " reaches " + targets[i]);
      assertTrue(b <= 1000 * targets[i] * (1 + 1.0 / 16) + 1, b + " is close to the fewest");
    }
    assertEquals(asked.size(), bisection.recallPasses());
    assertEquals(asked.size(), asked.stream().distinct().count(), "no budget asked twice");
    assertTrue(asked.stream().allMatch(b -> b > 400 && b < 1600), "only inside the bracket");
  }

  @Test
  void leavesBracketsAloneThatCannotBeatTheFamilysBest() {
    BudgetBisection bisection = new BudgetBisection(new double[] {0.8});
    bisection.timed("hp", 0.85, 50); // another table set reached 0.8 in 50 µs
    List<Integer> found = bisection.refine("hp", 10, rungs(400, 1600), b -> {
      throw new AssertionError("no recall pass expected, asked " + b);
    });
    assertTrue(found.isEmpty(), "the upper rung takes 160 µs, over 1.5 × 50");
    assertTrue(bisection.refine("cp", 10, rungs(400, 1600), BudgetBisectionTest::recall).size() == 1,
        "another family has its own bar");
  }

  @Test
  void aTargetReachedAtTheFirstRungBisectsDownToOneBucketATable() {
    BudgetBisection bisection = new BudgetBisection(new double[] {0.05});
    List<Integer> found = bisection.refine("hp", 20, rungs(400), BudgetBisectionTest::recall);
    assertEquals(1, found.size());
    assertTrue(found.get(0) >= 50 && found.get(0) <= 53, "fewest reaching 0.05 is 50: " + found);
  }

  @Test
  void nothingToDoWhenNoRungReachesATarget() {
    BudgetBisection bisection = new BudgetBisection(new double[] {0.9});
    assertTrue(bisection.refine("hp", 10, rungs(100, 200), b -> 0.0).isEmpty());
    assertEquals(0, bisection.recallPasses());
  }
}
