package lshbench.family;

import java.util.Arrays;
import lshbench.lsh.HashFamily;

/**
 * One hashing family's grid in a run: k × L × (probes per table, then total probe budgets),
 * and its own options.
 *
 * @param ks functions per table, ascending
 * @param ls tables, ascending
 * @param probes extra buckets probed per table, ascending
 * @param totals total probe budgets over all tables (FALCONN's num_probes), ascending; a budget
 *     below an L is skipped at that L (it cannot cover each table's own bucket)
 */
public record LshGrid<O>(LshFamilySpec<O> spec, int[] ks, int[] ls, int[] probes, int[] totals,
    O options) {
  /** Without total probe budgets. */
  public LshGrid(LshFamilySpec<O> spec, int[] ks, int[] ls, int[] probes, O options) {
    this(spec, ks, ls, probes, new int[0], options);
  }

  /** The total budgets that apply at {@code l} tables: those ≥ l. */
  public int[] totalsAt(int l) {
    return Arrays.stream(totals).filter(b -> b >= l).toArray();
  }

  public String family() {
    return spec.name();
  }

  public int runs() {
    int perK = 0;
    for (int l : ls) {
      perK += probes.length + totalsAt(l).length;
    }
    return ks.length * perK;
  }

  public int maxK() {
    return ks[ks.length - 1];
  }

  public int maxL() {
    return ls[ls.length - 1];
  }

  /** Refuses what the data rule out: key bits at d, subspaces larger than d or the sample. */
  public void check(int dim, int sample) {
    spec.check(this, dim, sample);
  }

  /** A bank of maxK × maxL functions of this family. */
  public HashFamily build(BuildInput in, int maxK, int maxL, long seed) {
    return spec.build(options, in, maxK, maxL, seed);
  }

  /** The family's collision theory, or null. */
  public Theory theory(TheoryInput in, HashFamily built) {
    return spec.theory(options, in, built);
  }

  /** Adds the family's own options that decide the CSV to a run's identity. */
  public void identity(java.util.Map<String, String> out, int sampleSize) {
    spec.identity(options, out, sampleSize);
  }

  /** The grid as text, for a resumed run's identity check. */
  public String describeGrid() {
    return Arrays.toString(ks) + " x " + Arrays.toString(ls) + " x " + Arrays.toString(probes)
        + (totals.length > 0 ? " + total " + Arrays.toString(totals) : "");
  }
}
