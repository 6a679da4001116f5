package lshbench.report;

import java.util.function.ToDoubleFunction;

/** The recall measures a report can rank configurations by. */
public enum Recall {
  LABEL("label recall", "label_recall", ConfigPoint::labelRecall, ConfigPoint::predictedLabelRecall),
  KNN("kNN recall@n", "knn_recall", ConfigPoint::knnRecall, ConfigPoint::predictedKnnRecall);

  private final String title;
  private final String column;
  private final ToDoubleFunction<ConfigPoint> value;
  private final ToDoubleFunction<ConfigPoint> predicted;

  Recall(String title, String column, ToDoubleFunction<ConfigPoint> value,
      ToDoubleFunction<ConfigPoint> predicted) {
    this.title = title;
    this.column = column;
    this.value = value;
    this.predicted = predicted;
  }

  /** Standard deviation of the recall over repeats (0 for a single repeat). */
  public double std(ConfigPoint p) {
    return this == LABEL ? p.labelRecallStd() : p.knnRecallStd();
  }

  /** What collision theory predicted for the configuration. */
  public double predicted(ConfigPoint p) {
    return predicted.applyAsDouble(p);
  }

  public String title() {
    return title;
  }

  public String column() {
    return column;
  }

  public double of(ConfigPoint p) {
    return value.applyAsDouble(p);
  }
}
