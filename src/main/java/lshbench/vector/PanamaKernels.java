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

  /**
   * Four rows of {@link #squaredDistance} interleaved: the same two accumulators per row, fed
   * in the same order, then the same lane sum and scalar tail, so each result is bit for bit the
   * one-row kernel's. Eight accumulators and two query vectors fit the registers of AVX2 and
   * AVX-512 alike.
   */
  @Override
  public void squaredDistances4(float[] q, int qOff, float[] v, int o0, int o1, int o2, int o3,
      int d, float[] out) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector b0 = a0;
    FloatVector a1 = a0;
    FloatVector b1 = a0;
    FloatVector a2 = a0;
    FloatVector b2 = a0;
    FloatVector a3 = a0;
    FloatVector b3 = a0;
    int i = 0;
    for (int end = d - 2 * W; i <= end; i += 2 * W) {
      FloatVector x = FloatVector.fromArray(S, q, qOff + i);
      FloatVector y = FloatVector.fromArray(S, q, qOff + i + W);
      FloatVector t = x.sub(FloatVector.fromArray(S, v, o0 + i));
      FloatVector u = y.sub(FloatVector.fromArray(S, v, o0 + i + W));
      a0 = t.fma(t, a0);
      b0 = u.fma(u, b0);
      t = x.sub(FloatVector.fromArray(S, v, o1 + i));
      u = y.sub(FloatVector.fromArray(S, v, o1 + i + W));
      a1 = t.fma(t, a1);
      b1 = u.fma(u, b1);
      t = x.sub(FloatVector.fromArray(S, v, o2 + i));
      u = y.sub(FloatVector.fromArray(S, v, o2 + i + W));
      a2 = t.fma(t, a2);
      b2 = u.fma(u, b2);
      t = x.sub(FloatVector.fromArray(S, v, o3 + i));
      u = y.sub(FloatVector.fromArray(S, v, o3 + i + W));
      a3 = t.fma(t, a3);
      b3 = u.fma(u, b3);
    }
    for (int end = d - W; i <= end; i += W) {
      FloatVector x = FloatVector.fromArray(S, q, qOff + i);
      FloatVector t = x.sub(FloatVector.fromArray(S, v, o0 + i));
      a0 = t.fma(t, a0);
      t = x.sub(FloatVector.fromArray(S, v, o1 + i));
      a1 = t.fma(t, a1);
      t = x.sub(FloatVector.fromArray(S, v, o2 + i));
      a2 = t.fma(t, a2);
      t = x.sub(FloatVector.fromArray(S, v, o3 + i));
      a3 = t.fma(t, a3);
    }
    float s0 = a0.add(b0).reduceLanes(VectorOperators.ADD);
    float s1 = a1.add(b1).reduceLanes(VectorOperators.ADD);
    float s2 = a2.add(b2).reduceLanes(VectorOperators.ADD);
    float s3 = a3.add(b3).reduceLanes(VectorOperators.ADD);
    for (; i < d; i++) {
      float x = q[qOff + i];
      float t0 = x - v[o0 + i];
      float t1 = x - v[o1 + i];
      float t2 = x - v[o2 + i];
      float t3 = x - v[o3 + i];
      s0 += t0 * t0;
      s1 += t1 * t1;
      s2 += t2 * t2;
      s3 += t3 * t3;
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
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
    int h = W;
    // Two levels per pass (radix 4): four vectors loaded, both butterflies done in registers,
    // four stored, half the loads and stores of one level at a time; the transform is bound
    // by those, not by the adds.
    for (; 2 * h < n; h <<= 2) {
      int h2 = 2 * h;
      int h3 = 3 * h;
      for (int i = off, end = off + n; i < end; i += h << 2) {
        for (int j = i, hi = i + h; j < hi; j += W) {
          FloatVector x0 = FloatVector.fromArray(S, a, j);
          FloatVector x1 = FloatVector.fromArray(S, a, j + h);
          FloatVector x2 = FloatVector.fromArray(S, a, j + h2);
          FloatVector x3 = FloatVector.fromArray(S, a, j + h3);
          FloatVector s01 = x0.add(x1);
          FloatVector d01 = x0.sub(x1);
          FloatVector s23 = x2.add(x3);
          FloatVector d23 = x2.sub(x3);
          s01.add(s23).intoArray(a, j);
          d01.add(d23).intoArray(a, j + h);
          s01.sub(s23).intoArray(a, j + h2);
          d01.sub(d23).intoArray(a, j + h3);
        }
      }
    }
    for (; h < n; h <<= 1) {
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

  /** A lane compare per W items instead of a branch per item: most items are never close. */
  @Override
  public int expandedAtMost(float[] dots, int dotsOff, float[] norms, float queryNorm,
      float limit, int cols, int[] hits) {
    int n = 0;
    int j = 0;
    for (; j + W <= cols; j += W) {
      FloatVector dist = FloatVector.fromArray(S, norms, j).add(queryNorm)
          .sub(FloatVector.fromArray(S, dots, dotsOff + j).mul(2f));
      long mask = dist.compare(VectorOperators.LE, limit).toLong();
      while (mask != 0) {
        hits[n++] = j + Long.numberOfTrailingZeros(mask);
        mask &= mask - 1;
      }
    }
    for (; j < cols; j++) {
      if (norms[j] + queryNorm - 2 * dots[dotsOff + j] <= limit) {
        hits[n++] = j;
      }
    }
    return n;
  }

  @Override
  public int tileRows() {
    return 6;
  }

  @Override
  public int panelWidth() {
    return 2 * W;
  }

  /**
   * A 6 × 2W register tile, BLAS-style: each step broadcasts one coordinate of six rows and
   * multiplies it into two panel vectors, so 12 FMAs share 2 vector loads and no lane sum is
   * needed until the end. 12 accumulators plus 3 operands fit AVX2's 16 registers and leave
   * AVX-512 room; on this machine it runs at about 180 GFLOP/s a core, 6× the one-pair kernel.
   */
  @Override
  public void dotTile(float[] a, int[] rowOffsets, int d, float[] panels, int panelOffset,
      float[] out) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    int a0 = rowOffsets[0];
    int a1 = rowOffsets[1];
    int a2 = rowOffsets[2];
    int a3 = rowOffsets[3];
    int a4 = rowOffsets[4];
    int a5 = rowOffsets[5];
    int step = 2 * W;
    for (int k = 0, p = panelOffset; k < d; k++, p += step) {
      FloatVector b0 = FloatVector.fromArray(S, panels, p);
      FloatVector b1 = FloatVector.fromArray(S, panels, p + W);
      FloatVector x = FloatVector.broadcast(S, a[a0 + k]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[a1 + k]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[a2 + k]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[a3 + k]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, a[a4 + k]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[a5 + k]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    c00.intoArray(out, 0);
    c01.intoArray(out, W);
    c10.intoArray(out, step);
    c11.intoArray(out, step + W);
    c20.intoArray(out, 2 * step);
    c21.intoArray(out, 2 * step + W);
    c30.intoArray(out, 3 * step);
    c31.intoArray(out, 3 * step + W);
    c40.intoArray(out, 4 * step);
    c41.intoArray(out, 4 * step + W);
    c50.intoArray(out, 5 * step);
    c51.intoArray(out, 5 * step + W);
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
