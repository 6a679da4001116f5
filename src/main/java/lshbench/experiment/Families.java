package lshbench.experiment;

import lshbench.config.Settings;

import lshbench.config.ConfigException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Which index families a sweep measures and each one's own grid: {@code families =
 * hyperplane, crosspolytope, pca-hyperplane, hnsw}. The LSH families share the k/L/probes keys
 * unless overridden per family ({@code crosspolytope.k = 1,2}: a cross-polytope function is
 * worth log2(2d') bits, so its k is small); HNSW has its own M × efConstruction × efSearch grid.
 *
 * @param lsh the LSH families, in the order given
 * @param hnsw the HNSW grid, or null when hnsw is not listed
 * @param pcaDim dimension of the learned subspace for pca-hyperplane
 * @param pcaSample training rows for pca-hyperplane, drawn from the indexed items (never queries)
 * @param cpSamples pairs per angle when simulating the cross-polytope collision curve
 * @param rerankKeep grid of candidates kept for the exact rerank after a first pass in a
 *     learned subspace; 0 compares every candidate exactly (plain LSH)
 * @param rerankDim dimension of that subspace
 */
public record Families(List<Grid> lsh, Hnsw hnsw, int pcaDim, int pcaSample, int cpSamples,
    int[] rerankKeep, int rerankDim) {
  public static final String HYPERPLANE = "hyperplane";
  public static final String HYPERPLANE_FHT = "hyperplane-fht";
  public static final String CROSSPOLYTOPE = "crosspolytope";
  public static final String PCA_HYPERPLANE = "pca-hyperplane";
  public static final String HNSW = "hnsw";
  static final List<String> KNOWN = List.of(HYPERPLANE, HYPERPLANE_FHT, CROSSPOLYTOPE,
      PCA_HYPERPLANE, HNSW);

  /** One LSH family's grid. */
  public record Grid(String family, int[] ks, int[] ls, int[] probes) {
    int runs() {
      return ks.length * ls.length * probes.length;
    }

    int maxK() {
      return ks[ks.length - 1];
    }

    int maxL() {
      return ls[ls.length - 1];
    }
  }

  /** HNSW's grid: a graph is built per (M, efConstruction) and searched at every ef. */
  public record Hnsw(int[] m, int[] efConstruction, int[] ef) {
    int runs() {
      return m.length * efConstruction.length * ef.length;
    }
  }

  /** Keys this record reads, with their meaning, for {@link SweepConfig#KEYS}. */
  static void describeKeys(Map<String, String> k) {
    k.put("families", "comma list of index families to sweep: hyperplane, hyperplane-fht, "
        + "crosspolytope, pca-hyperplane, hnsw");
    for (String f : List.of(CROSSPOLYTOPE, PCA_HYPERPLANE, HYPERPLANE, HYPERPLANE_FHT)) {
      k.put(f + ".k", f + ": its own k grid (functions per table), instead of k");
      k.put(f + ".L", f + ": its own L grid, instead of L");
      k.put(f + ".probes", f + ": its own probes grid, instead of probes");
    }
    k.put("pca.dim", "pca-hyperplane: dimension of the principal subspace the planes live in");
    k.put("pca.sample", "pca-hyperplane: indexed items the subspace is learned from (seeded draw)");
    k.put("crosspolytope.theory.samples", "crosspolytope: simulated pairs per angle for the "
        + "collision curve the theory overlay uses");
    k.put("rerank.keep", "LSH: grid of candidates kept for the exact rerank after a first pass in a "
        + "learned rerank.dim subspace; 0 = every candidate exactly (e.g. 0,50,100)");
    k.put("rerank.dim", "LSH: dimension of the principal subspace the first rerank pass uses");
    k.put("hnsw.M", "hnsw: grid of links per node");
    k.put("hnsw.efConstruction", "hnsw: grid of build-time candidate list sizes");
    k.put("hnsw.ef", "hnsw: grid of search-time candidate list sizes (at least top.n)");
  }

  static Families from(Settings s, int[] ks, int[] ls, int[] probes, int topN) {
    List<String> names = new ArrayList<>();
    for (String part : s.string("families", HYPERPLANE).split(",")) {
      String f = part.trim();
      if (f.isEmpty()) {
        continue;
      }
      if (!KNOWN.contains(f)) {
        throw new ConfigException("families: '" + f + "' is not a family (" + String.join(", ", KNOWN) + ")");
      }
      if (names.contains(f)) {
        throw new ConfigException("families: '" + f + "' is listed twice");
      }
      names.add(f);
    }
    if (names.isEmpty()) {
      throw new ConfigException("families: name at least one of " + String.join(", ", KNOWN));
    }
    List<Grid> lsh = new ArrayList<>();
    for (String f : names) {
      if (f.equals(HNSW)) {
        continue;
      }
      // k counts sign bits for hyperplanes but whole cross-polytopes (12 bits at d' = 2048).
      lsh.add(new Grid(f, s.grid(f + ".k", f.equals(CROSSPOLYTOPE) ? "1,2" : join(ks), 1, 64),
          s.grid(f + ".L", join(ls), 1, 4096), s.grid(f + ".probes", join(probes), 0, 4096)));
    }
    Hnsw hnsw = null;
    if (names.contains(HNSW)) {
      hnsw = new Hnsw(s.grid("hnsw.M", "16", 2, 512), s.grid("hnsw.efConstruction", "100", 1, 100_000),
          s.grid("hnsw.ef", "10,20,40,80,160,320", 1, 100_000));
      if (hnsw.ef()[0] < topN) {
        throw new ConfigException("hnsw.ef: " + hnsw.ef()[0] + " is below top.n = " + topN
            + "; a search keeps at least the n it returns");
      }
    }
    return new Families(List.copyOf(lsh), hnsw, s.intIn("pca.dim", 64, 1, 1 << 16),
        s.intIn("pca.sample", 2000, 10, Integer.MAX_VALUE),
        s.intIn("crosspolytope.theory.samples", 2000, 100, 1_000_000),
        s.grid("rerank.keep", "0", 0, 1_000_000), s.intIn("rerank.dim", 128, 1, 1 << 16));
  }

  private static String join(int[] values) {
    return String.join(",", Arrays.stream(values).mapToObj(Integer::toString).toList());
  }

  /** Configurations per repeat. */
  int runs() {
    return lsh.stream().mapToInt(Grid::runs).sum() * rerankKeep.length
        + (hnsw == null ? 0 : hnsw.runs());
  }

  /** Whether some configuration reranks in two passes. */
  public boolean prefilters() {
    return Arrays.stream(rerankKeep).anyMatch(r -> r > 0);
  }

  /**
   * Refuses, before any run folder exists, what only the data's dimension can rule out: keys
   * wider than 64 bits, subspaces larger than the data or the training sample.
   */
  void check(int dim, int indexed) {
    int sample = Math.min(pcaSample, indexed);
    for (Grid g : lsh) {
      if (g.family().equals(CROSSPOLYTOPE)) {
        int bits = Integer.numberOfTrailingZeros(Math.max(2,
            lshbench.vector.Hadamard.paddedLength(dim))) + 1;
        if ((long) g.maxK() * bits > 64) {
          throw new ConfigException("crosspolytope.k: at most " + 64 / bits + " cross-polytopes of "
              + bits + " bits fit a 64-bit key at d = " + dim + ", grid has " + g.maxK());
        }
      }
      if (g.family().equals(PCA_HYPERPLANE) && pcaDim > Math.min(dim, sample)) {
        throw new ConfigException("pca.dim: " + pcaDim + " is more than min(d = " + dim
            + ", pca.sample = " + sample + ")");
      }
    }
    if (prefilters() && rerankDim > Math.min(dim, sample)) {
      throw new ConfigException("rerank.dim: " + rerankDim + " is more than min(d = " + dim
          + ", pca.sample = " + sample + ")");
    }
  }

  /** The names in sweep order, HNSW last. */
  public List<String> names() {
    List<String> out = new ArrayList<>(lsh.stream().map(Grid::family).toList());
    if (hnsw != null) {
      out.add(HNSW);
    }
    return out;
  }

  /** What decides the CSV, for a resumed run's identity check. */
  void identity(Map<String, String> m) {
    m.put("families", String.join(",", names()));
    for (Grid g : lsh) {
      if (g.family().equals(HYPERPLANE)) {
        continue; // its grid is k × L × probes, already part of the identity
      }
      m.put(g.family() + ".grid", Arrays.toString(g.ks()) + " x " + Arrays.toString(g.ls()) + " x "
          + Arrays.toString(g.probes()));
    }
    if (hnsw != null) {
      m.put("hnsw.grid", Arrays.toString(hnsw.m()) + " x " + Arrays.toString(hnsw.efConstruction())
          + " x " + Arrays.toString(hnsw.ef()));
    }
    if (prefilters()) {
      m.put("rerank", Arrays.toString(rerankKeep) + " of a " + rerankDim + "-d first pass");
    }
    if (names().contains(PCA_HYPERPLANE)) {
      m.put("pca", pcaDim + " dims from " + pcaSample + " items");
    }
  }
}
