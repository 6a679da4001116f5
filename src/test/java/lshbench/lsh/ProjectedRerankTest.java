package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lshbench.data.Dataset;
import org.junit.jupiter.api.Test;

class ProjectedRerankTest {
  private final Dataset data = TestData.gaussian(2000, 24, 3);
  private final int[] members = TestData.range(0, 2000);
  private final Dataset queries = TestData.gaussian(30, 24, 4);

  private LshIndex index(ProjectedRerank prefilter) {
    HyperplaneBank bank = new HyperplaneBank(24, 6, 4, 9, HyperplaneBank.mean(data, members));
    long[] sig = bank.signatures(data, members, 2);
    return new LshIndex(data, members.length, bank, 6, LshIndex.buildTables(bank, sig, members, 6, 4),
        0, prefilter);
  }

  @Test
  void aFullDimensionalFirstPassChangesNoAnswer() {
    // All 24 components: subspace distances are the exact ones, so keeping 10 loses nothing.
    PcaBasis full = PcaBasis.fit(data, members, 24, 4, 1, 2);
    LshIndex plain = index(null);
    LshIndex twoPass = index(new ProjectedRerank(full, data, 10, 2));
    for (int q = 0; q < 30; q++) {
      float[] query = queries.vector(q);
      assertArrayEquals(plain.search(query, 10).ids(), twoPass.search(query, 10).ids(), "query " + q);
      assertEquals(plain.search(query, 10).candidates(), twoPass.search(query, 10).candidates(),
          "candidates counted before the first pass");
    }
  }

  @Test
  void aNarrowFirstPassKeepsOnlyItsBestAndCountsItsMemory() {
    PcaBasis narrow = PcaBasis.fit(data, members, 4, 6, 1, 2);
    ProjectedRerank pass = new ProjectedRerank(narrow, data, 12, 2);
    LshIndex plain = index(null);
    LshIndex twoPass = index(pass);
    assertEquals(plain.memoryBytes() + pass.memoryBytes(), twoPass.memoryBytes());
    assertTrue(twoPass.name().contains("rerank 4d→12"), twoPass.name());
    int[] ids = TestData.range(0, 500);
    int kept = pass.copy().select(queries.vector(0), ids, 500);
    assertEquals(12, kept);
    for (int i = 1; i < kept; i++) {
      assertTrue(ids[i - 1] < ids[i], "kept candidates in row order");
    }
    assertEquals(7, pass.withKeep(20).select(queries.vector(0), TestData.range(0, 7), 7),
        "fewer candidates than keep: all of them");
  }
}
