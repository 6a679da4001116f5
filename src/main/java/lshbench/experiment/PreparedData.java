package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import lshbench.data.Dataset;
import lshbench.eval.GroundTruth;
import lshbench.eval.QuerySplit;
import lshbench.family.BuildInput;
import lshbench.lsh.HyperplaneBank;

/**
 * A vector experiment's data as every engine sees it: loaded, normalised for cosine, split into
 * queries and members with the seed (or a published query set), with the centre the hash banks
 * use. Another engine (Spark) starts from this, so both engines answer the same question.
 *
 * @param truth the ground truth published with the queries, or null when it is computed
 */
public record PreparedData(Dataset data, QuerySplit split, int topN, float[] centre,
    GroundTruth truth) {

  /** Loads and splits as the local sweep does, with every refusal before any folder exists. */
  public static PreparedData load(SweepConfig config, PrintStream log) throws IOException {
    Workbench.Source source = Workbench.loadForExperiment(config, log);
    config.families().check(source.data().dim(), source.members(config));
    Dataset data = source.data();
    QuerySplit split = source.split() != null ? source.split()
        : QuerySplit.draw(data.size(), config.queries(), config.seed());
    int topN = Math.min(config.topN(), split.members().length);
    float[] centre = config.center() ? HyperplaneBank.mean(data, split.members()) : null;
    return new PreparedData(data, split, topN, centre, source.truth());
  }

  /** What drawing a bank may look at, as {@link Workbench#buildInput} gives it. */
  public BuildInput buildInput(SweepConfig config, int threads) {
    return new BuildInput(data, split.members(), config.families().pcaSample(), centre, threads);
  }
}
