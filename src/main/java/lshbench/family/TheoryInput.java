package lshbench.family;

import lshbench.data.Dataset;
import lshbench.eval.GroundTruth;
import lshbench.eval.QuerySplit;

/** What a family's collision theory is measured on: the run's queries, truth and centre. */
public record TheoryInput(Dataset data, QuerySplit split, GroundTruth truth, float[] centre,
    long seed, int threads) {}
