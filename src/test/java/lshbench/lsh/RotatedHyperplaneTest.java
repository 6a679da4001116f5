package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lshbench.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hyperplanes from pseudo-random rotations keep random-hyperplane LSH's contract. */
class RotatedHyperplaneTest {
  private static final int PLANES = HyperplaneCollisionTest.PLANES;

  /**
   * Pr[one bit agrees] = 1 − θ/π, as for Gaussian planes. The binomial 4σ is conservative: the
   * rows of one rotation are orthogonal, which makes agreements vary less, not more.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.4, Math.PI / 4, Math.PI / 2, 2.0, 3.0})
  void collisionRateMatchesOneMinusThetaOverPi(double theta) {
    HyperplaneCollisionTest.assertOneBitCollidesAtOneMinusThetaOverPi(
        new RotatedHyperplaneFamily(33, 1, PLANES, 7, null), theta);
  }

  /** k·L = 65 planes at d' = 32: three rotations, the last one partly used. */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13})
  void queryKeysEqualBatchSignaturesIncludingCentring(int k) {
    int d = 29;
    int n = 50;
    int tables = 5;
    Dataset data = TestData.gaussian(n, d, k);
    int[] members = TestData.range(0, n);
    RotatedHyperplaneFamily f = new RotatedHyperplaneFamily(d, 13, tables, 11,
        HyperplaneBank.mean(data, members));
    long[] sig = f.signatures(data, members, 2);
    long[] keys = new long[tables];
    int[] tableOf = new int[tables];
    for (int i = 0; i < n; i++) {
      assertEquals(tables, f.queryKeys(data.vector(i), k, tables, 0, keys, tableOf));
      for (int t = 0; t < tables; t++) {
        assertEquals(t, tableOf[t]);
        assertEquals(sig[i * tables + t] & f.mask(k), keys[t], "item " + i + " table " + t);
        assertEquals(keys[t], f.key(data.vector(i), t, k), "one-at-a-time key, item " + i);
      }
    }
    assertEquals(3, f.rotationsFor(13, tables));
    assertEquals(1, f.rotationsFor(k, 1));
    assertEquals(4L * 3 * PseudoRotations.ROUNDS * 32 + 4L * d, f.bytesFor(13, tables));
  }

  @Test
  void everyItemFindsItselfAndProbesAddCandidatesAndRecall() {
    Dataset data = TestData.gaussian(3000, 40, 21);
    RotatedHyperplaneFamily f = new RotatedHyperplaneFamily(40, 12, 6, 8,
        HyperplaneBank.mean(data, TestData.range(0, 3000)));
    TestData.assertItemsFindThemselvesAndProbesHelp(f, data, 12, 6);
  }
}
