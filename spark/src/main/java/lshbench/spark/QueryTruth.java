package lshbench.spark;

import java.io.Serializable;

/**
 * What counting a query's candidates needs, broadcast once: its data row, the distance within
 * which a reranked candidate is a kNN hit, and how many members carry each label.
 */
final class QueryTruth implements Serializable {
  private static final long serialVersionUID = 1L;

  final int[] rows;
  final double[] thresholds;
  final int topN;
  final int[] membersPerLabel;

  QueryTruth(int[] rows, double[] thresholds, int topN, int[] membersPerLabel) {
    this.rows = rows;
    this.thresholds = thresholds;
    this.topN = topN;
    this.membersPerLabel = membersPerLabel;
  }
}
