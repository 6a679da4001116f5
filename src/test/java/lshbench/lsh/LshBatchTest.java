package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lshbench.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * Batch search answers every query exactly as one-at-a-time search does, for every family
 * (each thread hashes with its own copy of the functions), with probes and with the two-pass
 * rerank, on more threads than queries too.
 */
class LshBatchTest {
  private final Dataset data = TestData.gaussian(3000, 40, 21);
  private final int[] members = TestData.range(0, 2900);
  private final Dataset queries = TestData.gaussian(37, 40, 22);

  @Test
  void batchAnswersAreTheOneQueryAnswersForEveryFamily() {
    float[] mean = HyperplaneBank.mean(data, members);
    PcaBasis basis = PcaBasis.fit(data, members, 16, 8, 5, 2);
    List<HashFamily> families = List.of(
        new HyperplaneBank(40, 8, 6, 1, mean),
        new RotatedHyperplaneFamily(40, 8, 6, 2, mean),
        new CrossPolytopeFamily(40, 1, 6, 3, mean),
        new PcaHyperplaneFamily(basis, 8, 6, 4, 0));
    for (HashFamily f : families) {
      long[] sig = f.signatures(data, members, 2);
      int k = f.bitsPerFunction() == 1 ? 8 : 1;
      BucketTable[] tables = LshIndex.buildTables(f, sig, members, k, 6);
      for (ProjectedRerank prefilter : new ProjectedRerank[] {null,
          new ProjectedRerank(PcaBasis.fit(data, members, 8, 8, 6, 2), data, 15, 2)}) {
        LshIndex batch = new LshIndex(data, members.length, f, k, tables, 3, prefilter);
        LshIndex single = new LshIndex(data, members.length, f, k, tables, 3, prefilter);
        for (int threads : new int[] {1, 2, 64}) {
          Neighbours[] got = batch.searchBatch(queries.vectors(), 10, threads);
          assertEquals(queries.size(), got.length);
          for (int q = 0; q < queries.size(); q++) {
            Neighbours want = single.search(queries.vector(q), 10);
            String what = f.describe() + " rerank " + (prefilter != null) + " threads " + threads
                + " query " + q;
            assertArrayEquals(want.ids(), got[q].ids(), what);
            assertArrayEquals(want.distances(), got[q].distances(), what);
            assertEquals(want.candidates(), got[q].candidates(), what);
          }
        }
      }
    }
  }
}
