package lshbench.report;

import java.util.function.ToDoubleFunction;

/** The recall measures a report can rank configurations by. */
public enum Recall {
  LABEL("label recall", "label_recall", ConfigPoint::labelRecall),
  KNN("kNN recall@n", "knn_recall", ConfigPoint::knnRecall);

  private final String title;
  private final String column;
  private final ToDoubleFunction<ConfigPoint> value;

  Recall(String title, String column, ToDoubleFunction<ConfigPoint> value) {
    this.title = title;
    this.column = column;
    this.value = value;
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
