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
}
