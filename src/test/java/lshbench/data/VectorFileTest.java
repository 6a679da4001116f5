package lshbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFileTest {
  @TempDir
  Path dir;

  private static Dataset small() {
    float[] v = {1, 2, 3, 4, 5, 6, -0f, Float.MIN_VALUE, 1e30f};
    return new Dataset(v, 3, new int[] {1, 0, 1}, new String[] {"cat", "døg"},
        new String[] {"a/1.jpg", "b/ü.jpg", "c"}, new Provenance("file", "MobileNetV2", "x", false));
  }

  @Test
  void roundTripsEverything() throws IOException {
    Path f = dir.resolve("d.lshv");
    VectorFile.write(small(), f);
    Dataset back = VectorFile.read(f);
    assertArrayEquals(small().vectors(), back.vectors());
    assertEquals(3, back.dim());
    assertEquals("døg", back.labelName(back.label(0)));
    assertEquals("cat", back.labelName(back.label(1)));
    assertEquals("b/ü.jpg", back.id(1));
    assertEquals(small().provenance(), back.provenance());
    assertEquals(small().fingerprint(), back.fingerprint());
  }

  @Test
  void aTruncatedFileIsRefusedNotRead() throws IOException {
    Path f = dir.resolve("d.lshv");
    VectorFile.write(small(), f);
    byte[] bytes = Files.readAllBytes(f);
    for (int cut : new int[] {3, 20, bytes.length / 2, bytes.length - 1}) {
      Path t = dir.resolve("cut" + cut + ".lshv");
      Files.write(t, Arrays.copyOf(bytes, cut));
      IOException e = assertThrows(IOException.class, () -> VectorFile.read(t));
      assertTrue(e.getMessage().contains(t.toString()), e.getMessage());
    }
  }

  @Test
  void aFileFromAnotherVersionIsRefusedByVersion() throws IOException {
    Path f = dir.resolve("old.lshv");
    VectorFile.write(small(), f);
    byte[] bytes = Files.readAllBytes(f);
    bytes[8] = 1; // the little-endian version field follows the 8-byte magic
    Files.write(f, bytes);
    IOException e = assertThrows(IOException.class, () -> VectorFile.read(f));
    assertEquals(f + ": vector file version 1, this lshbench reads 2 and 3", e.getMessage());
  }

  @Test
  void fvecsRoundTripAndDimensionChecks() throws IOException {
    float[][] rows = {{1, 2}, {3, 4}, {5, 6}};
    Path f = dir.resolve("x.fvecs");
    TexmexFormat.writeFvecs(rows, f);
    Dataset d = DatasetLoader.load(f);
    assertEquals(3, d.size());
    assertArrayEquals(new float[] {3, 4}, d.vector(1));
    assertTrue(!d.hasLabels());
    Files.write(f, Arrays.copyOf(Files.readAllBytes(f), 20));
    assertThrows(IOException.class, () -> DatasetLoader.load(f));
  }

  @Test
  void tabSeparatedWithTrailingEmptyField() throws IOException {
    Path f = dir.resolve("v.tsv");
    Files.writeString(f, "1\t2\t3\t\n4\t5\t6\t\n");
    Dataset d = DatasetLoader.load(f);
    assertEquals(2, d.size());
    assertEquals(3, d.dim());
    Files.writeString(f, "1\t2\t3\t\n4\t5\t\n");
    IOException e = assertThrows(IOException.class, () -> DatasetLoader.load(f));
    assertTrue(e.getMessage().endsWith(":2: 2 values, expected 3"), e.getMessage());
  }

  @Test
  void nonFiniteValuesAreRefusedByItem() throws IOException {
    Path f = dir.resolve("nan.tsv");
    Files.writeString(f, "1\t2\n3\tNaN\n");
    IOException e = assertThrows(IOException.class, () -> DatasetLoader.load(f));
    assertTrue(e.getMessage().contains("item 1"), e.getMessage());
  }

  @Test
  void readsTheSiftSampleFromShared() throws IOException {
    Path sift = Path.of("..", "shared", "datasets", "sift5k", "sift-dataset-5k.tsv");
    Assumptions.assumeTrue(Files.isRegularFile(sift), "../shared/datasets/sift5k absent: skipped");
    Dataset d = DatasetLoader.load(sift);
    assertEquals(5000, d.size());
    assertEquals(128, d.dim());
    assertEquals("100001", d.id(0));
    Dataset queries = DatasetLoader.load(sift.resolveSibling("sift-query-3.tsv"));
    assertEquals(3, queries.size());
    assertEquals(128, queries.dim());
  }
}
