package lshbench.family;

import java.util.List;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.eval.CollisionTheory;
import lshbench.lsh.CrossPolytopeCollision;
import lshbench.lsh.CrossPolytopeFamily;
import lshbench.lsh.HashFamily;
import lshbench.vector.Hadamard;

/**
 * Cross-polytope LSH (Andoni et al. 2015, FALCONN's default): the largest coordinate of a
 * pseudo-randomly rotated vector, with sign. Its collision curve has no closed form, so the
 * theory simulates it.
 *
 * <p>Options: simulated pairs per angle for that curve. The grid may be given in key bits
 * ({@code crosspolytope.bits}), split as FALCONN splits {@code num_hash_bits}: whole polytopes
 * and a partial last one.
 */
public final class CrossPolytopeSpec extends LshFamilySpec<Integer> {
  @Override
  public String name() {
    return "crosspolytope";
  }

  @Override
  public String tag() {
    return "cp";
  }

  @Override
  public String hashCost() {
    return "k·L fast rotations, arg max each";
  }

  @Override
  public String summary() {
    return "cross-polytope LSH: nearest of 2d' rotated axes, log2(2d') bits a function (FALCONN)";
  }

  /** One function picks one of 2d' vertices: log2(2d') bits (12 at d' = 2048). */
  @Override
  public int bitsPerFunction(int dim) {
    return Integer.numberOfTrailingZeros(rotationDim(dim)) + 1;
  }

  @Override
  protected boolean takesBits() {
    return true;
  }

  @Override
  public int[] forBits(int bits, int dim) {
    return CrossPolytopeFamily.forBits(rotationDim(dim), bits);
  }

  private static int rotationDim(int dim) {
    return Math.max(2, Hadamard.paddedLength(dim));
  }

  @Override
  public HashFamily buildPartial(Integer samples, BuildInput in, int maxK, int maxL, long seed,
      int lastDim) {
    return new CrossPolytopeFamily(in.data().dim(), maxK, maxL, seed, in.centre(), lastDim);
  }

  /** k counts whole cross-polytopes, worth many bits each, so the sweep's k grid is too wide. */
  @Override
  protected int[] defaultK(GridDefaults shared) {
    return new int[] {1, 2};
  }

  @Override
  protected List<Key> optionKeys() {
    return List.of(Key.of(name() + ".theory.samples", "2000", name() + ": simulated pairs per "
        + "angle for the collision curve the theory overlay uses"));
  }

  @Override
  protected Integer options(Settings s) {
    return s.intIn(name() + ".theory.samples", 2000, 100, 1_000_000);
  }

  @Override
  public HashFamily build(Integer samples, BuildInput in, int maxK, int maxL, long seed) {
    return new CrossPolytopeFamily(in.data().dim(), maxK, maxL, seed, in.centre());
  }

  /** p^(k−1)·p_m: the whole curve and the partial polytope's, simulated on the same pairs. */
  @Override
  public CollisionTheory partialTheory(Integer samples, TheoryInput in, HashFamily built,
      CollisionTheory whole) {
    if (whole == null || !(built instanceof CrossPolytopeFamily cp) || !cp.partial()) {
      return whole;
    }
    CrossPolytopeCollision full = CrossPolytopeCollision.simulate(in.data().dim(), samples,
        in.seed(), in.threads());
    CrossPolytopeCollision part = CrossPolytopeCollision.simulate(in.data().dim(), samples,
        in.seed(), in.threads(), cp.lastDim());
    return whole.withLast(part.alongside(full));
  }

  @Override
  public Theory theory(Integer samples, TheoryInput in, HashFamily built) {
    CrossPolytopeCollision curve = CrossPolytopeCollision.simulate(in.data().dim(), samples,
        in.seed(), in.threads());
    return new Theory(CollisionTheory.measure(in.data(), in.split(), in.truth(), in.centre(),
        curve, in.threads()), curve.describe());
  }
}
