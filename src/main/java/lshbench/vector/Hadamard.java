package lshbench.vector;

/**
 * The fast Walsh–Hadamard transform, in place and unnormalised (H·H = n·I): the rotation
 * step of cross-polytope LSH, O(n log n) instead of the O(n²) of a dense rotation matrix.
 */
public final class Hadamard {
  private Hadamard() {}

  /** Smallest power of two ≥ n. */
  public static int paddedLength(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("length must be positive, got " + n);
    }
    return n == 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /** Transforms {@code a[off .. off+n)}; n must be a power of two. SIMD when available. */
  public static void transform(float[] a, int off, int n) {
    if (Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("Hadamard length must be a power of two, got " + n);
    }
    VectorOps.hadamard(a, off, n);
  }

  /**
   * One pseudo-rotation round: multiplies {@code a[off + i]} by {@code signs[sOff + i]} (±1),
   * then transforms. Fused so the vector passes over the data once.
   */
  public static void signedTransform(float[] a, int off, int n, float[] signs, int sOff) {
    if (Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("Hadamard length must be a power of two, got " + n);
    }
    VectorOps.signedHadamard(a, off, n, signs, sOff);
  }

  /**
   * Index in [0, n) of the largest |a[off + i]|, the first one on ties. SIMD when available.
   */
  public static int argmaxAbs(float[] a, int off, int n) {
    return VectorOps.argmaxAbs(a, off, n);
  }

  /** The portable transform: the reference the SIMD kernel is tested against. */
  public static void scalarTransform(float[] a, int off, int n) {
    if (Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("Hadamard length must be a power of two, got " + n);
    }
    int h = 1;
    // The first three levels within blocks of 8, unrolled: short strides do not vectorise.
    if (n >= 8) {
      for (int i = off, end = off + n; i < end; i += 8) {
        float a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3];
        float a4 = a[i + 4], a5 = a[i + 5], a6 = a[i + 6], a7 = a[i + 7];
        float b0 = a0 + a1, b1 = a0 - a1, b2 = a2 + a3, b3 = a2 - a3;
        float b4 = a4 + a5, b5 = a4 - a5, b6 = a6 + a7, b7 = a6 - a7;
        float c0 = b0 + b2, c2 = b0 - b2, c1 = b1 + b3, c3 = b1 - b3;
        float c4 = b4 + b6, c6 = b4 - b6, c5 = b5 + b7, c7 = b5 - b7;
        a[i] = c0 + c4;
        a[i + 4] = c0 - c4;
        a[i + 1] = c1 + c5;
        a[i + 5] = c1 - c5;
        a[i + 2] = c2 + c6;
        a[i + 6] = c2 - c6;
        a[i + 3] = c3 + c7;
        a[i + 7] = c3 - c7;
      }
      h = 8;
    }
    for (; h < n; h <<= 1) {
      for (int i = off, end = off + n; i < end; i += h << 1) {
        butterflies(a, i, i + h, h);
      }
    }
  }

  /** The portable arg-max of absolute values. */
  public static int scalarArgmaxAbs(float[] a, int off, int n) {
    int best = 0;
    float bestAbs = -1;
    for (int i = 0; i < n; i++) {
      float v = Math.abs(a[off + i]);
      if (v > bestAbs) {
        bestAbs = v;
        best = i;
      }
    }
    return best;
  }

  // Separate method with distinct offsets so the JIT sees a simple, vectorisable loop.
  private static void butterflies(float[] a, int lo, int hi, int h) {
    for (int j = 0; j < h; j++) {
      float x = a[lo + j];
      float y = a[hi + j];
      a[lo + j] = x + y;
      a[hi + j] = x - y;
    }
  }
}
