package lshbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lshbench.data.Dataset;
import lshbench.data.SyntheticGenerator;
import lshbench.data.SyntheticSpec;
import lshbench.lsh.HyperplaneBank;
import lshbench.lsh.LshIndex;
import org.junit.jupiter.api.Test;

class CollisionTheoryTest {
  private final Dataset data = SyntheticGenerator.generate(new SyntheticSpec(
      new String[] {"a", "b", "c", "d", "e", "f"}, new int[] {80, 60, 60, 50, 40, 30}, 96, 12, 1.0,
      0.1, 3));
  private final QuerySplit split = QuerySplit.draw(data.size(), 60, 1);
  private final GroundTruth truth = GroundTruth.compute(data, split, 10, 2);
  private final float[] centre = HyperplaneBank.mean(data, split.members());
  private final CollisionTheory theory = CollisionTheory.measure(data, split, truth, centre,
      HyperplaneBank::collisionProbability, 2);

  @Test
  void predictedRecallRisesWithTablesAndFallsWithBits() {
    for (int k = 1; k <= 24; k++) {
      for (int l = 1; l <= 64; l *= 2) {
        assertTrue(theory.knnRecall(k, 2 * l) >= theory.knnRecall(k, l), "L, k=" + k);
        assertTrue(theory.labelRecall(k, 2 * l) >= theory.labelRecall(k, l), "L, k=" + k);
        assertTrue(theory.knnRecall(k + 1, l) <= theory.knnRecall(k, l), "k, L=" + l);
        assertTrue(theory.candidates(k + 1, l) <= theory.candidates(k, l), "k, L=" + l);
      }
    }
    assertEquals(split.members().length, theory.candidates(1, 4096), 1.0);
  }

  @Test
  void predictionsMatchMeasurementsOverManySeeds() {
    Evaluation eval = new Evaluation(data, split, truth, 10,
        TimingPlan.of(Clock.CPU, 1, 0.1, 0, 0));
    int[][] configs = {{4, 2}, {6, 8}, {10, 16}};
    for (int[] c : configs) {
      double knn = 0;
      double candidates = 0;
      int seeds = 8;
      for (int seed = 0; seed < seeds; seed++) {
        LshIndex index = LshIndex.builder().bitsPerTable(c[0]).tables(c[1]).seed(seed)
            .build(data, split.members());
        Measurement m = eval.run(index);
        knn += m.knnRecall() / seeds;
        candidates += m.candidatesMean() / seeds;
      }
      assertEquals(theory.knnRecall(c[0], c[1]), knn, 0.05, "kNN recall k=" + c[0] + " L=" + c[1]);
      double predicted = theory.candidates(c[0], c[1]);
      assertEquals(predicted, candidates, 0.1 * predicted + 1, "candidates k=" + c[0] + " L=" + c[1]);
    }
  }
}
