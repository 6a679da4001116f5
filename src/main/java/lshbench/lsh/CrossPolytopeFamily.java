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
 *
 * <p>A table may end in a <em>partial</em> polytope, as FALCONN's {@code last_cp_dimension}:
 * the bank's last function (j = maxK − 1) is still rotated in all d' dimensions, but its vertex
 * is the arg max |x_i| over only the first m coordinates, with sign, one of 2m vertices worth
 * log2(2m) bits. So a table's key can have any number of bits, (maxK − 1)·log2(2d') +
 * log2(2m), not only multiples of a whole polytope's (see {@link #forBits}). Keys at k &lt; maxK
 * are prefixes of whole polytopes, as in a bank without one.
 */
public final class CrossPolytopeFamily implements HashFamily {
  public static final int ROUNDS = PseudoRotations.ROUNDS;
  private static final int ITEM_BLOCK = 64;

  private final int dim;
  private final int rotDim;
  private final int bits;
  private final int tables;
  private final int maxK;
  /** Coordinates of the last function's polytope: d' when whole, else m < d'. */
  private final int lastDim;
  private final int lastBits;
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
    this(dim, maxK, tables, seed, centre, 0);
  }

  /**
   * As above, the bank's last function (j = maxK − 1) a partial polytope of the first
   * {@code lastDim} rotated coordinates (a power of two below d'); 0 or d' = whole.
   */
  public CrossPolytopeFamily(int dim, int maxK, int tables, long seed, float[] centre,
      int lastDim) {
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
    if (lastDim != 0 && (lastDim < 1 || lastDim > rotDim || Integer.bitCount(lastDim) != 1)) {
      throw new IllegalArgumentException("the last polytope's dimension must be a power of two "
          + "in 1.." + rotDim + ", got " + lastDim);
    }
    this.tables = tables;
    this.maxK = maxK;
    this.lastDim = lastDim == 0 ? rotDim : lastDim;
    this.lastBits = Integer.numberOfTrailingZeros(this.lastDim) + 1;
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
    this.lastDim = other.lastDim;
    this.lastBits = other.lastBits;
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
        + rotDim + " dimensions (" + bits + " bits a function" + (partial()
            ? "; the last of " + maxK + " a partial polytope of " + lastDim + " coordinates, "
            + lastBits + " bit" + (lastBits == 1 ? "" : "s") + ", so " + keyBits(maxK)
            + " bits a table" : "") + ")" + (centre != null ? ", centred" : "");
  }

  /**
   * FALCONN's split of a table's key bits into cross-polytopes ({@code
   * compute_k_parameters_for_bits}): k = ⌈bits / b⌉ polytopes of b = log2(2d') bits, the last
   * of dimension 2^(bits − (k−1)·b − 1) (d', i.e. whole, when b divides bits).
   *
   * @return {k, last polytope's dimension}
   */
  public static int[] forBits(int rotDim, int bits) {
    int b = Integer.numberOfTrailingZeros(rotDim) + 1;
    if (Integer.bitCount(rotDim) != 1 || bits < 1) {
      throw new IllegalArgumentException("bits must be positive and d' a power of two, got "
          + bits + " bits at d' = " + rotDim);
    }
    int k = (bits + b - 1) / b;
    int rest = bits - (k - 1) * b;
    return new int[] {k, rest == b ? rotDim : 1 << (rest - 1)};
  }

  /** Whether the bank's last function is a partial polytope. */
  public boolean partial() {
    return lastDim < rotDim;
  }

  /** Coordinates of the last function's polytope: d' when whole. */
  public int lastDim() {
    return lastDim;
  }

  /** A key at k functions: whole polytopes, the last one partial when k is the bank's maxK. */
  @Override
  public int keyBits(int k) {
    return k == maxK ? (k - 1) * bits + lastBits : k * bits;
  }

  /** Coordinates function j uses in a key of k functions (only j = maxK − 1 can be partial). */
  private int coords(int j) {
    return j == maxK - 1 ? lastDim : rotDim;
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

  /**
   * The vertex of the polytope of the first {@code m} rotated coordinates nearest to a rotated
   * vector: coordinate index, plus m when it is negative (FALCONN's {@code decodeCP}).
   */
  private static int vertex(float[] x, int off, int m) {
    int best = Hadamard.argmaxAbs(x, off, m);
    return x[off + best] >= 0 ? best : best + m;
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

  /** The vertex function j of table t gives {@code v}, in [0, 2d') ([0, 2m) for a partial one). */
  public int hash(float[] v, int table, int j) {
    float[] c = new float[rotDim];
    centre(v, 0, c);
    float[] out = new float[rotDim];
    rotate(c, table * maxK + j, out, 0);
    return vertex(out, 0, coords(j));
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
            key |= (long) vertex(x, 0, coords(j)) << (j * bits);
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
    int last = k == maxK ? lastDim : rotDim;
    int n = 0;
    for (int t = 0; t < usedTables; t++) {
      long key = 0;
      for (int j = 0; j < k; j++) {
        rotate(centred, t * maxK + j, rotated, j * rotDim);
        key |= (long) vertex(rotated, j * rotDim, j == k - 1 ? last : rotDim) << (j * bits);
      }
      tableOf[n] = t;
      keys[n++] = key;
      if (probes > 0) {
        int extra = probing.probes(rotated, k, bits, last, probes, keys, n);
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
    int last = k == maxK ? lastDim : rotDim;
    for (int t = 0; t < usedTables; t++) {
      long key = 0;
      for (int j = 0; j < k; j++) {
        rotate(centred, t * maxK + j, rotated, j * rotDim);
        key |= (long) vertex(rotated, j * rotDim, j == k - 1 ? last : rotDim) << (j * bits);
      }
      budgetProbes.table(t, key, rotated, k, last, ranks);
    }
    return budgetProbes.keys(k, bits, usedTables, budget, keys, tableOf);
  }

  @Override
  public long bytesFor(int k, int usedTables) {
    return rotations.bytes(k * usedTables) + (centre == null ? 0 : 4L * dim);
  }
}
