package lshbench.lsh;

import java.util.SplittableRandom;
import lshbench.data.Dataset;
import lshbench.vector.DotTiles;
import lshbench.vector.VectorOps;

/**
 * Gaussian random hyperplanes for random-hyperplane (SimHash) LSH, grouped into {@code tables}
 * groups of {@code bitsPerTable}. Bit j of a table's key is 1 when the item lies on the
 * positive side of plane j; shorter keys are prefixes, so one bank with K bits and L tables
 * serves every configuration with k ≤ K and L' ≤ L (a sweep projects the data once).
 *
 * <p>With centring, planes pass through the data mean μ instead of the origin: the bit is
 * w·x > w·μ, which hashes the centred vector without copying the data. CNN features share a
 * large common component; without centring most planes put every item on the same side.
 */
public final class HyperplaneBank implements HashFamily {
  /** Keys are packed in a {@code long}. */
  public static final int MAX_BITS = KEY_BITS;

  private final int dim;
  private final int bitsPerTable;
  private final int tables;
  private final long seed;
  private final float[] planes;
  private final float[] bias;
  private final boolean centred;
  private final double[] margins = new double[MAX_BITS];
  private ProbeSequence probing;
  private long[] probeKeys;
  private SignBitBudgetProbes budgetProbes;

  /**
   * @param center the point planes pass through (the data mean), or {@code null} for the origin
   */
  public HyperplaneBank(int dim, int bitsPerTable, int tables, long seed, float[] center) {
    if (bitsPerTable < 1 || bitsPerTable > MAX_BITS) {
      throw new IllegalArgumentException("k must be in 1..64, got " + bitsPerTable);
    }
    if (tables < 1) {
      throw new IllegalArgumentException("L must be positive, got " + tables);
    }
    if (center != null && center.length != dim) {
      throw new IllegalArgumentException("centre has dimension " + center.length + ", not " + dim);
    }
    this.dim = dim;
    this.bitsPerTable = bitsPerTable;
    this.tables = tables;
    this.seed = seed;
    int count = bitsPerTable * tables;
    this.planes = new float[Math.multiplyExact(count, dim)];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < planes.length; i++) {
      planes[i] = (float) rng.nextGaussian();
    }
    this.bias = new float[count];
    this.centred = center != null;
    if (center != null) {
      for (int p = 0; p < count; p++) {
        bias[p] = VectorOps.dot(planes, p * dim, center, 0, dim);
      }
    }
  }

  /** Mean of the listed rows, the usual centre. */
  private HyperplaneBank(HyperplaneBank other) {
    this.dim = other.dim;
    this.bitsPerTable = other.bitsPerTable;
    this.tables = other.tables;
    this.seed = other.seed;
    this.planes = other.planes;
    this.bias = other.bias;
    this.centred = other.centred;
  }

  @Override
  public HyperplaneBank copy() {
    return new HyperplaneBank(this);
  }

  public static float[] mean(Dataset data, int[] members) {
    int d = data.dim();
    double[] sum = new double[d];
    float[] v = data.vectors();
    for (int id : members) {
      for (int j = 0, off = id * d; j < d; j++) {
        sum[j] += v[off + j];
      }
    }
    float[] mean = new float[d];
    for (int j = 0; j < d; j++) {
      mean[j] = (float) (sum[j] / members.length);
    }
    return mean;
  }

  @Override
  public String describe() {
    return "random hyperplanes (Gaussian, " + (centred ? "through the data mean" : "through the origin")
        + "), one sign bit each";
  }

  @Override
  public int maxK() {
    return bitsPerTable;
  }

  @Override
  public int bitsPerFunction() {
    return 1;
  }

  @Override
  public int queryKeys(float[] query, int k, int tables, int probes, long[] keys, int[] tableOf) {
    if (probes > 0 && (probing == null || probeKeys.length < probes)) {
      probing = new ProbeSequence(probes);
      probeKeys = new long[probes];
    }
    int n = 0;
    for (int t = 0; t < tables; t++) {
      if (probes == 0) {
        tableOf[n] = t;
        keys[n++] = key(query, t, k);
      } else {
        long key = key(query, t, k, margins);
        tableOf[n] = t;
        keys[n++] = key;
        int extra = probing.probes(key, margins, k, probes, probeKeys);
        for (int p = 0; p < extra; p++) {
          tableOf[n] = t;
          keys[n++] = probeKeys[p];
        }
      }
    }
    return n;
  }

  @Override
  public int queryKeysTotal(float[] query, int k, int tables, int budget, long[] keys,
      int[] tableOf) {
    SignBitBudgetProbes global = budgetProbes(tables, budget);
    for (int t = 0; t < tables; t++) {
      global.table(t, key(query, t, k, margins), margins, k);
    }
    return global.keys(k, tables, budget, keys, tableOf);
  }

  /** The budget sequence's scratch, sized for at least this many tables and probes. */
  SignBitBudgetProbes budgetProbes(int tables, int budget) {
    if (budget < tables) {
      throw new IllegalArgumentException("a probe budget covers each table's own bucket: needs "
          + "at least L = " + tables + ", got " + budget);
    }
    if (budgetProbes == null || !budgetProbes.fits(tables, budget)) {
      budgetProbes = new SignBitBudgetProbes(tables, budget);
    }
    return budgetProbes;
  }

  @Override
  public int dim() {
    return dim;
  }

  public int bitsPerTable() {
    return bitsPerTable;
  }

  @Override
  public int tables() {
    return tables;
  }

  public long seed() {
    return seed;
  }

  /** The {@code k}-bit key of a query in one table: k dot products. */
  public long key(float[] query, int table, int k) {
    assert k <= bitsPerTable && table < tables;
    long key = 0;
    int plane = table * bitsPerTable;
    for (int j = 0; j < k; j++, plane++) {
      if (VectorOps.dot(planes, plane * dim, query, 0, dim) > bias[plane]) {
        key |= 1L << j;
      }
    }
    return key;
  }

  /**
   * Like {@link #key} but also records each bit's margin, |w·q − w·μ|, the query's distance
   * from the plane in units of |w|: multi-probe flips the bits with the smallest margins first.
   */
  public long key(float[] query, int table, int k, double[] margins) {
    long key = 0;
    int plane = table * bitsPerTable;
    for (int j = 0; j < k; j++, plane++) {
      double m = VectorOps.dot(planes, plane * dim, query, 0, dim) - bias[plane];
      if (m > 0) {
        key |= 1L << j;
      }
      margins[j] = Math.abs(m);
    }
    return key;
  }

  /**
   * Full-width keys of every listed row in every table: {@code out[i * tables + t]}, from the
   * register-tiled products of rows and planes ({@link DotTiles#forEachTile}) on {@code threads}.
   */
  @Override
  public long[] signatures(Dataset data, int[] members, int threads) {
    if (data.dim() != dim) {
      throw new IllegalArgumentException("data dimension " + data.dim() + " != planes " + dim);
    }
    long[] out = new long[Math.multiplyExact(members.length, tables)];
    float[] v = data.vectors();
    int planeCount = bitsPerTable * tables;
    int width = DotTiles.width();
    DotTiles.forEachTile(v, members, members.length, planes, planeCount, dim, threads,
        (row, count, first, cols, dots) -> {
          for (int i = 0; i < count; i++) {
            for (int j = 0; j < cols; j++) {
              int plane = first + j;
              if (dots[i * width + j] > bias[plane]) {
                int table = plane / bitsPerTable;
                out[(row + i) * tables + table] |= 1L << (plane - table * bitsPerTable);
              }
            }
          }
        });
    return out;
  }

  /**
   * Probability that one random hyperplane puts two vectors with cosine {@code cos} (of their
   * centred forms, when centring) on the same side: 1 − θ/π (Charikar 2002).
   */
  public static double collisionProbability(double cos) {
    return 1 - Math.acos(Math.max(-1, Math.min(1, cos))) / Math.PI;
  }

  /** Bytes of the planes and offsets that a (k, L) index actually uses. */
  @Override
  public long bytesFor(int k, int usedTables) {
    return 4L * k * usedTables * (dim + 1L);
  }
}
