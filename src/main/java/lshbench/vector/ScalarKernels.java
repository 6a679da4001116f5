package lshbench.vector;

/** The portable fallback: unrolled scalar loops. */
final class ScalarKernels implements Kernels {
  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int d) {
    return VectorOps.scalarDot(a, aOff, b, bOff, d);
  }

  @Override
  public float squaredDistance(float[] a, int aOff, float[] b, int bOff, int d) {
    return VectorOps.scalarSquaredDistance(a, aOff, b, bOff, d);
  }

  @Override
  public void squaredDistances4(float[] q, int qOff, float[] v, int o0, int o1, int o2, int o3,
      int d, float[] out) {
    out[0] = VectorOps.scalarSquaredDistance(q, qOff, v, o0, d);
    out[1] = VectorOps.scalarSquaredDistance(q, qOff, v, o1, d);
    out[2] = VectorOps.scalarSquaredDistance(q, qOff, v, o2, d);
    out[3] = VectorOps.scalarSquaredDistance(q, qOff, v, o3, d);
  }

  @Override
  public void hadamard(float[] a, int off, int n) {
    Hadamard.scalarTransform(a, off, n);
  }

  @Override
  public void signedHadamard(float[] a, int off, int n, float[] signs, int sOff) {
    for (int i = 0; i < n; i++) {
      a[off + i] *= signs[sOff + i];
    }
    Hadamard.scalarTransform(a, off, n);
  }

  @Override
  public int expandedAtMost(float[] dots, int dotsOff, float[] norms, float queryNorm,
      float limit, int cols, int[] hits) {
    int n = 0;
    for (int j = 0; j < cols; j++) {
      if (norms[j] + queryNorm - 2 * dots[dotsOff + j] <= limit) {
        hits[n++] = j;
      }
    }
    return n;
  }

  @Override
  public int tileRows() {
    return 4;
  }

  @Override
  public int panelWidth() {
    return 8;
  }

  @Override
  public void dotTile(float[] a, int[] rowOffsets, int d, float[] panels, int panelOffset,
      float[] out) {
    java.util.Arrays.fill(out, 0, 32, 0f);
    for (int i = 0; i < 4; i++) {
      int row = rowOffsets[i];
      for (int k = 0, p = panelOffset; k < d; k++, p += 8) {
        float x = a[row + k];
        for (int j = 0; j < 8; j++) {
          out[i * 8 + j] += x * panels[p + j];
        }
      }
    }
  }

  @Override
  public int argmaxAbs(float[] a, int off, int n) {
    return Hadamard.scalarArgmaxAbs(a, off, n);
  }
}
