package lshbench.data;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import lshbench.vector.VectorOps;

/** Generates {@link ClusterSpec} data; each point from its own generator, so threads do not matter. */
public final class ClusterGenerator {
  private ClusterGenerator() {}

  public static Dataset generate(ClusterSpec spec) {
    int d = spec.dim();
    SplittableRandom root = new SplittableRandom(spec.seed());
    float[] centres = new float[spec.centres() * d];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (float) root.nextGaussian();
    }
    long base = root.nextLong();
    float[] v = new float[Math.multiplyExact(spec.size(), d)];
    int[] labels = new int[spec.size()];
    IntStream.range(0, spec.size()).parallel().forEach(i -> {
      SplittableRandom rng = new SplittableRandom(base + 0x9E3779B97F4A7C15L * i);
      int c = rng.nextInt(spec.centres());
      labels[i] = c;
      for (int j = 0; j < d; j++) {
        v[i * d + j] = (float) (centres[c * d + j] + spec.noise() * rng.nextGaussian());
      }
      double norm = VectorOps.norm(v, i * d, d);
      for (int j = 0; j < d; j++) {
        v[i * d + j] /= norm;
      }
    });
    String[] names = new String[spec.centres()];
    for (int c = 0; c < names.length; c++) {
      names[c] = "centre" + c;
    }
    return new Dataset(v, d, labels, names, null,
        new Provenance("synthetic", "none (synthetic, no image model)", spec.describe(), true));
  }
}
