package lshbench.spark;

import java.io.Serializable;
import lshbench.data.Dataset;
import lshbench.data.Provenance;

/**
 * The vectors (and labels) every task reads, shipped once per executor as a broadcast: tasks
 * carry only row numbers. Items keep their row numbers, so answers name the same items as the
 * local engine's.
 */
final class SharedData implements Serializable {
  private static final long serialVersionUID = 1L;

  private final float[] vectors;
  private final int dim;
  private final int[] labels;
  private final int labelCount;
  private transient Dataset dataset;

  SharedData(Dataset data) {
    this.vectors = data.vectors();
    this.dim = data.dim();
    int[] l = null;
    if (data.hasLabels()) {
      l = new int[data.size()];
      for (int i = 0; i < l.length; i++) {
        l[i] = data.label(i);
      }
    }
    this.labels = l;
    this.labelCount = data.hasLabels() ? data.labelCount() : 0;
  }

  /** The rows as a core {@link Dataset}, for the core's kernels and hash families. */
  synchronized Dataset dataset() {
    if (dataset == null) {
      String[] names = new String[labelCount];
      for (int i = 0; i < names.length; i++) {
        names[i] = Integer.toString(i);
      }
      dataset = new Dataset(vectors, dim, labels, labels == null ? null : names, null,
          new Provenance("spark broadcast", "the driver's rows", "", false));
    }
    return dataset;
  }

  int label(int item) {
    return labels[item];
  }

  boolean hasLabels() {
    return labels != null;
  }
}
