package lshbench.eval;

import lshbench.lsh.LshIndex;

/**
 * Where an LSH query's time goes, measured from outside the index by running its four stages
 * one by one with a clock read between them: hashing (k·L dot products and probe generation),
 * bucket lookup, union with deduplication, exact reranking. The stages are exactly what
 * {@link LshIndex#search} composes, so the parts add up to a query, plus four clock reads.
 *
 * @param hashUs mean microseconds per query in each stage
 * @param rawCandidates mean bucket entries visited, duplicates across tables included
 * @param uniqueCandidates mean distinct candidates
 */
public record CostBreakdown(double hashUs, double lookupUs, double unionUs, double rerankUs,
    double rawCandidates, double uniqueCandidates) {

  /** Profiles {@code queries} (rows of {@code vectors}, warm-up included in {@code warmup}). */
  public static CostBreakdown measure(LshIndex index, float[][] queries, int n, int warmup) {
    for (int q = 0; q < Math.min(warmup, queries.length); q++) {
      index.search(queries[q], n);
    }
    long hash = 0;
    long lookup = 0;
    long union = 0;
    long rerank = 0;
    double raw = 0;
    double unique = 0;
    for (float[] query : queries) {
      long t0 = System.nanoTime();
      int keys = index.hashStage(query);
      long t1 = System.nanoTime();
      index.lookupStage(keys);
      long t2 = System.nanoTime();
      int count = index.unionStage(keys);
      long t3 = System.nanoTime();
      index.rerankStage(query, n, count);
      long t4 = System.nanoTime();
      hash += t1 - t0;
      lookup += t2 - t1;
      union += t3 - t2;
      rerank += t4 - t3;
      raw += index.lastRawCandidates();
      unique += count;
    }
    double q = Math.max(1, queries.length) * 1e3;
    return new CostBreakdown(hash / q, lookup / q, union / q, rerank / q,
        raw * 1e3 / q, unique * 1e3 / q);
  }
}
