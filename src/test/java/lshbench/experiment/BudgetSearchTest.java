package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetSearchTest {
  @Test
  void findsTheFewestBudgetByDoublingThenBisecting() {
    for (int threshold : new int[] {10, 11, 19, 20, 21, 39, 40, 41, 1000, 4096}) {
      List<Integer> asked = new ArrayList<>();
      int found = BudgetSearch.fewest(10, 8192, b -> {
        asked.add(b);
        return b >= threshold;
      });
      assertEquals(threshold, found, asked.toString());
      // Doubling from L: 10, 20, 40, ... then a bisection of the last gap.
      assertTrue(asked.size() <= 2 * (32 - Integer.numberOfLeadingZeros(threshold)) + 2,
          threshold + ": " + asked);
    }
  }

  @Test
  void reportsWhenEvenTheLargestBudgetFallsShort() {
    List<Integer> asked = new ArrayList<>();
    assertEquals(-1, BudgetSearch.fewest(6, 100, b -> {
      asked.add(b);
      return false;
    }));
    assertEquals(List.of(6, 12, 24, 48, 96, 100), asked);
    assertEquals(97, BudgetSearch.fewest(6, 100, b -> b >= 97));
    assertThrows(IllegalArgumentException.class, () -> BudgetSearch.fewest(0, 10, b -> true));
  }
}
