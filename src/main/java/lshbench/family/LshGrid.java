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
 * @param bits key bits per table ({@code <family>.bits}), ascending, replacing {@code ks}: each
 *     split into functions the family's way ({@link LshFamilySpec#forBits}); empty = the k grid
 */
public record LshGrid<O>(LshFamilySpec<O> spec, int[] ks, int[] ls, int[] probes, int[] totals,
    int[] bits, O options) {
  /** Without total probe budgets. */
  public LshGrid(LshFamilySpec<O> spec, int[] ks, int[] ls, int[] probes, O options) {
    this(spec, ks, ls, probes, new int[0], options);
  }

  /** A k grid. */
  public LshGrid(LshFamilySpec<O> spec, int[] ks, int[] ls, int[] probes, int[] totals,
      O options) {
    this(spec, ks, ls, probes, totals, new int[0], options);
  }

  /** Whether the grid is given in key bits rather than k. */
  public boolean inBits() {
    return bits.length > 0;
  }

  /** The grid's table keys at dimension {@code dim}, in grid order. */
  public java.util.List<TableKey> keys(int dim) {
    java.util.List<TableKey> out = new java.util.ArrayList<>();
    if (inBits()) {
      for (int b : bits) {
        int[] split = spec.forBits(b, dim);
        out.add(new TableKey(split[0], split[1], b));
      }
    } else {
      for (int k : ks) {
        out.add(new TableKey(k, 0, k * spec.bitsPerFunction(dim)));
      }
    }
    return out;
  }

  /** Whether a key needs a bank of its own (a narrower last function than a whole one). */
  public boolean ownBank(TableKey key, int dim) {
    return key.fromBits() && key.bits() != key.k() * spec.bitsPerFunction(dim);
  }

  /** The largest k among the keys a shared bank serves (0 when every key has its own). */
  public int sharedMaxK(int dim) {
    return keys(dim).stream().filter(t -> !ownBank(t, dim)).mapToInt(TableKey::k).max()
        .orElse(0);
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
    return (inBits() ? bits.length : ks.length) * perK;
  }

  /** The largest k of a k grid (a bits grid's depends on d: see {@link #keys}). */
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

  /**
   * A bank for {@code key}: maxK = key.k() with the key's narrower last function when it has
   * one, else whole functions.
   */
  public HashFamily build(BuildInput in, TableKey key, int maxL, long seed) {
    int dim = in.data().dim();
    return ownBank(key, dim) ? spec.buildPartial(options, in, key.k(), maxL, seed, key.lastDim())
        : spec.build(options, in, key.k(), maxL, seed);
  }

  /** The family's collision theory, or null. */
  public Theory theory(TheoryInput in, HashFamily built) {
    return spec.theory(options, in, built);
  }

  /** The theory of tables ending in {@code built}'s narrower last function, or null. */
  public lshbench.eval.CollisionTheory partialTheory(TheoryInput in, HashFamily built,
      lshbench.eval.CollisionTheory whole) {
    return spec.partialTheory(options, in, built, whole);
  }

  /** Adds the family's own options that decide the CSV to a run's identity. */
  public void identity(java.util.Map<String, String> out, int sampleSize) {
    spec.identity(options, out, sampleSize);
  }

  /** The grid as text, for a resumed run's identity check. */
  public String describeGrid() {
    return (inBits() ? "bits " + Arrays.toString(bits) : Arrays.toString(ks)) + " x " + Arrays.toString(ls) + " x " + Arrays.toString(probes)
        + (totals.length > 0 ? " + total " + Arrays.toString(totals) : "");
  }
}
