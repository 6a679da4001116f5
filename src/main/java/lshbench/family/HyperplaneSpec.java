package lshbench.family;

import lshbench.lsh.HashFamily;
import lshbench.lsh.HyperplaneBank;

/** Random hyperplanes, one sign bit a function (Charikar), dense Gaussian: the classic. */
public final class HyperplaneSpec extends SignBitFamilySpec {
  public static final String NAME = "hyperplane";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String tag() {
    return "";
  }

  @Override
  public String hashCost() {
    return "k·L dot products with Gaussian planes";
  }

  @Override
  public String summary() {
    return "random hyperplanes, one sign bit a function, dense Gaussian planes (Charikar)";
  }

  @Override
  public HashFamily build(Void options, BuildInput in, int maxK, int maxL, long seed) {
    return new HyperplaneBank(in.data().dim(), maxK, maxL, seed, in.centre());
  }
}
