package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossPolytopeBudgetProbesTest {

  /**
   * With one function in one table, the budget's probes after the home bucket are the vertices
   * of the rotated coordinates in decreasing magnitude (ties to the lower index). A budget of
   * more than 16 probes takes the heap selection instead of insertion, so both are checked
   * against a plain sort, ties included.
   */
  @ParameterizedTest
  @ValueSource(ints = {5, 16, 17, 100, 200})
  void probesFollowTheCoordinatesByDecreasingMagnitude(int budget) {
    int d = 256;
    Random random = new Random(7 + budget);
    float[] x = new float[d];
    for (int i = 0; i < d; i++) {
      // Few distinct magnitudes, both signs: ties must fall to the lower index.
      x[i] = (random.nextInt(40) - 20) / 4f;
    }
    CrossPolytopeBudgetProbes probes = new CrossPolytopeBudgetProbes(1, d, 1, budget);
    Integer[] order = IntStream.range(0, d).boxed().sorted(Comparator
        .comparingDouble((Integer i) -> -Math.abs(x[i])).thenComparingInt(i -> i))
        .toArray(Integer[]::new);
    long home = vertex(x, order[0], d);
    probes.table(0, home, x, 1, d, probes.ranksFor(1, budget));
    long[] keys = new long[budget];
    int[] tables = new int[budget];
    int n = probes.keys(1, 12, 1, budget, keys, tables);

    assertEquals(Math.min(budget, d), n);
    long[] expected = new long[n];
    for (int r = 0; r < n; r++) {
      expected[r] = vertex(x, order[r], d);
    }
    assertArrayEquals(expected, keys);
  }

  private static long vertex(float[] x, int i, int d) {
    return x[i] >= 0 ? i : i + d;
  }
}
