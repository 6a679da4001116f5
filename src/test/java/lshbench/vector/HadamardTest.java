package lshbench.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HadamardTest {
  private static float[] random(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextGaussian();
    }
    return a;
  }

  @Test
  void simdTransformEqualsTheScalarOneAtEveryPowerOfTwo() {
    for (int n = 1; n <= 4096; n <<= 1) {
      float[] a = random(n + 3, n);
      float[] b = a.clone();
      Hadamard.transform(a, 3, n);
      Hadamard.scalarTransform(b, 3, n);
      for (int i = 0; i < n + 3; i++) {
        assertEquals(b[i], a[i], 1e-3f * (float) Math.sqrt(n), "n=" + n + " i=" + i);
      }
    }
  }

  @Test
  void transformingTwiceScalesByN() {
    for (int n : new int[] {2, 8, 16, 128, 2048}) {
      float[] a = random(n, 7);
      float[] b = a.clone();
      Hadamard.transform(b, 0, n);
      Hadamard.transform(b, 0, n);
      for (int i = 0; i < n; i++) {
        assertEquals(n * a[i], b[i], 1e-3 * n);
      }
    }
  }

  @Test
  void matchesTheDefinitionOnASmallCase() {
    // H4 rows: ++++, +-+-, ++--, +--+
    float[] a = {1, 2, 3, 4};
    Hadamard.transform(a, 0, 4);
    assertArrayEquals(new float[] {10, -2, -4, 0}, a);
  }

  @Test
  void signedTransformFlipsThenTransforms() {
    for (int n : new int[] {4, 32, 1024}) {
      float[] a = random(n, 3);
      float[] signs = new float[n + 5];
      for (int i = 0; i < signs.length; i++) {
        signs[i] = i % 3 == 0 ? -1 : 1;
      }
      float[] b = a.clone();
      for (int i = 0; i < n; i++) {
        b[i] *= signs[5 + i];
      }
      Hadamard.scalarTransform(b, 0, n);
      Hadamard.signedTransform(a, 0, n, signs, 5);
      for (int i = 0; i < n; i++) {
        assertEquals(b[i], a[i], 1e-3f * (float) Math.sqrt(n));
      }
    }
  }

  @Test
  void argmaxAbsFindsTheFirstLargestMagnitude() {
    for (int n : new int[] {1, 5, 16, 17, 100, 2048}) {
      float[] a = random(n, n);
      assertEquals(Hadamard.scalarArgmaxAbs(a, 0, n), Hadamard.argmaxAbs(a, 0, n), "n=" + n);
    }
    float[] tie = {1, -3, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -3};
    assertEquals(1, Hadamard.argmaxAbs(tie, 0, tie.length));
    assertEquals(1, Hadamard.argmaxAbs(tie, 2, tie.length - 2), "offset respected");
  }

  @Test
  void refusesLengthsThatAreNotPowersOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> Hadamard.transform(new float[12], 0, 12));
    assertEquals(2048, Hadamard.paddedLength(1280));
    assertEquals(128, Hadamard.paddedLength(128));
    assertEquals(1, Hadamard.paddedLength(1));
  }
}
