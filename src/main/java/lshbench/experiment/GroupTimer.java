package lshbench.experiment;

import lshbench.io.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lshbench.eval.Measurement;
import lshbench.lsh.Index;

/**
 * Times configurations in groups, each group together with the exact scan in interleaved
 * rounds (see {@link lshbench.eval.Evaluation#measure}), so every speed-up is a ratio of two
 * medians from the same rounds.
 *
 * <p>Why groups and not the whole grid at once: interleaving needs every index of a round in
 * memory, and a large grid's tables need not fit. A runner fills a group until its indexes
 * reach {@link #budgetBytes} (a quarter of the heap), then times it; on the data sets shipped
 * here a family's whole grid is one group. Each group pays for its own exact-scan rounds, and
 * the exact scan's own row pools the rounds of every group.
 */
final class GroupTimer {
  private final Workbench bench;
  private final Progress progress;
  private Measurement exactPooled;

  /**
   * @param progress advanced by one unit per configuration and round
   */
  GroupTimer(Workbench bench, Progress progress) {
    this.bench = bench;
    this.progress = progress;
  }

  /** A group's configurations measured in order, and the exact scan from the same rounds. */
  record Group(List<Measurement> measured, Measurement exact) {}

  /** Heap a group's indexes may take before it is timed: a quarter of the maximum heap. */
  static long budgetBytes() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /** Times {@code indexes} with the exact scan; {@code what} names the group in progress lines. */
  Group time(List<? extends Index> indexes, String what) {
    List<Index> all = new ArrayList<>(indexes.size() + 1);
    all.add(bench.exactIndex());
    all.addAll(indexes);
    // Each configuration's turn is a unit of progress, the exact scan's is not; a line at the
    // end of every round, and in between when a round is long.
    List<Measurement> m = bench.eval().measure(all, (index, round, rounds, turns) -> progress.tick(
        index == 0 ? 0 : 1, turns == all.size(), String.format(Locale.ROOT,
            "%s: round %d/%d, %d of %d turns (%d configurations + exact scan)", what, round,
            rounds, turns, all.size(), indexes.size())));
    Measurement exact = m.get(0);
    exactPooled = exactPooled == null ? exact : exactPooled.withRoundsOf(exact);
    return new Group(List.copyOf(m.subList(1, m.size())), exact);
  }

  /**
   * The exact scan over every round this timer ran, for its own row; timed alone when no group
   * was (a resumed run with nothing left to do).
   */
  Measurement exact() {
    if (exactPooled == null) {
      exactPooled = bench.eval().run(bench.exactIndex());
    }
    return exactPooled;
  }
}
