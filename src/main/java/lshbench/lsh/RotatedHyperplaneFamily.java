package lshbench.lsh;

import lshbench.data.Dataset;
import lshbench.vector.Hadamard;
import lshbench.vector.Parallel;

/**
 * Random-hyperplane LSH whose planes are the rows of fast pseudo-random rotations
 * ({@link PseudoRotations}) instead of a dense Gaussian matrix: bit j of table t is the sign of
 * coordinate p = t·K + j of the rotated, centred vector, rotation ⌊p / d'⌋. One rotation yields
 * d' planes at O(d' log d'), so hashing costs the same for 96 planes as for d' of them, where
 * Gaussian planes cost d per plane. That is what lets a whole k × L grid cost about one
 * configuration.
 *
 * <p>Each row of a pseudo-random rotation is a pseudo-random unit direction, so one bit collides
 * with probability 1 − θ/π as for Gaussian planes (checked by a test); the rows of one rotation
 * are orthogonal, which only lowers the variance between bits (Ji et al., "Super-bit LSH", 2012).
 */
public final class RotatedHyperplaneFamily implements HashFamily {
  private static final int ITEM_BLOCK = 64;

  private final int dim;
  private final int rotDim;
  private final int tables;
  private final int maxK;
  private final float[] centre;
  private final PseudoRotations rotations;
  private final float[] centred;
  private final float[] rotated;
  private final double[] margins = new double[64];
  private ProbeSequence probing;
  private long[] probeKeys;
  private SignBitBudgetProbes budgetProbes;

  /**
   * @param centre the point subtracted before rotating (the data mean), or null for the origin
   */
  public RotatedHyperplaneFamily(int dim, int maxK, int tables, long seed, float[] centre) {
    if (dim < 1) {
      throw new IllegalArgumentException("dimension must be positive, got " + dim);
    }
    if (maxK < 1 || maxK > KEY_BITS) {
      throw new IllegalArgumentException("k must be in 1.." + KEY_BITS + ", got " + maxK);
    }
    if (tables < 1) {
      throw new IllegalArgumentException("L must be positive, got " + tables);
    }
    if (centre != null && centre.length != dim) {
      throw new IllegalArgumentException("centre has dimension " + centre.length + ", not " + dim);
    }
    this.dim = dim;
    this.rotDim = Math.max(2, Hadamard.paddedLength(dim));
    this.tables = tables;
    this.maxK = maxK;
    this.centre = centre == null ? null : centre.clone();
    int planes = Math.multiplyExact(maxK, tables);
    this.rotations = new PseudoRotations(rotDim, (planes + rotDim - 1) / rotDim, seed);
    this.centred = new float[rotDim];
    this.rotated = new float[rotations.count() * rotDim];
  }

  private RotatedHyperplaneFamily(RotatedHyperplaneFamily other) {
    this.dim = other.dim;
    this.rotDim = other.rotDim;
    this.tables = other.tables;
    this.maxK = other.maxK;
    this.centre = other.centre;
    this.rotations = other.rotations;
    this.centred = new float[rotDim];
    this.rotated = new float[rotations.count() * rotDim];
  }

  @Override
  public RotatedHyperplaneFamily copy() {
    return new RotatedHyperplaneFamily(this);
  }

  @Override
  public String describe() {
    return "random hyperplanes as rows of " + rotations.count() + " pseudo-random rotation(s) ("
        + PseudoRotations.ROUNDS + " rounds of sign flips + fast Hadamard transform in " + rotDim
        + " dimensions), one sign bit each" + (centre != null ? ", through the data mean" : "");
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public int hashDim() {
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
    return 1;
  }

  /** Rotations that the planes of the first {@code usedTables} tables at k bits come from. */
  int rotationsFor(int k, int usedTables) {
    int lastPlane = (usedTables - 1) * maxK + k - 1;
    return lastPlane / rotDim + 1;
  }

  private void centre(float[] v, int off, float[] out) {
    PseudoRotations.centreAndPad(v, off, dim, centre, out);
  }

  @Override
  public long[] signatures(Dataset data, int[] members, int threads) {
    if (data.dim() != dim) {
      throw new IllegalArgumentException("data dimension " + data.dim() + " != family " + dim);
    }
    long[] out = new long[Math.multiplyExact(members.length, tables)];
    float[] v = data.vectors();
    int used = rotations.count();
    Parallel.forBlocks("lshbench-hyperplane-fht", threads, members.length, ITEM_BLOCK, start -> {
      float[] c = new float[rotDim];
      float[] x = new float[used * rotDim];
      for (int i = start; i < Math.min(members.length, start + ITEM_BLOCK); i++) {
        centre(v, members[i] * dim, c);
        for (int r = 0; r < used; r++) {
          rotations.rotate(c, r, x, r * rotDim);
        }
        for (int t = 0; t < tables; t++) {
          long key = 0;
          for (int j = 0, p = t * maxK; j < maxK; j++, p++) {
            if (x[p] > 0) {
              key |= 1L << j;
            }
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
    for (int r = 0, used = rotationsFor(k, usedTables); r < used; r++) {
      rotations.rotate(centred, r, rotated, r * rotDim);
    }
    if (probes > 0 && (probing == null || probeKeys.length < probes)) {
      probing = new ProbeSequence(probes);
      probeKeys = new long[probes];
    }
    int n = 0;
    for (int t = 0; t < usedTables; t++) {
      long key = 0;
      for (int j = 0, p = t * maxK; j < k; j++, p++) {
        if (rotated[p] > 0) {
          key |= 1L << j;
        }
        // Every row of a rotation has the same length, so |coordinate| orders the distances to
        // the planes as multi-probe needs.
        margins[j] = Math.abs(rotated[p]);
      }
      tableOf[n] = t;
      keys[n++] = key;
      if (probes > 0) {
        int extra = probing.probes(key, margins, k, probes, probeKeys);
        for (int e = 0; e < extra; e++) {
          tableOf[n] = t;
          keys[n++] = probeKeys[e];
        }
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
    if (budgetProbes == null || !budgetProbes.fits(usedTables, budget)) {
      budgetProbes = new SignBitBudgetProbes(usedTables, budget);
    }
    centre(query, 0, centred);
    for (int r = 0, used = rotationsFor(k, usedTables); r < used; r++) {
      rotations.rotate(centred, r, rotated, r * rotDim);
    }
    for (int t = 0; t < usedTables; t++) {
      long key = 0;
      for (int j = 0, p = t * maxK; j < k; j++, p++) {
        if (rotated[p] > 0) {
          key |= 1L << j;
        }
        margins[j] = Math.abs(rotated[p]);
      }
      budgetProbes.table(t, key, margins, k);
    }
    return budgetProbes.keys(k, usedTables, budget, keys, tableOf);
  }

  /** The k-bit key of {@code v} in table t, one call at a time (for tests). */
  public long key(float[] v, int table, int k) {
    float[] c = new float[rotDim];
    centre(v, 0, c);
    float[] x = new float[rotDim];
    long key = 0;
    for (int j = 0; j < k; j++) {
      int p = table * maxK + j;
      rotations.rotate(c, p / rotDim, x, 0);
      if (x[p % rotDim] > 0) {
        key |= 1L << j;
      }
    }
    return key;
  }

  @Override
  public long bytesFor(int k, int usedTables) {
    return rotations.bytes(rotationsFor(k, usedTables)) + (centre == null ? 0 : 4L * dim);
  }
}
