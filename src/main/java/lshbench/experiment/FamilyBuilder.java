package lshbench.experiment;

import lshbench.config.ConfigException;

import java.util.Arrays;
import java.util.SplittableRandom;
import lshbench.data.Dataset;
import lshbench.lsh.CrossPolytopeFamily;
import lshbench.lsh.HashFamily;
import lshbench.lsh.HyperplaneBank;
import lshbench.lsh.PcaHyperplaneFamily;
import lshbench.lsh.RotatedHyperplaneFamily;

/** Draws (and, for data-aware families, trains) one bank of a named LSH family. */
final class FamilyBuilder {
  private FamilyBuilder() {}

  /**
   * @param members the indexed rows; a data-aware family learns from a seeded sample of them,
   *     never from the queries
   * @param centre the data mean when the config centres, else null
   */
  static HashFamily build(String family, SweepConfig config, Dataset data, int[] members, int maxK,
      int maxL, long seed, float[] centre) {
    try {
      switch (family) {
        case Families.HYPERPLANE:
          return new HyperplaneBank(data.dim(), maxK, maxL, seed, centre);
        case Families.HYPERPLANE_FHT:
          return new RotatedHyperplaneFamily(data.dim(), maxK, maxL, seed, centre);
        case Families.CROSSPOLYTOPE:
          return new CrossPolytopeFamily(data.dim(), maxK, maxL, seed, centre);
        case Families.PCA_HYPERPLANE: {
          int[] sample = sample(members, config.families().pcaSample(), seed);
          int m = config.families().pcaDim();
          if (m > Math.min(data.dim(), sample.length)) {
            throw new ConfigException("pca.dim: " + m + " is more than min(d = " + data.dim()
                + ", pca.sample = " + sample.length + ")");
          }
          return PcaHyperplaneFamily.train(data, sample, m, maxK, maxL, seed, config.threads());
        }
        default:
          throw new ConfigException("families: '" + family + "' is not an LSH family");
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(family + ".k: " + e.getMessage());
    }
  }

  /**
   * The subspace first pass of a two-pass rerank: a {@code rerank.dim} principal subspace
   * learned on the same kind of sample as PCA hyperplanes (indexed items, never queries).
   */
  static lshbench.lsh.ProjectedRerank prefilter(SweepConfig config, Dataset data, int[] members,
      long seed) {
    Families f = config.families();
    int[] sample = sample(members, f.pcaSample(), seed);
    if (f.rerankDim() > Math.min(data.dim(), sample.length)) {
      throw new ConfigException("rerank.dim: " + f.rerankDim() + " is more than min(d = "
          + data.dim() + ", pca.sample = " + sample.length + ")");
    }
    lshbench.lsh.PcaBasis basis = lshbench.lsh.PcaBasis.fit(data, sample, f.rerankDim(), 8,
        seed ^ 0x2545F4914F6CDD1DL, config.threads());
    return new lshbench.lsh.ProjectedRerank(basis, data, 1, config.threads());
  }

  /** A seeded draw of {@code n} members (all of them when there are fewer), in row order. */
  static int[] sample(int[] members, int n, long seed) {
    if (n >= members.length) {
      return members.clone();
    }
    int[] copy = members.clone();
    SplittableRandom rng = new SplittableRandom(seed ^ 0x3C6EF372FE94F82AL);
    for (int i = 0; i < n; i++) {
      int j = i + rng.nextInt(copy.length - i);
      int t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    int[] out = Arrays.copyOf(copy, n);
    Arrays.sort(out);
    return out;
  }
}
