package lshbench.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on the preferred vector width (16 floats with AVX-512, 8 with AVX2), two
 * independent accumulators so consecutive FMAs do not wait on each other, scalar tail.
 * Loaded reflectively by {@link Kernels#select} so the class never links without its module.
 */
final class PanamaKernels implements Kernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int W = S.length();

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
}
