package lshbench.data;

import java.util.Locale;

/**
 * Gaussian clusters on the unit sphere, the synthetic set FALCONN and ann-benchmarks use for
 * large-n timing: centres ~ N(0, I), point = centre + noise·N(0, I), L2-normalised.
 *
 * @param centres number of cluster centres (the label of a point is its centre)
 * @param size number of points
 * @param dim dimension
 * @param noise spread of a point around its centre (0.5 in FALCONN's benchmark)
 * @param seed seed of every draw; point i depends only on (seed, i), so the first m points of a
 *     larger set are the set of size m
 */
public record ClusterSpec(int centres, int size, int dim, double noise, long seed) {
  public ClusterSpec {
    if (centres < 1 || size < 1 || dim < 1) {
      throw new IllegalArgumentException("clusters: centres, size and dim must be positive");
    }
    if (!(noise >= 0)) {
      throw new IllegalArgumentException("clusters: noise must be non-negative");
    }
  }

  public String describe() {
    return String.format(Locale.ROOT,
        "Gaussian clusters on the sphere, %d centres ~ N(0,I), point = centre + %s·N(0,I), "
            + "L2-normalised, n=%d, d=%d, seed=%d", centres, noise, size, dim, seed);
  }
}
