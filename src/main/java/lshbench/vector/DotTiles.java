package lshbench.vector;

/**
 * All dot products between two sets of rows, computed a register tile at a time: the matrix
 * work of a batch exact search (queries × items) and of hashing a dataset (items × planes).
 *
 * <p>One side is packed once into panels of {@link #width()} rows stored coordinate-major, so
 * a vector load takes one coordinate of {@code width()} rows; the other side is read in place,
 * {@link #rows()} rows a call. Why: a one-pair dot product loads two operands per FMA and ends
 * in a lane sum, a tile loads two per twelve and sums nothing. An instance is one thread's
 * scratch.
 */
public final class DotTiles {
  private static final Kernels KERNELS = VectorOps.kernels();

  private final int dim;
  private final int[] offsets = new int[KERNELS.tileRows()];
  private final float[] out = new float[KERNELS.tileRows() * KERNELS.panelWidth()];

  public DotTiles(int dim) {
    if (dim < 1) {
      throw new IllegalArgumentException("dimension must be positive, got " + dim);
    }
    this.dim = dim;
  }

  /** Rows of the unpacked side per {@link #multiply} call. */
  public static int rows() {
    return KERNELS.tileRows();
  }

  /** Rows per packed panel. */
  public static int width() {
    return KERNELS.panelWidth();
  }

  /** Panels needed for {@code count} packed rows. */
  public static int panels(int count) {
    return (count + width() - 1) / width();
  }

  /** Floats that {@link #pack} writes for {@code count} rows of dimension {@code d}. */
  public static int packedLength(int count, int d) {
    return Math.multiplyExact(panels(count) * width(), d);
  }

  /**
   * Packs rows {@code ids[from..to)} of {@code v} (or rows from..to themselves when {@code ids}
   * is null) into {@code into} from index 0; columns past the last row are zero.
   */
  public static void pack(float[] v, int[] ids, int from, int to, int d, float[] into) {
    int w = width();
    int count = to - from;
    int length = packedLength(count, d);
    if (into.length < length) {
      throw new IllegalArgumentException("panel buffer holds " + into.length + " floats, needs "
          + length);
    }
    java.util.Arrays.fill(into, 0, length, 0f);
    // One cache line of each of the w rows at a time: reads and writes both stay in L1.
    int[] src = new int[w];
    for (int r0 = 0; r0 < count; r0 += w) {
      int cols = Math.min(w, count - r0);
      for (int j = 0; j < cols; j++) {
        src[j] = (ids == null ? from + r0 + j : ids[from + r0 + j]) * d;
      }
      int base = r0 * d;
      for (int k0 = 0; k0 < d; k0 += 16) {
        int k1 = Math.min(d, k0 + 16);
        for (int j = 0; j < cols; j++) {
          for (int k = k0, at = base + k0 * w + j, s = src[j]; k < k1; k++, at += w) {
            into[at] = v[s + k];
          }
        }
      }
    }
  }

  /** {@link #pack} into a new array. */
  public static float[] pack(float[] v, int[] ids, int from, int to, int d) {
    float[] into = new float[packedLength(to - from, d)];
    pack(v, ids, from, to, d, into);
    return into;
  }

  /**
   * Every dot product between {@code aCount} rows of {@code a} (rows {@code ids[0..aCount)}, or
   * 0.. themselves when {@code ids} is null) and the {@code bCount} rows of {@code b}:
   * {@code out[i * bCount + j]}, computed on {@code threads} threads.
   */
  public static float[] multiplyAll(float[] a, int[] ids, int aCount, float[] b, int bCount,
      int d, int threads) {
    float[] out = new float[Math.multiplyExact(aCount, bCount)];
    int w = width();
    forEachTile(a, ids, aCount, b, bCount, d, threads, (row, count, column, cols, dots) -> {
      for (int i = 0; i < count; i++) {
        System.arraycopy(dots, i * w, out, (row + i) * bCount + column, cols);
      }
    });
    return out;
  }

  /** Receives one tile: rows [row, row + count) of a against rows [column, column + cols) of b. */
  @FunctionalInterface
  public interface TileConsumer {
    /** {@code dots[i * width() + j]} is a-row (row + i) · b-row (column + j). */
    void accept(int row, int count, int column, int cols, float[] dots);
  }

  /**
   * Every tile of the {@code aCount × bCount} dot products, on {@code threads} threads, each
   * tile handed to {@code sink} by the thread that computed it (a thread owns whole a-rows).
   * Blocked so one panel of b stays in cache while a block of a-rows passes it.
   */
  public static void forEachTile(float[] a, int[] ids, int aCount, float[] b, int bCount, int d,
      int threads, TileConsumer sink) {
    float[] panels = pack(b, null, 0, bCount, d);
    int w = width();
    int block = rows() * 8;
    Parallel.forBlocks("lshbench-dots", threads, aCount, block, start -> {
      DotTiles tiles = new DotTiles(d);
      int end = Math.min(aCount, start + block);
      for (int p = 0; p < panels(bCount); p++) {
        int cols = Math.min(w, bCount - p * w);
        for (int i0 = start; i0 < end; i0 += rows()) {
          int count = Math.min(rows(), end - i0);
          sink.accept(i0, count, p * w, cols, tiles.multiply(a, ids, i0, count, panels, p));
        }
      }
    });
  }

  /**
   * Dots of {@code count ≤ rows()} rows of {@code a} — rows {@code ids[from..from+count)}, or
   * from.. themselves when {@code ids} is null — with the columns of panel {@code panel} of
   * {@code panels}. Returns this instance's buffer: entry {@code i * width() + j} is row i's
   * dot with column j, valid for i < count, and overwritten by the next call.
   */
  public float[] multiply(float[] a, int[] ids, int from, int count, float[] panels, int panel) {
    if (count < 1 || count > offsets.length) {
      throw new IllegalArgumentException("a tile multiplies 1 to " + offsets.length + " rows, got "
          + count);
    }
    for (int i = 0; i < offsets.length; i++) {
      // Short tiles repeat their last row: the kernel always runs full height, extras are unread.
      int r = from + Math.min(i, count - 1);
      offsets[i] = (ids == null ? r : ids[r]) * dim;
    }
    KERNELS.dotTile(a, offsets, dim, panels, panel * width() * dim, out);
    return out;
  }
}
