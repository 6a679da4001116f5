package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BucketTableTest {
  @Test
  void groupsItemsByKeyIncludingKeysWithTheTopBitSet() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 5000;
    long[] keys = new long[n];
    int[] items = new int[n];
    long[] pool = {0L, -1L, Long.MIN_VALUE, 42L, 1L << 40, 0x8000_0000_0000_0001L, 255L, 256L};
    Map<Long, List<Integer>> expected = new HashMap<>();
    for (int i = 0; i < n; i++) {
      keys[i] = rng.nextInt(4) == 0 ? rng.nextLong() : pool[rng.nextInt(pool.length)];
      items[i] = 10 * i;
      expected.computeIfAbsent(keys[i], x -> new ArrayList<>()).add(items[i]);
    }
    BucketTable table = BucketTable.build(keys, items);
    assertEquals(expected.size(), table.buckets());
    for (Map.Entry<Long, List<Integer>> e : expected.entrySet()) {
      int b = table.find(e.getKey());
      List<Integer> got = new ArrayList<>();
      for (int i = table.bucketStart(b); i < table.bucketEnd(b); i++) {
        got.add(table.ids()[i]);
      }
      assertEquals(e.getValue(), got, "bucket of key " + Long.toHexString(e.getKey()));
    }
    assertEquals(-1, table.find(12345L));
  }

  /**
   * The directory lookup finds every present key and no absent one, whatever the keys look
   * like: k-bit keys of any width (the top bits pick the slot), keys piled into a few slots,
   * full 64-bit keys, and tables of one, two or three buckets, including the all-zero key.
   */
  @Test
  void findsExactlyThePresentKeysForEveryKeyShape() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int width : new int[] {1, 2, 5, 10, 20, 33, 63, 64}) {
      for (int n : new int[] {1, 2, 3, 17, 1000, 20000}) {
        long mask = width == 64 ? -1L : (1L << width) - 1;
        long[] keys = new long[n];
        int[] items = new int[n];
        for (int i = 0; i < n; i++) {
          // Half the items in a narrow band of keys, as clustered data fills a few buckets.
          long key = rng.nextBoolean() ? rng.nextLong() : (mask / 3 + rng.nextInt(16));
          keys[i] = key & mask;
          items[i] = i;
        }
        if (n == 1) {
          keys[0] = 0;
        }
        BucketTable table = BucketTable.build(keys, items);
        java.util.TreeSet<Long> present = new java.util.TreeSet<>();
        for (long k : keys) {
          present.add(k);
        }
        for (long k : present) {
          int b = table.find(k);
          assertEquals(k, keys[table.ids()[table.bucketStart(b)]], "key " + k + " width " + width);
        }
        for (int probe = 0; probe < 2000; probe++) {
          long k = probe % 2 == 0 ? rng.nextLong() & mask : rng.nextLong();
          if (!present.contains(k)) {
            assertEquals(-1, table.find(k), "absent key " + Long.toHexString(k));
          }
          long near = keys[rng.nextInt(n)] + 1;
          if (!present.contains(near)) {
            assertEquals(-1, table.find(near), "absent neighbour " + Long.toHexString(near));
          }
        }
      }
    }
  }
}
