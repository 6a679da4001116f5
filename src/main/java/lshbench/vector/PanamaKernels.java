package lshbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on the preferred vector width (16 floats with AVX-512, 8 with AVX2), two
 * independent accumulators so consecutive FMAs do not wait on each other, scalar tail.
 * Loaded reflectively by {@link Kernels#select} so the class never links without its module.
 */
final class PanamaKernels implements Kernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int W = S.length();
  /** Butterfly levels inside one vector: lane i pairs with lane i ^ h, for h = 1, 2, 4, … < W. */
  private static final int INNER = Integer.numberOfTrailingZeros(W);
  private static final VectorShuffle<Float>[] PARTNER = partners();
  private static final FloatVector[] SIGN = signs();

  @SuppressWarnings("unchecked")
  private static VectorShuffle<Float>[] partners() {
    VectorShuffle<Float>[] out = new VectorShuffle[INNER];
    for (int l = 0; l < INNER; l++) {
      int h = 1 << l;
      out[l] = VectorShuffle.fromOp(S, i -> i ^ h);
    }
    return out;
  }

  private static FloatVector[] signs() {
    FloatVector[] out = new FloatVector[INNER];
    for (int l = 0; l < INNER; l++) {
      float[] s = new float[W];
      for (int i = 0; i < W; i++) {
        s[i] = (i & (1 << l)) == 0 ? 1f : -1f;
      }
      out[l] = FloatVector.fromArray(S, s, 0);
    }
    return out;
  }

  @Override
  public String name() {
    return "panama (" + W + " floats a vector)";
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int d) {
    FloatVector acc0 = FloatVector.zero(S);
    FloatVector acc1 = FloatVector.zero(S);
    int i = 0;
    for (int end = d - 2 * W; i <= end; i += 2 * W) {
      acc0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc0);
      acc1 = FloatVector.fromArray(S, a, aOff + i + W)
          .fma(FloatVector.fromArray(S, b, bOff + i + W), acc1);
    }
    for (int end = d - W; i <= end; i += W) {
      acc0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < d; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
  }

  @Override
  public float squaredDistance(float[] a, int aOff, float[] b, int bOff, int d) {
    FloatVector acc0 = FloatVector.zero(S);
    FloatVector acc1 = FloatVector.zero(S);
    int i = 0;
    for (int end = d - 2 * W; i <= end; i += 2 * W) {
      FloatVector d0 = FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i));
      FloatVector d1 = FloatVector.fromArray(S, a, aOff + i + W)
          .sub(FloatVector.fromArray(S, b, bOff + i + W));
      acc0 = d0.fma(d0, acc0);
      acc1 = d1.fma(d1, acc1);
    }
    for (int end = d - W; i <= end; i += W) {
      FloatVector d0 = FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i));
      acc0 = d0.fma(d0, acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < d; i++) {
      float t = a[aOff + i] - b[bOff + i];
      sum += t * t;
    }
    return sum;
  }

  @Override
  public void hadamard(float[] a, int off, int n) {
    if (n < W) {
      lshbench.vector.Hadamard.scalarTransform(a, off, n);
      return;
    }
    // Levels h < W inside each vector: x[i] ± x[i ^ h] is x·(±1) + (x permuted).
    for (int i = off, end = off + n; i < end; i += W) {
      FloatVector v = FloatVector.fromArray(S, a, i);
      for (int l = 0; l < INNER; l++) {
        v = v.fma(SIGN[l], v.rearrange(PARTNER[l]));
      }
      v.intoArray(a, i);
    }
    outerLevels(a, off, n);
  }

  @Override
  public void signedHadamard(float[] a, int off, int n, float[] signs, int sOff) {
    if (n < W) {
      for (int i = 0; i < n; i++) {
        a[off + i] *= signs[sOff + i];
      }
      lshbench.vector.Hadamard.scalarTransform(a, off, n);
      return;
    }
    for (int i = 0; i < n; i += W) {
      FloatVector v = FloatVector.fromArray(S, a, off + i).mul(FloatVector.fromArray(S, signs, sOff + i));
      for (int l = 0; l < INNER; l++) {
        v = v.fma(SIGN[l], v.rearrange(PARTNER[l]));
      }
      v.intoArray(a, off + i);
    }
    outerLevels(a, off, n);
  }

  private static void outerLevels(float[] a, int off, int n) {
    for (int h = W; h < n; h <<= 1) {
      for (int i = off, end = off + n; i < end; i += h << 1) {
        for (int j = i, hi = i + h; j < hi; j += W) {
          FloatVector x = FloatVector.fromArray(S, a, j);
          FloatVector y = FloatVector.fromArray(S, a, j + h);
          x.add(y).intoArray(a, j);
          x.sub(y).intoArray(a, j + h);
        }
      }
    }
  }

  @Override
  public int argmaxAbs(float[] a, int off, int n) {
    if (n < W) {
      return lshbench.vector.Hadamard.scalarArgmaxAbs(a, off, n);
    }
    int i = 0;
    FloatVector max = FloatVector.zero(S);
    for (int end = n - W; i <= end; i += W) {
      max = max.max(FloatVector.fromArray(S, a, off + i).abs());
    }
    float m = max.reduceLanes(VectorOperators.MAX);
    for (; i < n; i++) {
      m = Math.max(m, Math.abs(a[off + i]));
    }
    // Second pass: the first vector holding the maximum, then its first lane that does.
    for (int j = 0; j <= n - W; j += W) {
      VectorMask<Float> hit = FloatVector.fromArray(S, a, off + j).abs().eq(m);
      if (hit.anyTrue()) {
        return j + hit.firstTrue();
      }
    }
    for (int j = n - n % W; j < n; j++) {
      if (Math.abs(a[off + j]) == m) {
        return j;
      }
    }
    return 0;
  }
}
