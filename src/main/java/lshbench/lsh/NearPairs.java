package lshbench.lsh;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import lshbench.data.Dataset;
import lshbench.vector.Parallel;
import lshbench.vector.VectorOps;

/**
 * Every pair of rows whose cosine distance is at most a threshold: what a near-duplicate finder
 * reports. Found either through an LSH index (only bucket-mates are compared) or by the exact
 * all-pairs scan, which is the reference the LSH answer is measured against.
 *
 * <p>Distances are cosine distances, 1 − cos, on L2-normalised rows: scale-free (a brightness
 * change that scales the whole feature vector does not move it), bounded in [0, 2], and on
 * unit vectors a monotone function of the Euclidean distance (|a − b|² = 2(1 − cos)), so the
 * same pairs come out under either and the threshold reads the same on every model.
 *
 * <p>Pairs are stored packed ({@code first < second}), sorted by first then second, so two
 * runs and the two methods produce identical, comparable lists.
 */
public final class NearPairs {
  private final int[] first;
  private final int[] second;
  private final float[] distance;
  private final long comparisons;

  private NearPairs(int[] first, int[] second, float[] distance, long comparisons) {
    this.first = first;
    this.second = second;
    this.distance = distance;
    this.comparisons = comparisons;
  }

  /**
   * Pairs found through {@code index}: every two rows that share a bucket in some table are
   * compared exactly, once. {@code index} must index all rows of {@code unit}. Without probes
   * this is a self-join of the tables (no row is hashed again); with multi-probe every row is
   * used as a query and both directions are checked, since probing is not symmetric.
   *
   * @param unit the indexed rows, L2-normalised
   * @param threshold largest cosine distance kept, in [0, 2]
   */
  public static NearPairs lsh(LshIndex index, Dataset unit, double threshold) {
    checkUnit(unit);
    checkThreshold(threshold);
    if (index.size() != unit.size()) {
      throw new IllegalArgumentException("index holds " + index.size() + " rows, dataset "
          + unit.size() + "; index every row");
    }
    if (index.probes() == 0) {
      return selfJoin(index, unit, threshold);
    }
    boolean symmetric = false;
    int d = unit.dim();
    float[] v = unit.vectors();
    Collector out = new Collector();
    Set<Long> seen = symmetric ? null : new HashSet<>();
    long comparisons = 0;
    float[] query = new float[d];
    for (int i = 0; i < unit.size(); i++) {
      System.arraycopy(v, i * d, query, 0, d);
      int[] candidates = index.candidates(query);
      for (int j : candidates) {
        if (j == i || (symmetric && j < i)) {
          continue;
        }
        comparisons++;
        float dist = 1f - VectorOps.dot(v, i * d, v, j * d, d);
        if (dist <= threshold) {
          int a = Math.min(i, j);
          int b = Math.max(i, j);
          if (seen == null || seen.add(key(a, b))) {
            out.add(a, b, dist);
          }
        }
      }
    }
    return out.build(comparisons);
  }

  /**
   * Bucket self-join: all pairs inside each bucket of each table, a pair skipped in table t
   * when an earlier table already put both rows in one bucket (so each pair is compared once,
   * without a set of seen pairs).
   */
  private static NearPairs selfJoin(LshIndex index, Dataset unit, double threshold) {
    int n = unit.size();
    int d = unit.dim();
    float[] v = unit.vectors();
    int tables = index.tableCount();
    int[][] bucketOf = new int[tables][n];
    for (int t = 0; t < tables; t++) {
      BucketTable table = index.table(t);
      int[] ids = table.ids();
      for (int b = 0; b < table.buckets(); b++) {
        for (int j = table.bucketStart(b); j < table.bucketEnd(b); j++) {
          bucketOf[t][ids[j]] = b;
        }
      }
    }
    Collector out = new Collector();
    long comparisons = 0;
    for (int t = 0; t < tables; t++) {
      BucketTable table = index.table(t);
      int[] ids = table.ids();
      for (int b = 0; b < table.buckets(); b++) {
        int end = table.bucketEnd(b);
        for (int x = table.bucketStart(b); x < end; x++) {
          for (int y = x + 1; y < end; y++) {
            int i = Math.min(ids[x], ids[y]);
            int j = Math.max(ids[x], ids[y]);
            if (sharedEarlier(bucketOf, t, i, j)) {
              continue;
            }
            comparisons++;
            float dist = 1f - VectorOps.dot(v, i * d, v, j * d, d);
            if (dist <= threshold) {
              out.add(i, j, dist);
            }
          }
        }
      }
    }
    return out.build(comparisons);
  }

  private static boolean sharedEarlier(int[][] bucketOf, int t, int i, int j) {
    for (int s = 0; s < t; s++) {
      if (bucketOf[s][i] == bucketOf[s][j]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Pairs found elsewhere (another engine's self-join), stored like every other answer: sorted
   * by first then second row, so they compare element by element with this process's.
   *
   * @param first the smaller row of each pair
   * @param second the larger row of each pair
   * @param comparisons exact distance computations made to find them
   */
  public static NearPairs of(int[] first, int[] second, float[] distance, long comparisons) {
    if (first.length != second.length || first.length != distance.length) {
      throw new IllegalArgumentException("pair arrays differ in length: " + first.length + ", "
          + second.length + ", " + distance.length);
    }
    Collector c = new Collector();
    for (int p = 0; p < first.length; p++) {
      if (first[p] >= second[p] || first[p] < 0) {
        throw new IllegalArgumentException("pair " + p + " is (" + first[p] + ", " + second[p]
            + "); want 0 <= first < second");
      }
      c.add(first[p], second[p], distance[p]);
    }
    return c.build(comparisons);
  }

  /**
   * The exact answer: all n(n − 1)/2 pairs compared, on {@code threads} threads (the result does
   * not depend on the thread count).
   */
  public static NearPairs exact(Dataset unit, double threshold, int threads) {
    checkUnit(unit);
    checkThreshold(threshold);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    int n = unit.size();
    int d = unit.dim();
    float[] v = unit.vectors();
    int block = 64;
    int blocks = (n + block - 1) / block;
    Collector[] parts = new Collector[blocks];
    Parallel.forBlocks("lshbench-pairs", threads, n, block, start -> {
      Collector c = new Collector();
      for (int i = start, end = Math.min(n, start + block); i < end; i++) {
        for (int j = i + 1; j < n; j++) {
          float dist = 1f - VectorOps.dot(v, i * d, v, j * d, d);
          if (dist <= threshold) {
            c.add(i, j, dist);
          }
        }
      }
      parts[start / block] = c;
    });
    Collector all = new Collector();
    for (Collector c : parts) {
      all.addAll(c);
    }
    return all.build((long) n * (n - 1) / 2);
  }

  /** The pairs at most {@code threshold} apart, a subset of these (for threshold sweeps). */
  public NearPairs within(double threshold) {
    Collector c = new Collector();
    for (int p = 0; p < size(); p++) {
      if (distance[p] <= threshold) {
        c.add(first[p], second[p], distance[p]);
      }
    }
    return c.build(comparisons);
  }

  /** The pairs {@code keep} accepts (by pair number), a subset of these. */
  public NearPairs where(java.util.function.IntPredicate keep) {
    Collector c = new Collector();
    for (int p = 0; p < size(); p++) {
      if (keep.test(p)) {
        c.add(first[p], second[p], distance[p]);
      }
    }
    return c.build(comparisons);
  }

  /**
   * The pairs that are among the {@code m} nearest of either of their rows: bounds the pairs
   * per row (so their number grows linearly with the rows) while keeping every row's closest.
   */
  public NearPairs nearestPerRow(int m) {
    if (m < 1) {
      throw new IllegalArgumentException("m must be positive, got " + m);
    }
    int rows = 0;
    for (int p = 0; p < size(); p++) {
      rows = Math.max(rows, second[p] + 1);
    }
    int[] count = new int[rows];
    for (int p = 0; p < size(); p++) {
      count[first[p]]++;
      count[second[p]]++;
    }
    int[][] byRow = new int[rows][];
    for (int r = 0; r < rows; r++) {
      byRow[r] = new int[count[r]];
    }
    int[] fill = new int[rows];
    for (int p = 0; p < size(); p++) {
      byRow[first[p]][fill[first[p]]++] = p;
      byRow[second[p]][fill[second[p]]++] = p;
    }
    boolean[] keep = new boolean[size()];
    for (int[] ps : byRow) {
      Integer[] order = java.util.Arrays.stream(ps).boxed().toArray(Integer[]::new);
      java.util.Arrays.sort(order, (x, y) -> x.equals(y) ? 0
          : distance[x] != distance[y] ? Float.compare(distance[x], distance[y])
          : Integer.compare(x, y));
      for (int i = 0; i < Math.min(m, order.length); i++) {
        keep[order[i]] = true;
      }
    }
    return where(p -> keep[p]);
  }

  public int size() {
    return first.length;
  }

  /** The smaller row number of pair {@code p}. */
  public int first(int p) {
    return first[p];
  }

  /** The larger row number of pair {@code p}. */
  public int second(int p) {
    return second[p];
  }

  /** Cosine distance of pair {@code p}. */
  public float distance(int p) {
    return distance[p];
  }

  /** Exact distance computations made to find these pairs (the cost LSH saves). */
  public long comparisons() {
    return comparisons;
  }

  /** Both rows of a pair packed in one {@code long}, smaller first: for sets of pairs. */
  public static long key(int a, int b) {
    return (long) Math.min(a, b) << 32 | Math.max(a, b);
  }

  /** {@link #key} of pair {@code p}. */
  public long key(int p) {
    return key(first[p], second[p]);
  }

  private static void checkThreshold(double threshold) {
    if (!(threshold >= 0 && threshold <= 2)) {
      throw new IllegalArgumentException("threshold (a cosine distance) must be in [0, 2], got "
          + threshold);
    }
  }

  /** A row that is not unit length would make 1 − dot meaningless; refuse it by number. */
  private static void checkUnit(Dataset unit) {
    for (int i = 0; i < unit.size(); i++) {
      double norm = VectorOps.norm(unit.vectors(), unit.offset(i), unit.dim());
      if (Math.abs(norm - 1) > 1e-3) {
        throw new IllegalArgumentException("row " + i + " (" + unit.id(i) + ") has norm "
            + norm + "; L2-normalise the dataset first (Dataset.normalised())");
      }
    }
  }

  /** Grows packed arrays; sorts once at the end. */
  private static final class Collector {
    private int[] a = new int[16];
    private int[] b = new int[16];
    private float[] dist = new float[16];
    private int size;

    void add(int x, int y, float d) {
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2);
        b = Arrays.copyOf(b, size * 2);
        dist = Arrays.copyOf(dist, size * 2);
      }
      a[size] = x;
      b[size] = y;
      dist[size] = d;
      size++;
    }

    void addAll(Collector other) {
      for (int i = 0; i < other.size; i++) {
        add(other.a[i], other.b[i], other.dist[i]);
      }
    }

    NearPairs build(long comparisons) {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (p, q) -> a[p] != a[q] ? Integer.compare(a[p], a[q])
          : Integer.compare(b[p], b[q]));
      int[] fa = new int[size];
      int[] fb = new int[size];
      float[] fd = new float[size];
      for (int i = 0; i < size; i++) {
        fa[i] = a[order[i]];
        fb[i] = b[order[i]];
        fd[i] = dist[order[i]];
      }
      return new NearPairs(fa, fb, fd, comparisons);
    }
  }
}
