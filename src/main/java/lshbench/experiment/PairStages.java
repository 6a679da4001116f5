package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import lshbench.data.Dataset;
import lshbench.lsh.LshIndex;
import lshbench.lsh.NearPairs;

/**
 * Where the near-duplicate finder's two pair stages run: stage 1 (candidate pairs through the
 * LSH self-join) and stage 2 (keypoints and the geometric check of every candidate). Everything
 * around them (embedding, groups, keep rule, the files written) is the same code whatever runs
 * them, so the finder and its benchmark write the same outputs on every engine. {@link #LOCAL}
 * is this process; {@code -Dengine=spark} hands in one that runs them as Spark jobs.
 */
public interface PairStages {
  /** One line for the summary: where the stages ran. */
  String describe(DedupConfig config);

  /**
   * Stage 1: every pair of rows sharing a bucket of the configured random-hyperplane index
   * ({@code k}, {@code L}, {@code probes}, {@code seed}, {@code center}) whose cosine distance
   * is within {@code threshold}, then at most {@code candidates.max} per row, nearest first
   * ({@link NearPairs#nearestPerRow}).
   *
   * @param unit the embeddings, L2-normalised
   */
  NearPairs candidates(DedupConfig config, Dataset unit, PrintStream log) throws IOException;

  /**
   * Stage 2: keypoints of every row with a candidate (each image once, through the keypoint
   * cache) and the check of every candidate pair, in the pairs' order.
   *
   * @param data the embedded images (ids are paths below {@code config.photos()})
   */
  SecondStage.Result verify(DedupConfig config, Dataset data, NearPairs candidates,
      PrintStream log) throws IOException;

  /** This process, on {@code threads} threads. */
  PairStages LOCAL = new PairStages() {
    @Override
    public String describe(DedupConfig config) {
      return "this process, " + config.threads() + " thread(s)";
    }

    @Override
    public NearPairs candidates(DedupConfig config, Dataset unit, PrintStream log) {
      int[] all = new int[unit.size()];
      java.util.Arrays.setAll(all, i -> i);
      LshIndex index = LshIndex.builder().bitsPerTable(config.k()).tables(config.l())
          .probes(config.probes()).seed(config.seed()).center(config.center())
          .threads(config.threads()).build(unit, all);
      return NearPairs.lsh(index, unit, config.threshold())
          .nearestPerRow(config.stage2().candidatesPerImage());
    }

    @Override
    public SecondStage.Result verify(DedupConfig config, Dataset data, NearPairs candidates,
        PrintStream log) {
      return DedupRunner.secondStage(config, log).run(data, candidates);
    }
  };
}
