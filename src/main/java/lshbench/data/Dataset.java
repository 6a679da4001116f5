package lshbench.data;

import java.util.Arrays;
import java.util.Objects;
import lshbench.vector.VectorOps;

/**
 * n vectors of dimension d in one flat row-major array, with optional integer labels, label
 * names, item ids and provenance.
 *
 * <p>The array is shared, not copied, by {@link #vectors()}: indexes read rows in place at
 * {@link #offset(int)}. A dataset is immutable by convention; nothing in lshbench writes to it.
 */
public final class Dataset {
  /** Label of an item that has none (for example SIFT descriptors). */
  public static final int NO_LABEL = -1;

  private final float[] vectors;
  private final int size;
  private final int dim;
  private final int[] labels;
  private final String[] labelNames;
  private final String[] ids;
  private final Provenance provenance;

  /**
   * @param labels one per item, or {@code null} when the data are unlabelled
   * @param labelNames names indexed by label value; may be empty when unlabelled
   * @param ids one per item, or {@code null} to use the row numbers
   */
  public Dataset(float[] vectors, int dim, int[] labels, String[] labelNames, String[] ids,
      Provenance provenance) {
    if (dim < 1) {
      throw new IllegalArgumentException("dimension must be positive, got " + dim);
    }
    if (vectors.length % dim != 0) {
      throw new IllegalArgumentException(
          "vector array length " + vectors.length + " is not a multiple of dimension " + dim);
    }
    this.vectors = vectors;
    this.dim = dim;
    this.size = vectors.length / dim;
    if (labels != null && labels.length != size) {
      throw new IllegalArgumentException(labels.length + " labels for " + size + " vectors");
    }
    if (ids != null && ids.length != size) {
      throw new IllegalArgumentException(ids.length + " ids for " + size + " vectors");
    }
    if (labels != null) {
      for (int label : labels) {
        if (label < 0 || label >= labelNames.length) {
          throw new IllegalArgumentException(
              "label " + label + " has no name (" + labelNames.length + " names)");
        }
      }
    }
    this.labels = labels;
    this.labelNames = labelNames == null ? new String[0] : labelNames;
    this.ids = ids;
    this.provenance = Objects.requireNonNull(provenance, "provenance");
  }

  public int size() {
    return size;
  }

  public int dim() {
    return dim;
  }

  /** The backing row-major array; row i starts at {@code offset(i)}. Do not modify. */
  public float[] vectors() {
    return vectors;
  }

  public int offset(int item) {
    return item * dim;
  }

  /** A copy of one row. */
  public float[] vector(int item) {
    return Arrays.copyOfRange(vectors, item * dim, item * dim + dim);
  }

  /** Copies of the listed rows, back to back (row-major). */
  public float[] rows(int[] items) {
    float[] out = new float[Math.multiplyExact(items.length, dim)];
    for (int i = 0; i < items.length; i++) {
      System.arraycopy(vectors, items[i] * dim, out, i * dim, dim);
    }
    return out;
  }

  public boolean hasLabels() {
    return labels != null;
  }

  public int label(int item) {
    return labels == null ? NO_LABEL : labels[item];
  }

  public int labelCount() {
    return labelNames.length;
  }

  public String labelName(int label) {
    return labelNames[label];
  }

  public String id(int item) {
    return ids == null ? Integer.toString(item) : ids[item];
  }

  public Provenance provenance() {
    return provenance;
  }

  /** The first {@code n} items (copied), for growing-n experiments. */
  public Dataset prefix(int n) {
    if (n < 1 || n > size) {
      throw new IllegalArgumentException("prefix size must be in 1.." + size + ", got " + n);
    }
    Provenance p = new Provenance(provenance.source(), provenance.model(),
        "first " + n + " of " + provenance.detail(), provenance.synthetic());
    return new Dataset(Arrays.copyOf(vectors, n * dim), dim,
        labels == null ? null : Arrays.copyOf(labels, n), labelNames,
        ids == null ? null : Arrays.copyOf(ids, n), p);
  }

  /**
   * The same items, labels and ids with other vectors (a projection, say) of dimension
   * {@code newDim}; the array is taken, not copied.
   */
  public Dataset withVectors(float[] newVectors, int newDim) {
    if (newVectors.length != (long) size * newDim) {
      throw new IllegalArgumentException(newVectors.length + " values are not " + size + " × " + newDim);
    }
    return new Dataset(newVectors, newDim, labels, labelNames, ids, provenance);
  }

  /**
   * The same items L2-normalised, for cosine ranking.
   *
   * @throws IllegalArgumentException naming the first all-zero vector and how many there are:
   *     one has no direction, and left at zero it would sit at distance 1 from every unit
   *     vector, nearer than any item at more than 60 degrees, so it would fill the neighbour
   *     lists of dissimilar queries and silently change every recall
   */
  public Dataset normalised() {
    float[] out = vectors.clone();
    int zeros = 0;
    int first = -1;
    for (int i = 0; i < size; i++) {
      double norm = VectorOps.norm(out, i * dim, dim);
      float inv = (float) (1.0 / norm);
      if (!(norm > 0) || !Float.isFinite(inv)) {
        zeros++;
        first = first < 0 ? i : first;
        continue;
      }
      for (int j = i * dim, end = j + dim; j < end; j++) {
        out[j] *= inv;
      }
    }
    if (zeros > 0) {
      throw new IllegalArgumentException("cannot L2-normalise for cosine: item " + first + " ("
          + id(first) + ") is an all-zero vector (" + zeros + (zeros == 1 ? " such item" : " such items")
          + " in " + size + "), which has no direction; remove them or use metric = euclidean");
    }
    return new Dataset(out, dim, labels, labelNames, ids, provenance);
  }

  /**
   * Index of the first item whose vector holds NaN or an infinity, or -1: such a vector would
   * poison every distance it takes part in, so loaders refuse it by name.
   */
  public int firstNonFinite() {
    for (int i = 0; i < vectors.length; i++) {
      if (!Float.isFinite(vectors[i])) {
        return i / dim;
      }
    }
    return -1;
  }

  /**
   * A 64-bit content hash of vectors and labels, used to key caches (ground truth,
   * embeddings) so that a changed dataset never reuses stale results.
   */
  public long fingerprint() {
    long h = 0x9E3779B97F4A7C15L ^ size * 31L ^ dim;
    for (float v : vectors) {
      h = mix(h ^ Float.floatToIntBits(v));
    }
    if (labels != null) {
      for (int label : labels) {
        h = mix(h ^ label);
      }
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
