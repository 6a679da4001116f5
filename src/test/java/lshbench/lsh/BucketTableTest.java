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
}
