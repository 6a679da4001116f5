package lshbench.spark;

import java.io.Serializable;
import lshbench.lsh.HyperplaneBank;

/**
 * The finder's random hyperplanes as a recipe: a task draws the core's {@link HyperplaneBank}
 * from the same dimension, k, L, seed and centre the local index uses, so it holds the same
 * planes (a bank keeps per-query scratch space: one per task, never shipped).
 */
final class Planes implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int dim;
  private final int k;
  private final int tables;
  private final long seed;
  private final float[] centre;

  /** @param centre the data mean the planes pass through, or null for the origin */
  Planes(int dim, int k, int tables, long seed, float[] centre) {
    this.dim = dim;
    this.k = k;
    this.tables = tables;
    this.seed = seed;
    this.centre = centre;
  }

  HyperplaneBank bank() {
    return new HyperplaneBank(dim, k, tables, seed, centre);
  }
}
