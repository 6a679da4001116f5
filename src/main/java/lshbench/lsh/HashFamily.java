package lshbench.lsh;

import lshbench.data.Dataset;

/**
 * A bank of locality-sensitive hash functions: {@link #tables()} groups of up to
 * {@link #maxK()} functions, each function worth {@link #bitsPerFunction()} bits of a table's
 * key. A table's key at k functions is the low k·bits of its full-width signature, so one bank
 * serves every (k ≤ K, L' ≤ L) configuration of a sweep and the data are hashed once.
 *
 * <p>{@link LshIndex} only ever sees keys, so hyperplanes, cross-polytopes and data-aware
 * variants are interchangeable behind it. Implementations keep per-query scratch space: not
 * thread-safe, one bank per thread.
 */
public interface HashFamily {
  /** Bits a table key holds: keys are {@code long}s. */
  int KEY_BITS = 64;

  /** One line for reports: what the functions are and their fixed parameters. */
  String describe();

  int dim();

  /** Dimension the functions work in: d, the padded d' of a rotation, or a learned subspace's. */
  default int hashDim() {
    return dim();
  }

  int tables();

  /** Largest number of functions per table this bank holds. */
  int maxK();

  /** Key bits one function contributes (1 for a sign bit, log2(2d') for a cross-polytope). */
  int bitsPerFunction();

  /** Largest k whose keys still fit into a {@code long}. */
  default int maxKeyFunctions() {
    return Math.min(maxK(), KEY_BITS / bitsPerFunction());
  }

  /**
   * Full-width signatures of the listed rows: {@code out[i * tables() + t]} holds the maxK
   * functions of table t, function j in bits [j·b, (j+1)·b). Batch work, spread over threads.
   */
  long[] signatures(Dataset data, int[] members, int threads);

  /**
   * The bucket keys a query visits in the first {@code tables} tables at {@code k} functions:
   * its own key in each, followed by up to {@code probes} neighbouring keys per table, best
   * first (multi-probe).
   *
   * @param keys receives the keys, capacity tables·(1 + probes)
   * @param tableOf receives the table of each key
   * @return how many keys were written
   */
  int queryKeys(float[] query, int k, int tables, int probes, long[] keys, int[] tableOf);

  /**
   * The bucket keys a query visits with a total budget of {@code budget} probes over the first
   * {@code tables} tables (FALCONN's {@code num_probes}, ≥ tables): its own key in each table,
   * then the best perturbations across all tables by the family's probe score, so the budget
   * goes where the query sits nearest a bucket boundary. The sequence is the same for every
   * budget (a larger one visits a superset); {@code budget == tables} is plain LSH.
   *
   * <p>This default, for families whose probe scores are not comparable across tables, spreads
   * the budget evenly: ⌈(budget − tables) / tables⌉ probes per table, cut to the budget.
   *
   * @param keys receives the keys, capacity max(budget, tables)
   * @return how many keys were written, at most budget
   */
  default int queryKeysTotal(float[] query, int k, int tables, int budget, long[] keys,
      int[] tableOf) {
    if (budget < tables) {
      throw new IllegalArgumentException("a probe budget covers each table's own bucket: needs "
          + "at least L = " + tables + ", got " + budget);
    }
    int per = (budget - tables + tables - 1) / tables;
    long[] all = new long[tables * (1 + per)];
    int[] of = new int[all.length];
    int written = queryKeys(query, k, tables, per, all, of);
    // Own keys first (one per table), then each table's probes round by round.
    int n = 0;
    for (int round = 0; round <= per && n < budget; round++) {
      int seen = 0;
      for (int i = 0; i < written && n < budget; i++) {
        if (i > 0 && of[i] != of[i - 1]) {
          seen = 0;
        }
        if (seen++ == round) {
          keys[n] = all[i];
          tableOf[n++] = of[i];
        }
      }
    }
    return n;
  }

  /** Bytes of the parameters a (k, L) index actually uses (planes, rotations, bases). */
  long bytesFor(int k, int tables);

  /**
   * The same functions with scratch space of their own, for a query on another thread
   * (batch search): parameters are shared, nothing is recomputed.
   *
   * @throws UnsupportedOperationException when the family has no such copy
   */
  default HashFamily copy() {
    throw new UnsupportedOperationException(describe() + ": no per-thread copy");
  }

  /** Milliseconds spent learning from the data before hashing (0 for data-oblivious families). */
  default double trainMs() {
    return 0;
  }

  /**
   * Bits of a key of k functions: k·{@link #bitsPerFunction()}, unless the bank's last function
   * is narrower (a partial cross-polytope).
   */
  default int keyBits(int k) {
    return k * bitsPerFunction();
  }

  /** The mask of a k-function key. */
  default long mask(int k) {
    int bits = keyBits(k);
    return bits >= KEY_BITS ? -1L : (1L << bits) - 1;
  }
}
