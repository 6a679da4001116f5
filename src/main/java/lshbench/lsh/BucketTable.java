package lshbench.lsh;

/**
 * One hash table in compressed-sparse-row form: the distinct keys in ascending (unsigned)
 * order, an offsets array, and the item ids grouped by key. Three primitive arrays instead of
 * a map of lists: ~4 bytes an item plus 12 a bucket, and a lookup is one binary search.
 */
public final class BucketTable {
  private final long[] keys;
  private final int[] offsets;
  private final int[] ids;

  private BucketTable(long[] keys, int[] offsets, int[] ids) {
    this.keys = keys;
    this.offsets = offsets;
    this.ids = ids;
  }

  /**
   * Builds a table from one key per item.
   *
   * @param itemKeys key of item i, already masked to the table's bits
   * @param items the dataset row of item i
   */
  public static BucketTable build(long[] itemKeys, int[] items) {
    int n = itemKeys.length;
    long[] k = itemKeys.clone();
    int[] v = items.clone();
    radixSort(k, v);
    int buckets = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || k[i] != k[i - 1]) {
        buckets++;
      }
    }
    long[] keys = new long[buckets];
    int[] offsets = new int[buckets + 1];
    for (int i = 0, b = -1; i < n; i++) {
      if (i == 0 || k[i] != k[i - 1]) {
        keys[++b] = k[i];
        offsets[b] = i;
      }
    }
    offsets[buckets] = n;
    return new BucketTable(keys, offsets, v);
  }

  /** Stable LSD radix sort of unsigned keys, carrying the values along; skips constant bytes. */
  private static void radixSort(long[] keys, int[] values) {
    int n = keys.length;
    long[] k2 = new long[n];
    int[] v2 = new int[n];
    long any = 0;
    long all = -1L;
    for (long key : keys) {
      any |= key;
      all &= key;
    }
    long varying = any & ~all;
    for (int shift = 0; shift < 64; shift += 8) {
      if (((varying >>> shift) & 0xFF) == 0) {
        continue;
      }
      int[] count = new int[257];
      for (long key : keys) {
        count[(int) ((key >>> shift) & 0xFF) + 1]++;
      }
      for (int i = 0; i < 256; i++) {
        count[i + 1] += count[i];
      }
      for (int i = 0; i < n; i++) {
        int digit = (int) ((keys[i] >>> shift) & 0xFF);
        int dest = count[digit]++;
        k2[dest] = keys[i];
        v2[dest] = values[i];
      }
      System.arraycopy(k2, 0, keys, 0, n);
      System.arraycopy(v2, 0, values, 0, n);
    }
  }

  /** Bucket number of {@code key}, or -1 when no item has it. */
  public int find(long key) {
    int lo = 0;
    int hi = keys.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Long.compareUnsigned(keys[mid], key);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  public int bucketStart(int bucket) {
    return offsets[bucket];
  }

  public int bucketEnd(int bucket) {
    return offsets[bucket + 1];
  }

  /** Item ids grouped by bucket; read between {@link #bucketStart} and {@link #bucketEnd}. */
  int[] ids() {
    return ids;
  }

  public int buckets() {
    return keys.length;
  }

  public int items() {
    return ids.length;
  }

  /** Size of the largest bucket. */
  public int maxBucket() {
    int max = 0;
    for (int b = 0; b < keys.length; b++) {
      max = Math.max(max, offsets[b + 1] - offsets[b]);
    }
    return max;
  }

  public long memoryBytes() {
    return 8L * keys.length + 4L * offsets.length + 4L * ids.length;
  }
}
