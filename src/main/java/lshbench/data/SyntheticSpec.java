package lshbench.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Parameters of a synthetic labelled dataset shaped like CNN embeddings of an image collection.
 *
 * @param classNames one name per class
 * @param classSizes items per class, parallel to {@code classNames}
 * @param dim output dimension (4096 mimics VGG16 fc7)
 * @param latent dimension of the class structure; real embeddings vary along far fewer
 *     directions than they have coordinates, and that is what makes neighbours informative
 * @param spread within-class spread relative to the spread of class centres: 0 puts every item
 *     on its class centre, around 1 classes overlap about as much as Caltech101 under a CNN
 * @param noise isotropic per-coordinate noise added before the ReLU
 * @param seed seed of every random draw
 */
public record SyntheticSpec(String[] classNames, int[] classSizes, int dim, int latent,
    double spread, double noise, long seed) {

  public SyntheticSpec {
    if (classNames.length != classSizes.length || classNames.length == 0) {
      throw new IllegalArgumentException("synthetic: need one size per class and at least one class");
    }
    if (dim < 1) {
      throw new IllegalArgumentException("synthetic.dim must be positive, got " + dim);
    }
    if (latent < 1 || latent > dim) {
      throw new IllegalArgumentException("synthetic.latent must be in 1.." + dim + ", got " + latent);
    }
    if (!(spread >= 0) || !(noise >= 0)) {
      throw new IllegalArgumentException("synthetic.spread and synthetic.noise must be non-negative");
    }
    for (int s : classSizes) {
      if (s < 1) {
        throw new IllegalArgumentException("synthetic: every class needs at least one item");
      }
    }
  }

  /** Caltech101's 101 classes and sizes (8,677 items). */
  public static SyntheticSpec caltech101(int dim, int latent, double spread, double noise, long seed) {
    return new SyntheticSpec(Caltech101Shape.names(), Caltech101Shape.sizes(), dim, latent, spread,
        noise, seed);
  }

  public int size() {
    return Arrays.stream(classSizes).sum();
  }

  /** One line naming the generator and every parameter, for provenance. */
  public String describe() {
    return String.format(Locale.ROOT,
        "latent-Gaussian classes + ReLU, %d classes, n=%d, d=%d, latent=%d, spread=%s, noise=%s, seed=%d",
        classNames.length, size(), dim, latent, spread, noise, seed);
  }
}
