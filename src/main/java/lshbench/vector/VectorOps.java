package lshbench.vector;

/**
 * Kernels over rows of a flat row-major {@code float[]}: SIMD through the JDK's Vector API when
 * the JVM runs with {@code --add-modules jdk.incubator.vector} (as .mvn/jvm.config and the test
 * configuration arrange), the scalar code below otherwise, after one warning that names the
 * flag. {@code -Dlshbench.simd=false} forces the scalar code.
 */
public final class VectorOps {
  private VectorOps() {}

  private static final Kernels KERNELS = Kernels.select();

  /** Which implementation runs: "panama (N floats a vector)" or "scalar". */
  public static String implementation() {
    return KERNELS.name();
  }

  /** Dot product of {@code a[aOff..aOff+d)} and {@code b[bOff..bOff+d)}. */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int d) {
    return KERNELS.dot(a, aOff, b, bOff, d);
  }

  /** Squared Euclidean distance of two rows. */
  public static float squaredDistance(float[] a, int aOff, float[] b, int bOff, int d) {
    return KERNELS.squaredDistance(a, aOff, b, bOff, d);
  }

  /**
   * Squared distances from one query row to four rows of {@code v} at offsets {@code o0..o3},
   * into {@code out[0..3]}: the same floats as four {@link #squaredDistance} calls, with the
   * four rows' memory reads overlapping (the rerank of scattered rows and the exact scan).
   */
  public static void squaredDistances4(float[] q, int qOff, float[] v, int o0, int o1, int o2,
      int o3, int d, float[] out) {
    KERNELS.squaredDistances4(q, qOff, v, o0, o1, o2, o3, d, out);
  }

  /**
   * Indices j < cols, ascending, whose expanded squared distance
   * {@code (norms[j] + queryNorm) − 2·dots[dotsOff + j]} is at most {@code limit}; returns how
   * many were written to {@code hits}. Evaluated in that order, so recomputing it gives the
   * same float.
   */
  public static int expandedAtMost(float[] dots, int dotsOff, float[] norms, float queryNorm,
      float limit, int cols, int[] hits) {
    return KERNELS.expandedAtMost(dots, dotsOff, norms, queryNorm, limit, cols, hits);
  }

  static Kernels kernels() {
    return KERNELS;
  }

  /** In-place unnormalised Walsh–Hadamard transform (see {@link Hadamard}). */
  static void hadamard(float[] a, int off, int n) {
    KERNELS.hadamard(a, off, n);
  }

  static void signedHadamard(float[] a, int off, int n, float[] signs, int sOff) {
    KERNELS.signedHadamard(a, off, n, signs, sOff);
  }

  static int argmaxAbs(float[] a, int off, int n) {
    return KERNELS.argmaxAbs(a, off, n);
  }

  /**
   * Scalar dot product. Eight independent accumulators: the JIT will not reorder a float
   * reduction, so a single accumulator serialises on the add latency.
   */
  public static float scalarDot(float[] a, int aOff, float[] b, int bOff, int d) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = 0;
    for (int end = d - 7; i < end; i += 8) {
      s0 += a[aOff + i] * b[bOff + i];
      s1 += a[aOff + i + 1] * b[bOff + i + 1];
      s2 += a[aOff + i + 2] * b[bOff + i + 2];
      s3 += a[aOff + i + 3] * b[bOff + i + 3];
      s4 += a[aOff + i + 4] * b[bOff + i + 4];
      s5 += a[aOff + i + 5] * b[bOff + i + 5];
      s6 += a[aOff + i + 6] * b[bOff + i + 6];
      s7 += a[aOff + i + 7] * b[bOff + i + 7];
    }
    for (; i < d; i++) {
      s0 += a[aOff + i] * b[bOff + i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** Scalar squared Euclidean distance. */
  public static float scalarSquaredDistance(float[] a, int aOff, float[] b, int bOff, int d) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = 0;
    for (int end = d - 7; i < end; i += 8) {
      float d0 = a[aOff + i] - b[bOff + i];
      float d1 = a[aOff + i + 1] - b[bOff + i + 1];
      float d2 = a[aOff + i + 2] - b[bOff + i + 2];
      float d3 = a[aOff + i + 3] - b[bOff + i + 3];
      float d4 = a[aOff + i + 4] - b[bOff + i + 4];
      float d5 = a[aOff + i + 5] - b[bOff + i + 5];
      float d6 = a[aOff + i + 6] - b[bOff + i + 6];
      float d7 = a[aOff + i + 7] - b[bOff + i + 7];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
      s4 += d4 * d4;
      s5 += d5 * d5;
      s6 += d6 * d6;
      s7 += d7 * d7;
    }
    for (; i < d; i++) {
      float t = a[aOff + i] - b[bOff + i];
      s0 += t * t;
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** Euclidean norm of one row, accumulated in double so long rows keep their precision. */
  public static double norm(float[] a, int off, int d) {
    double s = 0;
    for (int i = 0; i < d; i++) {
      s += (double) a[off + i] * a[off + i];
    }
    return Math.sqrt(s);
  }
}
