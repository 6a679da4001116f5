package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import lshbench.data.Dataset;
import org.junit.jupiter.api.Test;

/** Tables ending in a partial cross-polytope, FALCONN's {@code last_cp_dimension}. */
class CrossPolytopePartialTest {
  /** FALCONN's {@code compute_number_of_hash_bits}: the inverse the split must satisfy. */
  private static int falconnBits(int rotDim, int lastDim, int k) {
    int log = Integer.numberOfTrailingZeros(rotDim);
    int lastLog = 32 - Integer.numberOfLeadingZeros(lastDim - 1); // log2ceil
    return (k - 1) * (log + 1) + lastLog + 1;
  }

  @Test
  void bitsSplitAsFalconnSplitsThem() {
    // FALCONN's own grids: 18-22 bits at d' = 128, 9-13 at d' = 2048.
    assertArrayEquals(new int[] {3, 2}, CrossPolytopeFamily.forBits(128, 18));
    assertArrayEquals(new int[] {3, 8}, CrossPolytopeFamily.forBits(128, 20));
    assertArrayEquals(new int[] {3, 32}, CrossPolytopeFamily.forBits(128, 22));
    assertArrayEquals(new int[] {2, 128}, CrossPolytopeFamily.forBits(128, 16));
    assertArrayEquals(new int[] {3, 1}, CrossPolytopeFamily.forBits(128, 17));
    assertArrayEquals(new int[] {1, 256}, CrossPolytopeFamily.forBits(2048, 9));
    assertArrayEquals(new int[] {1, 2048}, CrossPolytopeFamily.forBits(2048, 12));
    assertArrayEquals(new int[] {2, 1}, CrossPolytopeFamily.forBits(2048, 13));
    for (int rotDim : new int[] {2, 128, 2048}) {
      int b = Integer.numberOfTrailingZeros(rotDim) + 1;
      for (int bits = 1; bits <= 64 / b * b; bits++) {
        int[] split = CrossPolytopeFamily.forBits(rotDim, bits);
        assertEquals(bits, falconnBits(rotDim, split[1], split[0]), rotDim + "/" + bits);
        // and the bank's key is that wide
        CrossPolytopeFamily f = new CrossPolytopeFamily(Math.max(1, rotDim / 2 + 1), split[0], 1,
            3, null, split[1]);
        assertEquals(bits, f.keyBits(split[0]), rotDim + "/" + bits);
        assertEquals(bits >= 64 ? -1L : (1L << bits) - 1, f.mask(split[0]));
      }
    }
  }

  @Test
  void aPartialPolytopeHashesIntoItsOwn2mVerticesByTheFirstMCoordinates() {
    int d = 100; // d' = 128
    SplittableRandom rng = new SplittableRandom(4);
    for (int m : new int[] {1, 2, 8, 32}) {
      CrossPolytopeFamily f = new CrossPolytopeFamily(d, 2, 3, 11, null, m);
      CrossPolytopeFamily whole = new CrossPolytopeFamily(d, 2, 3, 11, null);
      Set<Integer> seen = new HashSet<>();
      for (int n = 0; n < 400; n++) {
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
          v[i] = (float) rng.nextGaussian();
        }
        for (int t = 0; t < 3; t++) {
          // The same rotation as the whole bank's, decoded over its first m coordinates only.
          float[] x = f.rotation(t, 1, v);
          int best = 0;
          for (int i = 1; i < m; i++) {
            best = Math.abs(x[i]) > Math.abs(x[best]) ? i : best;
          }
          int expected = x[best] >= 0 ? best : best + m;
          int h = f.hash(v, t, 1);
          assertEquals(expected, h, "m=" + m);
          seen.add(h);
          assertEquals(whole.hash(v, t, 0), f.hash(v, t, 0), "whole polytopes unchanged");
        }
      }
      assertEquals(Math.min(2 * m, seen.size()), seen.size());
      assertTrue(seen.size() == 2 * m || m == 32, "every vertex reached at m=" + m);
      assertTrue(seen.stream().allMatch(h -> h >= 0 && h < 2 * m), "inside [0, 2m): " + seen);
    }
  }

  @Test
  void tableKeysOfAPartialBankHaveTheFalconnBucketCount() {
    Dataset data = TestData.gaussian(4000, 128, 9);
    int[] members = TestData.range(0, 4000);
    // 10 bits at d' = 128: one whole polytope (8 bits) and one of 2 coordinates (4 vertices).
    int[] split = CrossPolytopeFamily.forBits(128, 10);
    CrossPolytopeFamily f = new CrossPolytopeFamily(128, split[0], 4, 5, null, split[1]);
    long[] sig = f.signatures(data, members, 2);
    for (int t = 0; t < 4; t++) {
      Set<Long> buckets = new HashSet<>();
      for (int i = 0; i < members.length; i++) {
        long key = sig[i * 4 + t];
        assertEquals(key, key & f.mask(2), "no bits above the key's 10");
        assertTrue((key >>> 8) < 4, "last field is one of 2·2 vertices");
        buckets.add(key);
      }
      // 256 × 4 = 1,024 possible buckets; 4,000 Gaussian points fill most of them.
      assertTrue(buckets.size() <= 1024 && buckets.size() > 700, "buckets " + buckets.size());
      // and one query's key is the item's own
      assertEquals(sig[17 * 4 + t], oneKey(f, data.vector(17), 2, t));
    }
    // a prefix of a partial bank is whole polytopes (8 bits): the same as a whole bank's
    CrossPolytopeFamily whole = new CrossPolytopeFamily(128, 2, 4, 5, null);
    long[] wholeSig = whole.signatures(data, members, 2);
    for (int i = 0; i < 200; i++) {
      assertEquals(wholeSig[i] & whole.mask(1), sig[i] & f.mask(1));
    }
  }

  private static long oneKey(HashFamily f, float[] q, int k, int table) {
    long[] keys = new long[table + 1];
    int[] of = new int[table + 1];
    f.queryKeys(q, k, table + 1, 0, keys, of);
    return keys[table];
  }

  /** Every probe's last field stays among the small polytope's 2m vertices; none repeats. */
  @Test
  void probesOfThePartialPolytopeStayWithinIt() {
    Dataset data = TestData.gaussian(50, 128, 3);
    for (int m : new int[] {1, 2, 4}) {
      CrossPolytopeFamily f = new CrossPolytopeFamily(128, 2, 3, 21, null, m);
      for (int q = 0; q < 50; q++) {
        float[] query = data.vector(q);
        int probes = 40;
        long[] keys = new long[3 * (1 + probes)];
        int[] of = new int[keys.length];
        int n = f.queryKeys(query, 2, 3, probes, keys, of);
        Set<Long> perTable = new HashSet<>();
        for (int i = 0; i < n; i++) {
          assertTrue((keys[i] >>> 8) < 2 * m, "last field inside 2m at m=" + m);
          assertTrue(perTable.add(keys[i] * 8 + of[i]), "no repeated bucket");
        }
        // The budget over tables: the same bounds, no repeats.
        long[] budgetKeys = new long[600];
        int[] budgetOf = new int[600];
        int b = f.queryKeysTotal(query, 2, 3, 600, budgetKeys, budgetOf);
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < b; i++) {
          assertTrue((budgetKeys[i] >>> 8) < 2 * m, "budget probe inside 2m at m=" + m);
          assertTrue(distinct.add(budgetKeys[i] * 8 + budgetOf[i]), "no repeated bucket");
        }
        // A table of the partial polytope alone: a budget of 2m a table visits all its vertices,
        // same-sign ones (by |x_max| − |x_i|) before opposite ones (|x_max| + |x_i|).
        CrossPolytopeFamily alone = new CrossPolytopeFamily(128, 1, 3, 21, null, m);
        long[] all = new long[6 * m];
        int[] allOf = new int[6 * m];
        assertEquals(6 * m, alone.queryKeysTotal(query, 1, 3, 6 * m, all, allOf));
        for (int t = 0; t < 3; t++) {
          Set<Long> vertices = new HashSet<>();
          for (int i = 0; i < all.length; i++) {
            if (allOf[i] == t) {
              assertTrue(all[i] < 2 * m && vertices.add(all[i]));
            }
          }
          assertEquals(2 * m, vertices.size(), "table " + t + " at m=" + m);
        }
        long[] per = new long[3 * 2 * m];
        int[] perOf = new int[per.length];
        assertEquals(per.length, alone.queryKeys(query, 1, 3, 2 * m - 1, per, perOf),
            "per-table probes reach the other 2m − 1 vertices too");
      }
    }
  }

  /** m = 1 is a sign bit: ±e_1 of the rotated vector, which collides with probability 1 − θ/π. */
  @Test
  void aOneCoordinatePolytopeCollidesLikeAHyperplane() {
    CrossPolytopeCollision one = CrossPolytopeCollision.simulate(64, 4000, 7, 2, 1);
    CrossPolytopeCollision whole = CrossPolytopeCollision.simulate(64, 4000, 7, 2);
    for (double theta : new double[] {0.3, 0.8, 1.5, 2.2}) {
      assertEquals(1 - theta / Math.PI, one.applyAsDouble(Math.cos(theta)), 0.03, "θ=" + theta);
      assertTrue(one.applyAsDouble(Math.cos(theta)) > whole.applyAsDouble(Math.cos(theta)),
          "fewer vertices collide more");
    }
    // Read through the whole curve's p, the partial curve is the same function of the angle.
    var along = one.alongside(whole);
    for (double theta : new double[] {0.3, 0.8, 1.5}) {
      double p = whole.applyAsDouble(Math.cos(theta));
      assertEquals(one.applyAsDouble(Math.cos(theta)), along.applyAsDouble(p), 0.03, "θ=" + theta);
    }
  }

  @Test
  void refusesALastDimensionThatIsNoPolytope() {
    assertThrows(IllegalArgumentException.class,
        () -> new CrossPolytopeFamily(100, 2, 1, 1, null, 3));
    assertThrows(IllegalArgumentException.class,
        () -> new CrossPolytopeFamily(100, 2, 1, 1, null, 256));
    assertThrows(IllegalArgumentException.class, () -> CrossPolytopeFamily.forBits(128, 0));
  }
}
