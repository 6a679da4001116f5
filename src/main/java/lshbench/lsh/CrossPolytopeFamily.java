package lshbench.lsh;

import lshbench.data.Dataset;
import lshbench.vector.Hadamard;
import lshbench.vector.Parallel;

/**
 * Cross-polytope LSH (Andoni, Indyk, Laarhoven, Razenshteyn, Schmidt, NIPS 2015; FALCONN's
 * default family): rotate the (centred) vector pseudo-randomly, then hash it to the closest of
 * the 2d' vertices ±e_i of the cross-polytope, i.e. the index of its largest-magnitude
 * coordinate with that coordinate's sign. Two vectors at a small angle usually share the
 * vertex; one function has 2d' buckets instead of a hyperplane's 2, so a table needs far fewer
 * functions and a query far less hashing per bit.
 *
 * <p>The rotation is FALCONN's: {@value #ROUNDS} rounds of random sign flips followed by a fast
 * Hadamard transform on the vector zero-padded to d' = the next power of two, O(d' log d') per
 * function instead of a dense d'×d' Gaussian matrix. Its collision probability has no closed
 * form; {@link CrossPolytopeCollision} estimates it by simulation.
 */
public final class CrossPolytopeFamily implements HashFamily {
  public static final int ROUNDS = PseudoRotations.ROUNDS;
  private static final int ITEM_BLOCK = 64;

  private final int dim;
  private final int rotDim;
  private final int bits;
  private final int tables;
  private final int maxK;
  private final long seed;
  private final float[] centre;
  /** Rotation f = t·maxK + j is function j of table t. */
  private final PseudoRotations rotations;
  private final float[] centred;
  private final float[] rotated;
  private CrossPolytopeProbes probing;
  private CrossPolytopeBudgetProbes budgetProbes;

  /**
   * @param centre the point subtracted before rotating (the data mean), or null for the origin
   */
  public CrossPolytopeFamily(int dim, int maxK, int tables, long seed, float[] centre) {
    if (dim < 1) {
      throw new IllegalArgumentException("dimension must be positive, got " + dim);
    }
    if (tables < 1) {
      throw new IllegalArgumentException("L must be positive, got " + tables);
    }
    if (centre != null && centre.length != dim) {
      throw new IllegalArgumentException("centre has dimension " + centre.length + ", not " + dim);
    }
    this.dim = dim;
    // At least 2 coordinates, so that a function has 4 vertices and at least 2 bits.
    this.rotDim = Math.max(2, Hadamard.paddedLength(dim));
    this.bits = Integer.numberOfTrailingZeros(rotDim) + 1;
    if (maxK < 1 || (long) maxK * bits > KEY_BITS) {
      throw new IllegalArgumentException("k must be in 1.." + KEY_BITS / bits + " for cross-polytopes of "
          + "dimension " + rotDim + " (" + bits + " bits each), got " + maxK);
    }
    this.tables = tables;
    this.maxK = maxK;
    this.seed = seed;
    this.centre = centre == null ? null : centre.clone();
    this.rotations = new PseudoRotations(rotDim, Math.multiplyExact(tables, maxK), seed);
    this.centred = new float[rotDim];
    this.rotated = new float[maxK * rotDim];
  }

  private CrossPolytopeFamily(CrossPolytopeFamily other) {
    this.dim = other.dim;
    this.rotDim = other.rotDim;
    this.bits = other.bits;
    this.tables = other.tables;
    this.maxK = other.maxK;
    this.seed = other.seed;
    this.centre = other.centre;
    this.rotations = other.rotations;
    this.centred = new float[rotDim];
    this.rotated = new float[maxK * rotDim];
  }

  @Override
  public CrossPolytopeFamily copy() {
    return new CrossPolytopeFamily(this);
  }

  @Override
  public String describe() {
    return "cross-polytope, " + ROUNDS + " rounds of sign flips + fast Hadamard transform in "
        + rotDim + " dimensions (" + bits + " bits a function)" + (centre != null ? ", centred" : "");
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public int hashDim() {
    return rotDim;
  }

  /** d', the padded dimension the rotation works in. */
  public int rotationDim() {
    return rotDim;
  }

  @Override
  public int tables() {
    return tables;
  }

  @Override
  public int maxK() {
    return maxK;
  }

  @Override
  public int bitsPerFunction() {
    return bits;
  }

  public long seed() {
    return seed;
  }

  /** Writes the centred, zero-padded vector {@code v[off .. off+dim)} into {@code out}. */
  private void centre(float[] v, int off, float[] out) {
    PseudoRotations.centreAndPad(v, off, dim, centre, out);
  }

  /** Rotates {@code src} (already centred and padded) by function f into {@code out[outOff..]}. */
  private void rotate(float[] src, int f, float[] out, int outOff) {
    rotations.rotate(src, f, out, outOff);
  }

  /** The vertex nearest to a rotated vector: coordinate index, plus d' when it is negative. */
  private int vertex(float[] x, int off) {
    int best = Hadamard.argmaxAbs(x, off, rotDim);
    return x[off + best] >= 0 ? best : best + rotDim;
  }

  /**
   * The rotation of function j of table t applied to {@code v}, scaled to be orthonormal: for
   * tests and for anyone checking that the rotation preserves lengths and angles.
   */
  public float[] rotation(int table, int j, float[] v) {
    float[] c = new float[rotDim];
    centre(v, 0, c);
    float[] out = new float[rotDim];
    rotate(c, table * maxK + j, out, 0);
    float scale = rotations.scale();
    for (int i = 0; i < rotDim; i++) {
      out[i] *= scale;
    }
    return out;
  }

  /** The vertex function j of table t gives {@code v}, in [0, 2d'). */
  public int hash(float[] v, int table, int j) {
    float[] c = new float[rotDim];
    centre(v, 0, c);
    float[] out = new float[rotDim];
    rotate(c, table * maxK + j, out, 0);
    return vertex(out, 0);
  }

  @Override
  public long[] signatures(Dataset data, int[] members, int threads) {
    if (data.dim() != dim) {
      throw new IllegalArgumentException("data dimension " + data.dim() + " != family " + dim);
    }
    long[] out = new long[Math.multiplyExact(members.length, tables)];
    float[] v = data.vectors();
    Parallel.forBlocks("lshbench-crosspolytope", threads, members.length, ITEM_BLOCK, start -> {
      float[] c = new float[rotDim];
      float[] x = new float[rotDim];
      for (int i = start; i < Math.min(members.length, start + ITEM_BLOCK); i++) {
        centre(v, members[i] * dim, c);
        for (int t = 0; t < tables; t++) {
          long key = 0;
          for (int j = 0; j < maxK; j++) {
            rotate(c, t * maxK + j, x, 0);
            key |= (long) vertex(x, 0) << (j * bits);
          }
          out[i * tables + t] = key;
        }
      }
    });
    return out;
  }

  @Override
  public int queryKeys(float[] query, int k, int usedTables, int probes, long[] keys,
      int[] tableOf) {
    centre(query, 0, centred);
    if (probes > 0 && (probing == null || probing.capacity() < probes)) {
      probing = new CrossPolytopeProbes(maxK, rotDim, probes);
    }
    int n = 0;
    for (int t = 0; t < usedTables; t++) {
      long key = 0;
      for (int j = 0; j < k; j++) {
        rotate(centred, t * maxK + j, rotated, j * rotDim);
        key |= (long) vertex(rotated, j * rotDim) << (j * bits);
      }
      tableOf[n] = t;
      keys[n++] = key;
      if (probes > 0) {
        int extra = probing.probes(rotated, k, bits, probes, keys, n);
        for (int p = 0; p < extra; p++) {
          tableOf[n + p] = t;
        }
        n += extra;
      }
    }
    return n;
  }

  @Override
  public int queryKeysTotal(float[] query, int k, int usedTables, int budget, long[] keys,
      int[] tableOf) {
    if (budget < usedTables) {
      throw new IllegalArgumentException("a probe budget covers each table's own bucket: needs "
          + "at least L = " + usedTables + ", got " + budget);
    }
    if (budgetProbes == null || !budgetProbes.fits(maxK, usedTables, budget)) {
      budgetProbes = new CrossPolytopeBudgetProbes(maxK, rotDim, usedTables, budget);
    }
    centre(query, 0, centred);
    int ranks = budgetProbes.ranksFor(usedTables, budget);
    for (int t = 0; t < usedTables; t++) {
      long key = 0;
      for (int j = 0; j < k; j++) {
        rotate(centred, t * maxK + j, rotated, j * rotDim);
        key |= (long) vertex(rotated, j * rotDim) << (j * bits);
      }
      budgetProbes.table(t, key, rotated, k, ranks);
    }
    return budgetProbes.keys(k, bits, usedTables, budget, keys, tableOf);
  }

  @Override
  public long bytesFor(int k, int usedTables) {
    return rotations.bytes(k * usedTables) + (centre == null ? 0 : 4L * dim);
  }
}
