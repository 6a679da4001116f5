package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import lshbench.data.Dataset;
import lshbench.data.Provenance;
import org.junit.jupiter.api.Test;

/** Pairs under a threshold through LSH and exactly; groups as connected components. */
class NearPairsTest {
  /** 200 random directions, and a jittered copy of each of the first 40. */
  private static Dataset data() {
    SplittableRandom r = new SplittableRandom(7);
    int d = 64;
    int n = 240;
    float[] v = new float[n * d];
    for (int i = 0; i < 200 * d; i++) {
      v[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < d; j++) {
        v[(200 + i) * d + j] = v[i * d + j] + 0.1f * (float) r.nextGaussian();
      }
    }
    return new Dataset(v, d, null, null, null, new Provenance("test", "none", "", true))
        .normalised();
  }

  private static int[] all(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  @Test
  void exactFindsTheJitteredCopiesAndNothingElse() {
    Dataset unit = data();
    NearPairs exact = NearPairs.exact(unit, 0.05, 2);
    assertEquals(40, exact.size());
    for (int p = 0; p < exact.size(); p++) {
      assertEquals(exact.first(p) + 200, exact.second(p));
      assertTrue(exact.distance(p) <= 0.05);
    }
    assertEquals(240L * 239 / 2, exact.comparisons());
    NearPairs oneThread = NearPairs.exact(unit, 0.05, 1);
    assertArrayEquals(keys(exact), keys(oneThread), "independent of the thread count");
  }

  @Test
  void lshFindsASubsetOfExactWithFewerComparisonsAndAllWithManyTables() {
    Dataset unit = data();
    NearPairs exact = NearPairs.exact(unit, 0.05, 1);
    Set<Long> truth = new HashSet<>();
    for (long k : keys(exact)) {
      truth.add(k);
    }
    LshIndex sparse = LshIndex.builder().bitsPerTable(16).tables(2).seed(3).build(unit,
        all(unit.size()));
    NearPairs few = NearPairs.lsh(sparse, unit, 0.05);
    for (long k : keys(few)) {
      assertTrue(truth.contains(k), "LSH pairs are exact pairs");
    }
    assertTrue(few.comparisons() < exact.comparisons() / 10, "bucket-mates only");
    LshIndex dense = LshIndex.builder().bitsPerTable(6).tables(32).seed(3).build(unit,
        all(unit.size()));
    assertArrayEquals(keys(exact), keys(NearPairs.lsh(dense, unit, 0.05)));
    LshIndex probed = LshIndex.builder().bitsPerTable(10).tables(16).probes(8).seed(3)
        .build(unit, all(unit.size()));
    assertArrayEquals(keys(exact), keys(NearPairs.lsh(probed, unit, 0.05)),
        "multi-probe: each pair once, smaller row first");
  }

  @Test
  void unnormalisedRowsAndBadThresholdsAreRefused() {
    Dataset raw = new Dataset(new float[] {3, 4, 1, 0}, 2, null, null, null,
        new Provenance("test", "none", "", true));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> NearPairs.exact(raw, 0.1, 1))
        .getMessage().startsWith("row 0 (0) has norm 5"));
    assertThrows(IllegalArgumentException.class, () -> NearPairs.exact(raw.normalised(), 2.5, 1));
  }

  @Test
  void groupsAreConnectedComponentsSoChainsJoin() {
    UnionFind uf = new UnionFind(7);
    uf.union(5, 1);
    uf.union(1, 3);
    uf.union(6, 4);
    List<int[]> groups = uf.groups();
    assertEquals(2, groups.size());
    assertArrayEquals(new int[] {1, 3, 5}, groups.get(0));
    assertArrayEquals(new int[] {4, 6}, groups.get(1));
  }

  private static long[] keys(NearPairs p) {
    long[] k = new long[p.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = p.key(i);
    }
    return k;
  }
}
