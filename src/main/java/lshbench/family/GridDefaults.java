package lshbench.family;

/**
 * The sweep-wide k, L and probes grids, which every hashing family uses unless it has its own
 * {@code <family>.k / .L / .probes}.
 */
public record GridDefaults(int[] ks, int[] ls, int[] probes, int topN) {}
