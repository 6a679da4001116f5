package lshbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .bvecs and .ivecs get the checks .fvecs has: empty, a size that is not whole records, a ragged row. */
class TexmexFormatTest {
  @TempDir
  Path dir;

  @Test
  void bvecsReadAsUnsignedBytes() throws IOException {
    Path f = dir.resolve("x.bvecs");
    Files.write(f, records(1, new int[][] {{0, 7, 255}, {128, 1, 2}}));
    float[][] rows = TexmexFormat.readBvecs(f);
    assertArrayEquals(new float[] {0, 7, 255}, rows[0]);
    assertArrayEquals(new float[] {128, 1, 2}, rows[1]);
    assertEquals(2, DatasetLoader.load(f).size());
  }

  @Test
  void ivecsRoundTrip() throws IOException {
    Path f = dir.resolve("gt.ivecs");
    int[][] rows = {{3, 1, 2}, {0, 9, 8}};
    TexmexFormat.writeIvecs(rows, f);
    assertArrayEquals(rows, TexmexFormat.readIvecs(f));
  }

  @Test
  void eachFormatRefusesTheSameDamage() throws IOException {
    for (String ext : new String[] {".fvecs", ".bvecs", ".ivecs"}) {
      int bytes = ext.equals(".bvecs") ? 1 : 4;
      Path empty = dir.resolve("empty" + ext);
      Files.write(empty, new byte[0]);
      assertEquals(empty + ": empty " + ext + " file", read(empty, ext).getMessage());

      Path cut = dir.resolve("cut" + ext);
      byte[] whole = records(bytes, new int[][] {{1, 2, 3}, {4, 5, 6}});
      Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 1));
      assertEquals(cut + ": not a " + ext + " file (dimension 3 does not divide "
          + (whole.length - 1) + " bytes)", read(cut, ext).getMessage());

      Path ragged = dir.resolve("ragged" + ext);
      byte[] r = records(bytes, new int[][] {{1, 2, 3}, {4, 5, 6}});
      ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN).putInt(4 + 3 * bytes, 2);
      Files.write(ragged, r);
      assertEquals(ragged + ": vector 1 has dimension 2, expected 3", read(ragged, ext).getMessage());
    }
  }

  private static IOException read(Path f, String ext) {
    return assertThrows(IOException.class, () -> {
      switch (ext) {
        case ".fvecs" -> TexmexFormat.readFvecs(f);
        case ".bvecs" -> TexmexFormat.readBvecs(f);
        default -> TexmexFormat.readIvecs(f);
      }
    });
  }

  /** TEXMEX records: int32 dimension, then the values as {@code bytes}-byte little-endian. */
  private static byte[] records(int bytes, int[][] rows) {
    ByteBuffer b = ByteBuffer.allocate(rows.length * (4 + bytes * rows[0].length))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int[] row : rows) {
      b.putInt(row.length);
      for (int v : row) {
        if (bytes == 1) {
          b.put((byte) v);
        } else if (bytes == 4) {
          b.putFloat(v);
        }
      }
    }
    return b.array();
  }
}
