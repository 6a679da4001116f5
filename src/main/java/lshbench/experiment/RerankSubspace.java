package lshbench.experiment;

import lshbench.data.Dataset;
import lshbench.family.TrainingSample;
import lshbench.lsh.PcaBasis;
import lshbench.lsh.ProjectedRerank;

/**
 * The first pass of a two-pass rerank: a {@code rerank.dim} principal subspace learned on the
 * same kind of sample as data-aware families (indexed items, never queries). Its size was
 * checked against the data with the families ({@link Families#check}).
 */
final class RerankSubspace {
  private RerankSubspace() {}

  static ProjectedRerank fit(SweepConfig config, Dataset data, int[] members, long seed) {
    Families f = config.families();
    int[] sample = TrainingSample.draw(members, f.pcaSample(), seed);
    PcaBasis basis = PcaBasis.fit(data, sample, f.rerankDim(), 8, seed ^ 0x2545F4914F6CDD1DL,
        config.threads());
    return new ProjectedRerank(basis, data, 1, config.threads());
  }
}
