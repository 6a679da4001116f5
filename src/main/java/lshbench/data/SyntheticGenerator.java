package lshbench.data;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Generates labelled vectors that look like post-ReLU CNN features: non-negative, about half
 * zeros, classes that overlap, a large common mean (which is why LSH centres the data).
 *
 * <p>Model: class centre c ~ N(0, I) in a latent space; item z = c + spread·N(0, I); output
 * x = ReLU(A·z + m + noise·N(0, I)) with a fixed random mixing matrix A (dim × latent, unit-norm
 * rows in expectation) and a fixed offset m. Every item draws from its own generator derived
 * from (seed, item), so the result does not depend on how many threads build it.
 */
public final class SyntheticGenerator {
  private static final double OFFSET_MEAN = -0.3;
  private static final double OFFSET_STD = 0.5;

  private SyntheticGenerator() {}

  public static Dataset generate(SyntheticSpec spec) {
    int n = spec.size();
    int d = spec.dim();
    int r = spec.latent();
    SplittableRandom root = new SplittableRandom(spec.seed());
    float[] mixing = new float[d * r];
    double scale = 1.0 / Math.sqrt(r);
    for (int i = 0; i < mixing.length; i++) {
      mixing[i] = (float) (root.nextGaussian() * scale);
    }
    float[] offset = new float[d];
    for (int j = 0; j < d; j++) {
      offset[j] = (float) (OFFSET_MEAN + OFFSET_STD * root.nextGaussian());
    }
    int classes = spec.classSizes().length;
    double[][] centres = new double[classes][r];
    for (double[] c : centres) {
      for (int j = 0; j < r; j++) {
        c[j] = root.nextGaussian();
      }
    }
    int[] labels = new int[n];
    String[] ids = new String[n];
    for (int c = 0, item = 0; c < classes; c++) {
      for (int k = 0; k < spec.classSizes()[c]; k++, item++) {
        labels[item] = c;
        ids[item] = String.format("%s/%04d", spec.classNames()[c], k + 1);
      }
    }
    long itemSeedBase = root.nextLong();
    float[] vectors = new float[n * d];
    IntStream.range(0, n).parallel().forEach(item -> {
      SplittableRandom rng = new SplittableRandom(itemSeedBase + 0x9E3779B97F4A7C15L * item);
      double[] z = new double[r];
      double[] centre = centres[labels[item]];
      for (int j = 0; j < r; j++) {
        z[j] = centre[j] + spec.spread() * rng.nextGaussian();
      }
      int out = item * d;
      for (int j = 0; j < d; j++) {
        double v = offset[j];
        int row = j * r;
        for (int t = 0; t < r; t++) {
          v += mixing[row + t] * z[t];
        }
        if (spec.noise() > 0) {
          v += spec.noise() * rng.nextGaussian();
        }
        vectors[out + j] = v > 0 ? (float) v : 0f;
      }
    });
    Provenance provenance = new Provenance("synthetic", "none (synthetic, no image model)",
        spec.describe(), true);
    return new Dataset(vectors, d, labels, spec.classNames().clone(), ids, provenance);
  }
}
