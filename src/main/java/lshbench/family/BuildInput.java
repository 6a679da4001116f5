package lshbench.family;

import lshbench.data.Dataset;

/**
 * What drawing (or training) a bank of hash functions may look at.
 *
 * @param members the indexed rows; a data-aware family learns from a seeded sample of them,
 *     never from the queries
 * @param sampleSize how many of them a data-aware family learns from
 * @param centre the data mean when the run centres, else null
 */
public record BuildInput(Dataset data, int[] members, int sampleSize, float[] centre,
    int threads) {}
