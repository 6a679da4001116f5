package lshbench.report;

/**
 * One (k, L) configuration averaged over its repeats, as read back from a results CSV.
 *
 * @param labelRecall mean label recall (NaN for unlabelled data)
 * @param labelRecallStd its standard deviation over repeats (0 for one repeat)
 */
public record ConfigPoint(int k, int l, int repeats, double labelRecall, double labelRecallStd,
    double knnRecall, double knnRecallStd, double precision, double queryUs, double queryUsStd,
    double candidates, double memoryBytes, double buildMs, double speedup,
    double predictedLabelRecall, double predictedKnnRecall, double predictedCandidates) {

  /** "k=8 L=16". */
  public String label() {
    return "k=" + k + " L=" + l;
  }
}
