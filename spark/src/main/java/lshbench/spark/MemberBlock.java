package lshbench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lshbench.data.Dataset;
import lshbench.data.Provenance;

/**
 * A block of members with their own vectors and labels: a partition of the data that carries
 * what its tasks read, so an executor holds its blocks (O(n/P) rows), not the whole set. Rows
 * keep their data row numbers, so answers name the same items as the local engine's.
 */
final class MemberBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  final int[] rows;
  final float[] vectors;
  final int dim;
  /** Row labels in block order; null for unlabelled data. */
  final int[] labels;
  private transient Dataset local;

  MemberBlock(int[] rows, float[] vectors, int dim, int[] labels) {
    this.rows = rows;
    this.vectors = vectors;
    this.dim = dim;
    this.labels = labels;
  }

  /**
   * Most vector bytes a block carries: a block travels inside its task from the driver, which
   * Spark refuses above {@code spark.rpc.message.maxSize} (128 MB by default) and warns about
   * long before.
   */
  static final long MAX_BYTES = 16L << 20;

  /**
   * {@code members} in blocks, vectors copied from {@code data}: at least {@code parallelism}
   * blocks (every task slot busy), more when a block would pass {@link #MAX_BYTES}.
   */
  static List<MemberBlock> split(Dataset data, int[] members, int parallelism) {
    long bytes = (long) members.length * data.dim() * Float.BYTES;
    int parts = (int) Math.max(parallelism, (bytes + MAX_BYTES - 1) / MAX_BYTES);
    return of(data, members, Math.max(1, (members.length + parts - 1) / parts));
  }

  /** {@code members} cut into blocks of {@code size} rows, vectors copied from {@code data}. */
  static List<MemberBlock> of(Dataset data, int[] members, int size) {
    List<MemberBlock> out = new ArrayList<>();
    for (int i = 0; i < members.length; i += size) {
      int[] rows = Arrays.copyOfRange(members, i, Math.min(members.length, i + size));
      int[] labels = null;
      if (data.hasLabels()) {
        labels = new int[rows.length];
        for (int j = 0; j < rows.length; j++) {
          labels[j] = data.label(rows[j]);
        }
      }
      out.add(new MemberBlock(rows, data.rows(rows), data.dim(), labels));
    }
    return out;
  }

  /**
   * {@code rdd} kept on the executors and cut from the driver: a parallelised collection's
   * partitions hold their rows, and every task reading them would carry them from the driver
   * again, cached or not; a local checkpoint (materialised here) replaces them with references
   * to the executors' copies. A lost executor then fails the job instead of re-sending its
   * blocks.
   */
  static <T> org.apache.spark.api.java.JavaRDD<T> pinned(
      org.apache.spark.api.java.JavaRDD<T> rdd) {
    rdd.rdd().localCheckpoint();
    rdd.count();
    return rdd;
  }

  /**
   * The block as a core {@link Dataset} of its own rows (item j is {@code rows[j]}), for the
   * core's kernels and hash families.
   */
  synchronized Dataset dataset() {
    if (local == null) {
      local = new Dataset(vectors, dim, null, null, null,
          new Provenance("spark member block", "rows of the driver's data", "", false));
    }
    return local;
  }

  int size() {
    return rows.length;
  }
}
