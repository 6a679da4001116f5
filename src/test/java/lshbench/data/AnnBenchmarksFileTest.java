package lshbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import lshbench.vector.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ann-benchmarks files: what lshbench writes reads back unchanged, a file h5py wrote (the
 * checked-in fixture, made by datasets/make_ann_benchmarks_file.py) reads with its
 * variable-length distance attribute, and every malformed file is one line naming the gap.
 */
class AnnBenchmarksFileTest {
  @TempDir
  Path dir;

  @Test
  void writtenFileReadsBackUnchanged() throws IOException {
    SplittableRandom rng = new SplittableRandom(3);
    float[] train = random(rng, 30 * 7);
    float[] test = random(rng, 4 * 7);
    int[][] ids = {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {29, 28, 27}};
    float[][] dists = {{0.1f, 0.2f, 0.3f}, {1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    Path f = dir.resolve("x.hdf5");
    AnnBenchmarksFile.write(f, train, test, 7, ids, dists, Metric.EUCLIDEAN,
        new Provenance("embedding", "SomeNet features", "from a test", false));

    AnnBenchmarksFile back = AnnBenchmarksFile.read(f);
    assertEquals(Metric.EUCLIDEAN, back.metric());
    assertArrayEquals(train, back.train().vectors());
    assertEquals(7, back.train().dim());
    assertArrayEquals(test, back.test().vectors());
    assertArrayEquals(ids, back.test().neighbours());
    assertArrayEquals(dists, back.test().distances());
    assertEquals("SomeNet features", back.train().provenance().model());
    assertArrayEquals(ids, AnnBenchmarksFile.readNeighbours(f));
  }

  @Test
  void readsTheFileH5pyWrote() throws IOException {
    Path f = dir.resolve("tiny-8-angular.hdf5");
    try (InputStream in = getClass().getResourceAsStream("tiny-8-angular.hdf5")) {
      Files.copy(in, f);
    }
    AnnBenchmarksFile file = AnnBenchmarksFile.read(f);
    assertEquals(Metric.COSINE, file.metric());
    assertEquals(60, file.train().size());
    assertEquals(8, file.train().dim());
    assertEquals(5, file.test().size());
    assertEquals(10, file.test().neighbourCount());
    assertEquals("ann-benchmarks", file.train().provenance().source());
    // the file's distances are 1 - cos to the listed neighbours, closest first
    for (int q = 0; q < 5; q++) {
      float[] d = file.test().distances()[q];
      for (int i = 0; i < 10; i++) {
        int id = file.test().neighbours()[q][i];
        double cos = cosine(file.test().vectors(), q * 8, file.train().vectors(), id * 8, 8);
        assertEquals(1 - cos, d[i], 1e-5);
        assertTrue(i == 0 || d[i] >= d[i - 1]);
      }
    }
  }

  @Test
  void anUnsupportedDistanceIsOneLine() throws IOException {
    Path f = minimal("jaccard");
    IOException e = assertThrows(IOException.class, () -> AnnBenchmarksFile.read(f));
    assertEquals(f + ": distance 'jaccard' is not supported (lshbench reads angular and euclidean "
        + "files)", e.getMessage());
  }

  @Test
  void aMissingDatasetOrAttributeIsNamed() throws IOException {
    Path noDistance = dir.resolve("nodistance.hdf5");
    try (WritableHdfFile h = HdfFile.write(noDistance)) {
      h.putDataset("train", new float[][] {{1, 2}});
    }
    assertTrue(assertThrows(IOException.class, () -> AnnBenchmarksFile.read(noDistance))
        .getMessage().contains("no 'distance' attribute"));

    Path noTest = dir.resolve("notest.hdf5");
    try (WritableHdfFile h = HdfFile.write(noTest)) {
      h.putDataset("train", new float[][] {{1, 2}});
      h.putAttribute("distance", "euclidean");
    }
    assertTrue(assertThrows(IOException.class, () -> AnnBenchmarksFile.read(noTest))
        .getMessage().contains("no 'test' dataset"));
  }

  @Test
  void queriesWithoutNeighboursReadAlone() throws IOException {
    Path f = dir.resolve("queries.hdf5");
    try (WritableHdfFile h = HdfFile.write(f)) {
      h.putDataset("test", new float[][] {{1, 2}, {3, 4}});
    }
    FixedQueries q = AnnBenchmarksFile.readQueries(f);
    assertEquals(2, q.size());
    assertNull(q.neighbours());
  }

  @Test
  void notHdf5AtAllIsOneLine() throws IOException {
    Path f = dir.resolve("fake.hdf5");
    Files.writeString(f, "this is text, not HDF5");
    IOException e = assertThrows(IOException.class, () -> AnnBenchmarksFile.read(f));
    assertTrue(e.getMessage().startsWith(f + ": not a readable HDF5 file"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  private Path minimal(String distance) throws IOException {
    Path f = dir.resolve(distance + ".hdf5");
    try (WritableHdfFile h = HdfFile.write(f)) {
      h.putDataset("train", new float[][] {{1, 2}, {3, 4}});
      h.putDataset("test", new float[][] {{1, 2}});
      h.putDataset("neighbors", new int[][] {{0}});
      h.putDataset("distances", new float[][] {{0}});
      h.putAttribute("distance", distance);
    }
    return f;
  }

  private static float[] random(SplittableRandom rng, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) rng.nextGaussian();
    }
    return out;
  }

  private static double cosine(float[] a, int ao, float[] b, int bo, int d) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < d; i++) {
      dot += a[ao + i] * b[bo + i];
      na += a[ao + i] * a[ao + i];
      nb += b[bo + i] * b[bo + i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
