package lshbench.family;

/**
 * The sweep-wide k, L, probes and total probe budget grids, which every hashing family uses
 * unless it has its own {@code <family>.k / .L / .probes / .probes.total}.
 */
public record GridDefaults(int[] ks, int[] ls, int[] probes, int[] probesTotal, int topN) {
  /** Without total probe budgets. */
  public GridDefaults(int[] ks, int[] ls, int[] probes, int topN) {
    this(ks, ls, probes, new int[0], topN);
  }
}
