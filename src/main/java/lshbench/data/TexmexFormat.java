package lshbench.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import lshbench.io.AtomicFiles;

/**
 * The TEXMEX corpus formats used by SIFT1M, SIFT1B, GIST1M and FAISS: every vector is an int32
 * dimension followed by that many float32 (.fvecs), uint8 (.bvecs) or int32 (.ivecs) values,
 * little-endian.
 */
public final class TexmexFormat {
  private TexmexFormat() {}

  /** Reads an .fvecs file; every vector must have the same dimension. */
  public static float[][] readFvecs(Path file) throws IOException {
    ByteBuffer buf = open(file, ".fvecs", 4);
    int d = buf.getInt(0);
    float[][] out = new float[buf.capacity() / (4 + 4 * d)][d];
    for (int i = 0; i < out.length; i++) {
      checkDim(buf, file, i, d);
      buf.asFloatBuffer().get(out[i]);
      buf.position(buf.position() + 4 * d);
    }
    return out;
  }

  /**
   * Reads a .bvecs file (SIFT1B's base: unsigned bytes per coordinate) as floats 0..255, with
   * the same checks as {@link #readFvecs}.
   */
  public static float[][] readBvecs(Path file) throws IOException {
    ByteBuffer buf = open(file, ".bvecs", 1);
    int d = buf.getInt(0);
    float[][] out = new float[buf.capacity() / (4 + d)][d];
    for (int i = 0; i < out.length; i++) {
      checkDim(buf, file, i, d);
      for (int j = 0; j < d; j++) {
        out[i][j] = buf.get() & 0xFF;
      }
    }
    return out;
  }

  /** Reads an .ivecs file (ground-truth neighbour lists), with the checks of {@link #readFvecs}. */
  public static int[][] readIvecs(Path file) throws IOException {
    ByteBuffer buf = open(file, ".ivecs", 4);
    int d = buf.getInt(0);
    int[][] out = new int[buf.capacity() / (4 + 4 * d)][d];
    for (int i = 0; i < out.length; i++) {
      checkDim(buf, file, i, d);
      buf.asIntBuffer().get(out[i]);
      buf.position(buf.position() + 4 * d);
    }
    return out;
  }

  /**
   * The whole file, checked before anything is allocated for it: not empty, a positive first
   * dimension, and a size that is a whole number of records of that dimension. A damaged
   * header must be named, never turned into a huge allocation or a shifted read.
   */
  private static ByteBuffer open(Path file, String kind, int valueBytes) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(kind + " file not found: " + file);
    }
    if (Files.size(file) > Integer.MAX_VALUE - 8) {
      throw new IOException(file + ": " + Files.size(file) + " bytes; " + kind
          + " files over 2 GB are not read (take a prefix)");
    }
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (buf.capacity() < 4) {
      throw new IOException(file + ": empty " + kind + " file");
    }
    int d = buf.getInt(0);
    if (d < 1 || buf.capacity() % (4L + (long) valueBytes * d) != 0) {
      throw new IOException(file + ": not a " + kind + " file (dimension " + d + " does not divide "
          + buf.capacity() + " bytes)");
    }
    return buf;
  }

  private static void checkDim(ByteBuffer buf, Path file, int i, int d) throws IOException {
    int di = buf.getInt();
    if (di != d) {
      throw new IOException(file + ": vector " + i + " has dimension " + di + ", expected " + d);
    }
  }

  /** Writes rows as .fvecs, atomically. */
  public static void writeFvecs(float[][] rows, Path file) throws IOException {
    int d = rows.length == 0 ? 0 : rows[0].length;
    ByteBuffer buf = ByteBuffer.allocate(rows.length * (4 + 4 * d)).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : rows) {
      if (row.length != d) {
        throw new IllegalArgumentException("rows of different dimension");
      }
      buf.putInt(d);
      buf.asFloatBuffer().put(row);
      buf.position(buf.position() + 4 * d);
    }
    writeAtomically(buf.array(), file);
  }

  /** Writes rows as .ivecs, atomically. */
  public static void writeIvecs(int[][] rows, Path file) throws IOException {
    int d = rows.length == 0 ? 0 : rows[0].length;
    ByteBuffer buf = ByteBuffer.allocate(rows.length * (4 + 4 * d)).order(ByteOrder.LITTLE_ENDIAN);
    for (int[] row : rows) {
      buf.putInt(row.length);
      buf.asIntBuffer().put(row);
      buf.position(buf.position() + 4 * row.length);
    }
    writeAtomically(buf.array(), file);
  }

  private static void writeAtomically(byte[] bytes, Path file) throws IOException {
    AtomicFiles.write(file, tmp -> Files.write(tmp, bytes));
  }
}
