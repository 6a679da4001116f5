package lshbench.spark;

import java.io.Serializable;
import lshbench.data.Dataset;
import lshbench.data.Provenance;

/**
 * The finder's L2-normalised embeddings, shipped once per executor as a broadcast: a bucket's
 * task compares any two rows, so every task may need any row. Rows keep their numbers, so the
 * pairs name the same images as the local finder's.
 */
final class UnitRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final float[] vectors;
  private final int dim;
  private transient Dataset dataset;

  UnitRows(Dataset unit) {
    this.vectors = unit.vectors();
    this.dim = unit.dim();
  }

  /** The rows as a core {@link Dataset}, for the core's hash family and kernels. */
  synchronized Dataset dataset() {
    if (dataset == null) {
      dataset = new Dataset(vectors, dim, null, null, null,
          new Provenance("spark broadcast", "the driver's unit rows", "", false));
    }
    return dataset;
  }
}
