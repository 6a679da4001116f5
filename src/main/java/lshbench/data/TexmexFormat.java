package lshbench.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import lshbench.io.AtomicFiles;

/**
 * The TEXMEX corpus formats (.fvecs, .ivecs) used by SIFT1M, GIST1M and FAISS: every vector is
 * an int32 dimension followed by that many float32 (or int32) values, little-endian.
 */
public final class TexmexFormat {
  private TexmexFormat() {}

  /** Reads an .fvecs file; every vector must have the same dimension. */
  public static float[][] readFvecs(Path file) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (!buf.hasRemaining()) {
      throw new IOException(file + ": empty .fvecs file");
    }
    int d = buf.getInt(0);
    if (d < 1 || buf.capacity() % (4L + 4L * d) != 0) {
      throw new IOException(file + ": not an .fvecs file (dimension " + d + " does not divide "
          + buf.capacity() + " bytes)");
    }
    int n = (int) (buf.capacity() / (4L + 4L * d));
    float[][] out = new float[n][d];
    for (int i = 0; i < n; i++) {
      int di = buf.getInt();
      if (di != d) {
        throw new IOException(file + ": vector " + i + " has dimension " + di + ", expected " + d);
      }
      buf.asFloatBuffer().get(out[i]);
      buf.position(buf.position() + 4 * d);
    }
    return out;
  }

  /** Reads an .ivecs file (ground-truth neighbour lists, for example). */
  public static int[][] readIvecs(Path file) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (!buf.hasRemaining()) {
      throw new IOException(file + ": empty .ivecs file");
    }
    int d = buf.getInt(0);
    if (d < 1 || buf.capacity() % (4L + 4L * d) != 0) {
      throw new IOException(file + ": not an .ivecs file");
    }
    int n = (int) (buf.capacity() / (4L + 4L * d));
    int[][] out = new int[n][d];
    for (int i = 0; i < n; i++) {
      if (buf.getInt() != d) {
        throw new IOException(file + ": vector " + i + " has a different dimension");
      }
      buf.asIntBuffer().get(out[i]);
      buf.position(buf.position() + 4 * d);
    }
    return out;
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
