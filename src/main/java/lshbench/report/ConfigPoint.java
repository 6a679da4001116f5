package lshbench.report;

/**
 * One (k, L) configuration averaged over its repeats, as read back from a results CSV.
 *
 * @param labelRecall mean label recall (NaN for unlabelled data)
 * @param labelRecallStd its standard deviation over repeats (0 for one repeat)
 */
public record ConfigPoint(int k, int l, int probes, int repeats, double labelRecall, double labelRecallStd,
    double knnRecall, double knnRecallStd, double precision, double queryUs, double queryUsStd,
    double candidates, double memoryBytes, double buildMs, double speedup,
    double predictedLabelRecall, double predictedKnnRecall, double predictedCandidates,
    double hashUs, double lookupUs, double unionUs, double rerankUs, double predictedQueryUs) {

  /** "k=8 L=16", with " T=4" for multi-probe. */
  public String label() {
    return "k=" + k + " L=" + l + (probes > 0 ? " T=" + probes : "");
  }

  /** Short point label for plots: "k,L" or "k,L,T". */
  public String shortLabel() {
    return k + "," + l + (probes > 0 ? "," + probes : "");
  }
}
