package lshbench.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIMD and scalar kernels agree with a double-precision reference on awkward sizes. */
class KernelAgreementTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 8, 13, 15, 16, 17, 31, 33, 127, 128, 1280, 4095, 4096, 4097})
  void panamaScalarAndReferenceAgree(int d) {
    SplittableRandom rng = new SplittableRandom(d);
    int offA = 3;
    int offB = 5; // unaligned offsets into longer arrays, as rows of a dataset are
    float[] a = new float[d + offA + 2];
    float[] b = new float[d + offB + 9];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) rng.nextGaussian();
    }
    double dot = 0;
    double dist = 0;
    double scale = 0;
    for (int i = 0; i < d; i++) {
      dot += (double) a[offA + i] * b[offB + i];
      double t = (double) a[offA + i] - b[offB + i];
      dist += t * t;
      scale += Math.abs((double) a[offA + i] * b[offB + i]);
    }
    double tol = 1e-5 * (scale + 1);
    Kernels[] impls = {new ScalarKernels(), new PanamaKernels()};
    for (Kernels k : impls) {
      assertEquals(dot, k.dot(a, offA, b, offB, d), tol, k.name() + " dot d=" + d);
      assertEquals(dist, k.squaredDistance(a, offA, b, offB, d), 1e-5 * (dist + 1),
          k.name() + " distance d=" + d);
    }
  }

  @org.junit.jupiter.api.Test
  void theTestJvmRunsTheSimdKernels() {
    assertTrue(VectorOps.implementation().startsWith("panama"), VectorOps.implementation());
  }
}
