package lshbench.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.family.FamilyRegistry;
import lshbench.family.FamilySpec;
import lshbench.family.GridDefaults;
import lshbench.family.HnswSpec;
import lshbench.family.LshFamilySpec;
import lshbench.family.LshGrid;

/**
 * Which index families a run measures ({@code families = hyperplane, crosspolytope, …}, names
 * from a {@link FamilyRegistry}) and each one's own grid, plus what the families share: the
 * training sample of data-aware ones and the two-pass rerank.
 *
 * @param lsh the hashing families' grids, in the order given
 * @param hnsw the HNSW grid, or null when hnsw is not listed
 * @param pcaSample training rows for data-aware families and the rerank subspace, drawn from
 *     the indexed items (never queries)
 * @param rerankKeep grid of candidates kept for the exact rerank after a first pass in a
 *     learned subspace; 0 compares every candidate exactly (plain LSH)
 * @param rerankDim dimension of that subspace
 */
public record Families(List<LshGrid<?>> lsh, HnswSpec.Grid hnsw, int pcaSample, int[] rerankKeep,
    int rerankDim) {

  /** The keys every run with families reads, then each registered family's own. */
  static List<Key> keys(FamilyRegistry registry) {
    List<Key> k = new ArrayList<>();
    k.add(Key.of("families", registry.defaultFamily(), "comma list of index families to sweep: "
        + String.join(", ", registry.names())));
    k.add(Key.of("pca.sample", "2000", "data-aware families and the rerank subspace: indexed items "
        + "they are learned from (seeded draw)"));
    k.add(Key.of("rerank.keep", "0", "LSH: grid of candidates kept for the exact rerank after a "
        + "first pass in a learned rerank.dim subspace; 0 = every candidate exactly (e.g. 0,50,100)"));
    k.add(Key.of("rerank.dim", "128", "LSH: dimension of the principal subspace the first rerank "
        + "pass uses"));
    k.addAll(registry.keys());
    return k;
  }

  static Families from(Settings s, FamilyRegistry registry, GridDefaults shared) {
    List<FamilySpec> chosen = new ArrayList<>();
    for (String part : s.string("families", registry.defaultFamily()).split(",")) {
      String f = part.trim();
      if (f.isEmpty()) {
        continue;
      }
      FamilySpec spec = registry.find(f).orElseThrow(() -> new ConfigException("families: '" + f
          + "' is not a family (" + String.join(", ", registry.names()) + ")"));
      if (chosen.contains(spec)) {
        throw new ConfigException("families: '" + f + "' is listed twice");
      }
      chosen.add(spec);
    }
    if (chosen.isEmpty()) {
      throw new ConfigException("families: name at least one of "
          + String.join(", ", registry.names()));
    }
    List<LshGrid<?>> lsh = new ArrayList<>();
    HnswSpec.Grid hnsw = null;
    for (FamilySpec spec : chosen) {
      if (spec instanceof LshFamilySpec<?> hashing) {
        lsh.add(hashing.parse(s, shared));
      } else if (spec instanceof HnswSpec graph) {
        hnsw = graph.parse(s, shared.topN());
      } else {
        throw new ConfigException("families: '" + spec.name() + "' cannot be swept");
      }
    }
    return new Families(List.copyOf(lsh), hnsw,
        s.intIn("pca.sample", 2000, 10, Integer.MAX_VALUE),
        s.grid("rerank.keep", "0", 0, 1_000_000), s.intIn("rerank.dim", 128, 1, 1 << 16));
  }

  /** Configurations per repeat. */
  int runs() {
    return lsh.stream().mapToInt(LshGrid::runs).sum() * rerankKeep.length
        + (hnsw == null ? 0 : hnsw.runs()) + pcaScans().length;
  }

  /**
   * The subspace scans a run times beside its two-pass reranks: one per positive rerank keep,
   * when some hashing family uses them.
   */
  public int[] pcaScans() {
    return lsh.isEmpty() ? new int[0] : Arrays.stream(rerankKeep).filter(r -> r > 0).toArray();
  }

  /** Whether some configuration reranks in two passes. */
  public boolean prefilters() {
    return Arrays.stream(rerankKeep).anyMatch(r -> r > 0);
  }

  /** The grid of a listed hashing family. */
  LshGrid<?> grid(String family) {
    return lsh.stream().filter(g -> g.family().equals(family)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("family " + family + " is not in this run"));
  }

  /**
   * Refuses, before any run folder exists, what only the data can rule out: keys wider than
   * 64 bits at this dimension, subspaces larger than the data or the training sample.
   */
  void check(int dim, int indexed) {
    int sample = Math.min(pcaSample, indexed);
    for (LshGrid<?> g : lsh) {
      g.check(dim, sample);
    }
    if (prefilters() && rerankDim > Math.min(dim, sample)) {
      throw new ConfigException("rerank.dim: " + rerankDim + " is more than min(d = " + dim
          + ", pca.sample = " + sample + ")");
    }
  }

  /** The names in sweep order, HNSW last. */
  public List<String> names() {
    List<String> out = new ArrayList<>(lsh.stream().map(LshGrid::family).toList());
    if (hnsw != null) {
      out.add(HnswSpec.NAME);
    }
    return out;
  }

  /** What decides the CSV, for a resumed run's identity check. */
  void identity(Map<String, String> m, FamilyRegistry registry) {
    m.put("families", String.join(",", names()));
    for (LshGrid<?> g : lsh) {
      if (g.family().equals(registry.defaultFamily())) {
        continue; // its grid is k × L × probes, already part of the identity
      }
      m.put(g.family() + ".grid", g.describeGrid());
    }
    if (hnsw != null) {
      m.put("hnsw.grid", hnsw.describeGrid());
    }
    if (prefilters()) {
      m.put("rerank", Arrays.toString(rerankKeep) + " of a " + rerankDim + "-d first pass");
    }
    for (LshGrid<?> g : lsh) {
      g.identity(m, pcaSample);
    }
  }
}
