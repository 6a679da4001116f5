package lshbench.family;

import java.util.List;
import lshbench.config.ConfigException;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.lsh.HashFamily;
import lshbench.lsh.PcaHyperplaneFamily;

/**
 * Data-aware hyperplanes: random planes inside the top principal subspace of a sample of the
 * indexed items, through the sample mean. Hashing costs m·d + k·L·m instead of k·L·d, and the
 * sign-bit theory holds on the projected vectors.
 *
 * <p>Options: the subspace dimension m.
 */
public final class PcaHyperplaneSpec extends LshFamilySpec<Integer> {
  @Override
  public String name() {
    return "pca-hyperplane";
  }

  @Override
  public String tag() {
    return "pca";
  }

  @Override
  public String hashCost() {
    return "projection to m dims, k·L dot products there";
  }

  @Override
  public String summary() {
    return "random hyperplanes inside a learned top-pca.dim principal subspace (data-aware)";
  }

  @Override
  public int bitsPerFunction(int dim) {
    return 1;
  }

  @Override
  protected List<Key> optionKeys() {
    return List.of(Key.of("pca.dim", "64",
        name() + ": dimension of the principal subspace the planes live in"));
  }

  @Override
  protected Integer options(Settings s) {
    return s.intIn("pca.dim", 64, 1, 1 << 16);
  }

  @Override
  protected void checkOptions(Integer m, int dim, int sample) {
    if (m > Math.min(dim, sample)) {
      throw new ConfigException("pca.dim: " + m + " is more than min(d = " + dim
          + ", pca.sample = " + sample + ")");
    }
  }

  @Override
  protected void identity(Integer m, java.util.Map<String, String> out, int sampleSize) {
    out.put("pca", m + " dims from " + sampleSize + " items");
  }

  @Override
  public HashFamily build(Integer m, BuildInput in, int maxK, int maxL, long seed) {
    int[] sample = TrainingSample.draw(in.members(), in.sampleSize(), seed);
    return PcaHyperplaneFamily.train(in.data(), sample, m, maxK, maxL, seed, in.threads());
  }

  @Override
  public Theory theory(Integer m, TheoryInput in, HashFamily built) {
    PcaHyperplaneFamily pca = (PcaHyperplaneFamily) built;
    return signBits(in, pca.project(in.data(), in.threads()), null,
        "1 − θ/π on the projected vectors");
  }
}
