package lshbench.report;

import lshbench.experiment.ResultColumns;
import lshbench.family.FamilyRegistry;
import lshbench.family.HnswSpec;

/**
 * One configuration over its repeats, as read back from a results CSV: recalls and sizes are
 * means over repeats, times are medians.
 *
 * @param family a family name from {@link FamilyRegistry}, or the exact scan's
 *     ({@link ResultColumns#EXACT_FAMILY})
 * @param k functions per table (0 for hnsw), likewise l and probes
 * @param rerankKeep candidates kept after a subspace first pass (0: all reranked exactly)
 * @param hnsw M, efConstruction and ef for hnsw (zeros otherwise)
 * @param labelRecall mean label recall (NaN for unlabelled data)
 * @param labelRecallStd its standard deviation over repeats (0 for one repeat)
 * @param queryUs µs per query on the run's clock: the median over rounds (over repeats, the
 *     median of those); what the frontier and the targets rank by
 * @param queryP25 the rounds' lower quartile, likewise
 * @param queryP75 the rounds' upper quartile, likewise
 * @param speedup the exact scan's median over this one's, from the same rounds (over repeats,
 *     the median of the rows' speed-ups)
 * @param noisy whether some repeat's rounds disagreed beyond the run's tolerance
 * @param lastCpDim the last cross-polytope's dimension when the grid was given in key bits
 *     (0 otherwise); such a point is labelled by its bits
 * @param keyBits key bits per table (0 when not hashed)
 */
public record ConfigPoint(String family, int k, int l, int probes, int probesTotal, int rerankKeep, Hnsw hnsw,
    int repeats, double labelRecall, double labelRecallStd,
    double knnRecall, double knnRecallStd, double precision, double queryUs, double queryP25,
    double queryP75, boolean noisy,
    double candidates, double memoryBytes, double buildMs, double speedup,
    double predictedLabelRecall, double predictedKnnRecall, double predictedCandidates,
    double hashUs, double lookupUs, double unionUs, double rerankUs, double predictedQueryUs,
    int lastCpDim, int keyBits) {

  /** HNSW's parameters. */
  public record Hnsw(int m, int efConstruction, int ef) {}

  public boolean isHnsw() {
    return HnswSpec.NAME.equals(family);
  }

  /** The exact scan's row: the baseline, on the frontier like any configuration. */
  public boolean isExact() {
    return ResultColumns.EXACT_FAMILY.equals(family);
  }

  /** The subspace scan beside a two-pass rerank: no hashing, every item in the first pass. */
  public boolean isPcaScan() {
    return ResultColumns.PCA_SCAN_FAMILY.equals(family);
  }

  /** Short family name for labels, from the family's spec: none for the classic hyperplanes. */
  public String familyTag() {
    return isExact() ? "" : FamilyRegistry.standard().tag(family);
  }

  /**
   * "k=8 L=16" ("b=20 L=16" for a grid in key bits), with " T=4" for multi-probe, " B=400" for a total probe budget and " R=50" for a two-pass rerank keeping 50,
   * prefixed by the family unless hyperplane.
   */
  public String label() {
    if (isExact()) {
      return "exact scan";
    }
    if (isHnsw()) {
      return "hnsw M=" + hnsw.m() + " efC=" + hnsw.efConstruction() + " ef=" + hnsw.ef();
    }
    if (isPcaScan()) {
      return "pca-scan R=" + rerankKeep;
    }
    String tag = familyTag();
    return (tag.isEmpty() ? "" : tag + " ") + (lastCpDim > 0 ? "b=" + keyBits : "k=" + k) + " L="
        + l + (probes > 0 ? " T=" + probes : "")
        + (probesTotal > 0 ? " B=" + probesTotal : "")
        + (rerankKeep > 0 ? " R=" + rerankKeep : "");
  }

  /** The grid's own coordinate: k, or the key bits of a grid given in bits (several per k). */
  public int gridK() {
    return lastCpDim > 0 ? keyBits : k;
  }

  /** Short point label for plots: "k,L", "k,L,T", "k,L,T/R" (family-tagged), "ef40" for HNSW. */
  public String shortLabel() {
    if (isExact()) {
      return "exact";
    }
    if (isHnsw()) {
      return "ef" + hnsw.ef();
    }
    if (isPcaScan()) {
      return "scan/" + rerankKeep;
    }
    String tag = familyTag();
    return (tag.isEmpty() ? "" : tag + ":") + (lastCpDim > 0 ? "b" + keyBits : k) + "," + l
        + (probes > 0 ? "," + probes : "")
        + (probesTotal > 0 ? ",B" + probesTotal : "")
        + (rerankKeep > 0 ? "/" + rerankKeep : "");
  }
}
