package lshbench.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import lshbench.vector.VectorOps;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One distance between two rows that sit in cache: the kernel's arithmetic speed, SIMD (what
 * the index uses) against the unrolled scalar fallback. The dimensions are SIFT (128),
 * MobileNetV2 (1280) and VGG16 fc7 (4096). The result is returned, so JMH consumes it and the
 * JIT cannot drop the work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DistanceBenchmark {
  @Param({"128", "1280", "4096"})
  int dim;

  float[] a;
  float[] b;

  @Setup
  public void setup() {
    SplittableRandom rng = new SplittableRandom(1);
    a = new float[dim];
    b = new float[dim];
    for (int i = 0; i < dim; i++) {
      a[i] = (float) rng.nextGaussian();
      b[i] = (float) rng.nextGaussian();
    }
  }

  @Benchmark
  public float squaredDistanceSimd() {
    return VectorOps.squaredDistance(a, 0, b, 0, dim);
  }

  @Benchmark
  public float squaredDistanceScalar() {
    return VectorOps.scalarSquaredDistance(a, 0, b, 0, dim);
  }

  @Benchmark
  public float dotSimd() {
    return VectorOps.dot(a, 0, b, 0, dim);
  }

  @Benchmark
  public float dotScalar() {
    return VectorOps.scalarDot(a, 0, b, 0, dim);
  }
}
