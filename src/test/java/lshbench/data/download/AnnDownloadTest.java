package lshbench.data.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lshbench.data.AnnBenchmarksFile;
import lshbench.data.Provenance;
import lshbench.vector.Metric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * download-ann's code path against a server on 127.0.0.1 serving a small generated
 * ann-benchmarks file: fetched by name from the mirror, resumed after a dropped connection,
 * SHA-256 checked, a no-op once present, and the saved file reads as a dataset.
 */
class AnnDownloadTest {
  @TempDir
  Path tmp;
  private LocalArchiveServer server;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
  private byte[] file;

  @BeforeEach
  void start() throws IOException {
    server = new LocalArchiveServer();
    Path made = tmp.resolve("made.hdf5");
    float[] train = new float[200 * 4];
    for (int i = 0; i < train.length; i++) {
      train[i] = (i * 37 % 101) / 10f;
    }
    AnnBenchmarksFile.write(made, train, java.util.Arrays.copyOf(train, 8), 4,
        new int[][] {{0}, {1}}, new float[][] {{0}, {0}}, Metric.EUCLIDEAN,
        new Provenance("test", "none", "generated", true));
    file = Files.readAllBytes(made);
    server.serve("/glove-25-angular.hdf5", file);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DownloadSpec spec(String sha) {
    return AnnDatasets.spec("glove-25-angular", server.url("").toString(), sha, tmp.resolve("d"))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  @Test
  void fetchedByNameResumedCheckedAndReadable() throws IOException {
    server.cutFirstAt = file.length / 2;
    Path got = ArchiveDownload.fetchFile(spec(sha256(file)), log);

    assertEquals(tmp.resolve("d/glove-25-angular.hdf5"), got);
    assertArrayEquals(file, Files.readAllBytes(got));
    assertEquals(List.of("", "bytes=" + file.length / 2 + "-"), server.ranges);
    assertTrue(log().contains("resuming") && log().contains("verified"), log());
    assertFalse(Files.exists(tmp.resolve("d/glove-25-angular.hdf5.part")));
    assertEquals(200, AnnBenchmarksFile.read(got).train().size());

    int before = server.requests.get();
    ArchiveDownload.fetchFile(spec(sha256(file)), log);
    assertEquals(before, server.requests.get(), "present: nothing downloaded");
  }

  @Test
  void aWrongChecksumDeletesTheDownload() {
    String wrong = "0".repeat(64);
    IOException e = assertThrows(IOException.class, () -> ArchiveDownload.fetchFile(spec(wrong), log));
    assertTrue(e.getMessage().startsWith("SHA-256 mismatch for glove-25-angular.hdf5"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("d/glove-25-angular.hdf5")));
    assertFalse(Files.exists(tmp.resolve("d/glove-25-angular.hdf5.part")));
  }

  @Test
  void withoutAChecksumTheComputedOneIsPrintedAsUnverified() throws IOException {
    ArchiveDownload.fetchFile(spec(null), log);
    assertTrue(log().contains(sha256(file) + " (NOT verified"), log());
  }

  @Test
  void onlyDatasetsLshbenchReadsAreKnown() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AnnDatasets.spec("kosarak-jaccard", AnnDatasets.MIRROR, null, tmp));
    assertTrue(e.getMessage().startsWith("'kosarak-jaccard' is not an ann-benchmarks dataset"),
        e.getMessage());
    assertEquals("http://ann-benchmarks.com/sift-128-euclidean.hdf5",
        AnnDatasets.spec("sift-128-euclidean", AnnDatasets.MIRROR, null, tmp).url().toString());
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }
}
