package lshbench.experiment;

import java.util.HashMap;
import java.util.Map;

/**
 * The probe settings of one set of tables that a compare run can never pick. Probing more
 * buckets of the same tables only adds candidates: once a fixed probe count (or a total budget)
 * reaches the highest recall target, every larger count of the same kind is slower and no
 * target is left for it to win, so measuring it only costs time (a budget of 4,000 on
 * Caltech101 takes 5 s of queries for a row that cannot be a pick).
 */
final class ProbeLadder {
  private final double ceiling;
  private final Map<String, Integer> reachedAt = new HashMap<>();
  private int skipped;

  /** @param ceiling the highest recall target of the run */
  ProbeLadder(double ceiling) {
    this.ceiling = ceiling;
  }

  /** Forgets the rungs reached: the next settings probe new tables. */
  void newTables() {
    reachedAt.clear();
  }

  /**
   * Whether {@code probes} per table or total budget {@code budget} (one of them 0) with
   * rerank {@code keep} lies above a rung of the same kind that already reached the ceiling;
   * counts it when so.
   */
  boolean beyond(int probes, int budget, int keep) {
    Integer rung = reachedAt.get(kind(budget, keep));
    boolean beyond = rung != null && value(probes, budget) > rung;
    if (beyond) {
      skipped++;
    }
    return beyond;
  }

  /** Records the recall a measured setting reached. */
  void measured(int probes, int budget, int keep, double recall) {
    if (recall >= ceiling) {
      reachedAt.merge(kind(budget, keep), value(probes, budget), Math::min);
    }
  }

  /** How many settings {@link #beyond} has skipped. */
  int skipped() {
    return skipped;
  }

  private static String kind(int budget, int keep) {
    return (budget > 0 ? "budget" : "per-table") + "/" + keep;
  }

  private static int value(int probes, int budget) {
    return budget > 0 ? budget : probes;
  }
}
