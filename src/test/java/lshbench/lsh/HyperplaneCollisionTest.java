package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lshbench.data.Dataset;
import lshbench.data.Provenance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The defining property of random-hyperplane LSH: Pr[one bit agrees] = 1 − θ/π. */
class HyperplaneCollisionTest {
  static final int PLANES = 20_000;

  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.4, Math.PI / 4, Math.PI / 2, 2.0, 3.0})
  void collisionRateMatchesOneMinusThetaOverPi(double theta) {
    assertOneBitCollidesAtOneMinusThetaOverPi(new HyperplaneBank(33, 1, PLANES, 7, null), theta);
  }

  /**
   * Two vectors at angle theta, hashed by a 1-bit × {@value #PLANES}-table family: the share of
   * tables where they agree is 1 − θ/π within 4 binomial σ.
   */
  static void assertOneBitCollidesAtOneMinusThetaOverPi(HashFamily family, double theta) {
    Dataset data = TestData.pairAtAngle(family.dim(), theta);
    long[] sig = family.signatures(data, new int[] {0, 1}, 2);
    int agree = 0;
    for (int t = 0; t < PLANES; t++) {
      if (sig[t] == sig[PLANES + t]) {
        agree++;
      }
    }
    double p = 1 - theta / Math.PI;
    double rate = (double) agree / PLANES;
    double sigma = Math.sqrt(p * (1 - p) / PLANES);
    assertTrue(Math.abs(rate - p) <= 4 * sigma + 1e-9,
        "theta=" + theta + ": measured " + rate + ", expected " + p + " ± " + 4 * sigma);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 64})
  void queryKeysEqualBatchSignaturesIncludingCentring(int k) {
    int d = 29;
    int n = 50;
    java.util.SplittableRandom rng = new java.util.SplittableRandom(k);
    float[] v = new float[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextDouble();
    }
    Dataset data = new Dataset(v, d, null, null, null, new Provenance("test", "none", "uniform", true));
    int[] members = new int[n];
    for (int i = 0; i < n; i++) {
      members[i] = i;
    }
    HyperplaneBank bank = new HyperplaneBank(d, k, 3, 11, HyperplaneBank.mean(data, members));
    long[] sig = bank.signatures(data, members, 2);
    long mask = k == 64 ? -1L : (1L << k) - 1;
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < 3; t++) {
        assertEquals(sig[i * 3 + t] & mask, bank.key(data.vector(i), t, k), "item " + i + " table " + t);
      }
    }
  }
}
