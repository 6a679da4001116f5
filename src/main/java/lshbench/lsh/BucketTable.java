package lshbench.lsh;

/**
 * One hash table in compressed-sparse-row form: the distinct keys in ascending (unsigned)
 * order, an offsets array, and the item ids grouped by key. Three primitive arrays instead of
 * a map of lists: ~4 bytes an item plus 12 a bucket.
 *
 * <p>A lookup goes through a directory of the keys' top bits (about one slot for two buckets,
 * ≤ 2 bytes a bucket): the slot gives the few sorted keys sharing those bits, searched in
 * place. Two memory reads where a binary search over a million buckets takes twenty, most of
 * them cache misses.
 */
public final class BucketTable {
  private final long[] keys;
  private final int[] offsets;
  private final int[] ids;
  /** {@code key >>> shift} is a key's directory slot; 64 means every key is in slot 0. */
  private final int shift;
  /** Keys of slot s sit at positions [directory[s], directory[s + 1]) of {@link #keys}. */
  private final int[] directory;

  private BucketTable(long[] keys, int[] offsets, int[] ids) {
    this.keys = keys;
    this.offsets = offsets;
    this.ids = ids;
    long any = 0;
    for (long key : keys) {
      any |= key;
    }
    int width = 64 - Long.numberOfLeadingZeros(any);
    int slotBits = Math.min(width, Math.max(0, 31 - Integer.numberOfLeadingZeros(keys.length) - 1));
    this.shift = width - slotBits;
    this.directory = new int[(1 << slotBits) + 1];
    for (int b = 0, s = 0; s <= 1 << slotBits; s++) {
      while (b < keys.length && slot(keys[b]) < s) {
        b++;
      }
      directory[s] = b;
    }
  }

  private long slot(long key) {
    return shift == 64 ? 0 : key >>> shift;
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
    long slot = slot(key);
    if (slot < 0 || slot >= directory.length - 1) { // negative: a set top bit, shift 0
      return -1;
    }
    int lo = directory[(int) slot];
    int hi = directory[(int) slot + 1] - 1;
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
    return 8L * keys.length + 4L * offsets.length + 4L * ids.length + 4L * directory.length;
  }
}
