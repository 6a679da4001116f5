package lshbench.family;

import lshbench.lsh.HashFamily;
import lshbench.lsh.RotatedHyperplaneFamily;

/**
 * The same sign bits as {@link HyperplaneSpec}, with the planes taken as rows of fast
 * pseudo-random rotations: d' planes at O(d' log d').
 */
public final class HyperplaneFhtSpec extends SignBitFamilySpec {
  @Override
  public String name() {
    return "hyperplane-fht";
  }

  @Override
  public String tag() {
    return "fht";
  }

  @Override
  public String hashCost() {
    return "k·L planes from ⌈k·L/d'⌉ fast rotations";
  }

  @Override
  public String summary() {
    return "random hyperplanes as rows of fast pseudo-random rotations (sign flips + Hadamard)";
  }

  @Override
  public HashFamily build(Void options, BuildInput in, int maxK, int maxL, long seed) {
    return new RotatedHyperplaneFamily(in.data().dim(), maxK, maxL, seed, in.centre());
  }
}
