package lshbench.spark;

import java.io.Serializable;

/**
 * The queries, broadcast once (Q × d floats, small beside the members): their vectors and
 * labels, their data rows, the distance within which a reranked candidate is a kNN hit, and
 * how many members carry each label.
 */
final class QueryTruth implements Serializable {
  private static final long serialVersionUID = 1L;

  final int[] rows;
  final float[] vectors;
  final int dim;
  /** Query labels; null for unlabelled data. */
  final int[] labels;
  final double[] thresholds;
  final int topN;
  final int[] membersPerLabel;

  QueryTruth(int[] rows, float[] vectors, int dim, int[] labels, double[] thresholds, int topN,
      int[] membersPerLabel) {
    this.rows = rows;
    this.vectors = vectors;
    this.dim = dim;
    this.labels = labels;
    this.thresholds = thresholds;
    this.topN = topN;
    this.membersPerLabel = membersPerLabel;
  }
}
