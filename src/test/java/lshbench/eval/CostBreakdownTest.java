package lshbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lshbench.data.Dataset;
import lshbench.data.SyntheticGenerator;
import lshbench.data.SyntheticSpec;
import lshbench.lsh.LshIndex;
import lshbench.lsh.Neighbours;
import org.junit.jupiter.api.Test;

class CostBreakdownTest {
  @Test
  void stagesComposeToSearchAndCountCandidates() {
    Dataset data = SyntheticGenerator.generate(new SyntheticSpec(new String[] {"a", "b"},
        new int[] {300, 300}, 32, 6, 1.0, 0.1, 2));
    QuerySplit split = QuerySplit.draw(data.size(), 20, 3);
    LshIndex index = LshIndex.builder().bitsPerTable(6).tables(5).probes(2).seed(4)
        .build(data, split.members());
    float[][] queries = new float[20][];
    double unique = 0;
    for (int q = 0; q < 20; q++) {
      queries[q] = data.vector(split.queries()[q]);
      int keys = index.hashStage(queries[q]);
      assertEquals(5 * 3, keys, "own bucket + 2 probes in each of 5 tables");
      index.lookupStage(keys);
      int count = index.unionStage(keys);
      assertTrue(index.lastRawCandidates() >= count);
      Neighbours staged = index.rerankStage(queries[q], 10, count);
      assertArrayEquals(index.search(queries[q], 10).ids(), staged.ids());
      unique += count / 20.0;
    }
    CostBreakdown cost = CostBreakdown.measure(index, queries, 10, 0);
    assertEquals(unique, cost.uniqueCandidates(), 1e-9);
    assertTrue(cost.rawCandidates() >= cost.uniqueCandidates());
    assertTrue(cost.hashUs() >= 0 && cost.rerankUs() >= 0);
  }
}
