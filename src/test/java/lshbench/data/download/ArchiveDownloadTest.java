package lshbench.data.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads from a server on 127.0.0.1 only: a Caltech101-shaped zip holding a tar.gz holding
 * the image folder, and the failures around it (checksum, 404, dropped and stalled connections,
 * zip slip).
 */
class ArchiveDownloadTest {
  private static final String FOLDER = "101_ObjectCategories";
  private static final Map<String, byte[]> IMAGES = new LinkedHashMap<>();

  static {
    IMAGES.put(FOLDER + "/cat_a/image_0001.jpg", bytes("a1", 300));
    IMAGES.put(FOLDER + "/cat_a/image_0002.jpg", bytes("a2", 500));
    IMAGES.put(FOLDER + "/cat_b/image_0001.jpg", bytes("b1", 700));
  }

  @TempDir
  Path tmp;
  private LocalArchiveServer server;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  @BeforeEach
  void start() throws IOException {
    server = new LocalArchiveServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void downloadsNestedZipTarGzAndInstallsOnlyTheImageFolder() throws IOException {
    byte[] zip = caltechLikeZip();
    server.serve("/caltech-101.zip", zip);
    Path dest = tmp.resolve("data");

    Path got = ArchiveDownload.fetch(spec("/caltech-101.zip", sha256(zip), dest), log);

    assertEquals(dest.resolve(FOLDER), got);
    assertTreeIsTheImages(got);
    assertEquals(List.of(FOLDER), list(dest), "no part file, archive or temporary folder left");
    assertTrue(log().contains("verified: " + sha256(zip)), log());
  }

  @Test
  void secondCallFindsTheFolderAndDownloadsNothing() throws IOException {
    byte[] zip = caltechLikeZip();
    server.serve("/caltech-101.zip", zip);
    DownloadSpec spec = spec("/caltech-101.zip", sha256(zip), tmp.resolve("data"));
    ArchiveDownload.fetch(spec, log);
    int requests = server.requests.get();

    Path again = ArchiveDownload.fetch(spec, log);

    assertEquals(spec.target(), again);
    assertEquals(requests, server.requests.get());
    assertTrue(log().contains("already present"), log());
    assertTreeIsTheImages(again);
  }

  @Test
  void wrongChecksumFailsNamingBothHashesAndLeavesNothing() throws IOException {
    byte[] zip = caltechLikeZip();
    server.serve("/caltech-101.zip", zip);
    String wrong = "ab".repeat(32);
    Path dest = tmp.resolve("data");

    IOException e = assertThrows(IOException.class,
        () -> ArchiveDownload.fetch(spec("/caltech-101.zip", wrong, dest), log));

    assertTrue(e.getMessage().contains("expected " + wrong), e.getMessage());
    assertTrue(e.getMessage().contains("got " + sha256(zip)), e.getMessage());
    assertOneLine(e);
    assertEquals(List.of(), list(dest), "no folder, no part file, no archive");
  }

  @Test
  void withoutExpectedChecksumPrintsTheActualOneAsNotVerified() throws IOException {
    byte[] zip = caltechLikeZip();
    server.serve("/caltech-101.zip", zip);

    Path got = ArchiveDownload.fetch(spec("/caltech-101.zip", null, tmp.resolve("d")), log);

    assertTreeIsTheImages(got);
    assertTrue(log().contains(sha256(zip) + " (NOT verified"), log());
  }

  @Test
  void missingFileIsAOneLineErrorNamingTheStatus() {
    Path dest = tmp.resolve("data");
    IOException e = assertThrows(IOException.class,
        () -> ArchiveDownload.fetch(spec("/nothing-here.zip", null, dest), log));

    assertTrue(e.getMessage().startsWith("HTTP 404 from "), e.getMessage());
    assertOneLine(e);
    assertFalse(Files.exists(dest.resolve(FOLDER)));
    assertFalse(Files.exists(dest.resolve("nothing-here.zip.part")));
  }

  @Test
  void droppedConnectionIsResumedWithARangeRequest() throws IOException {
    byte[] zip = caltechLikeZip();
    server.serve("/caltech-101.zip", zip);
    int half = zip.length / 2;
    server.cutFirstAt = half;

    Path got = ArchiveDownload.fetch(spec("/caltech-101.zip", sha256(zip), tmp), log);

    assertEquals(List.of("", "bytes=" + half + "-"), server.ranges);
    assertTreeIsTheImages(got);
    assertTrue(log().contains("resuming"), log());
  }

  @Test
  void partFileFromAnEarlierRunIsResumed() throws IOException {
    byte[] zip = caltechLikeZip();
    server.serve("/caltech-101.zip", zip);
    int half = zip.length / 2;
    Files.write(tmp.resolve("caltech-101.zip.part"), java.util.Arrays.copyOf(zip, half));

    Path got = ArchiveDownload.fetch(spec("/caltech-101.zip", sha256(zip), tmp), log);

    assertEquals(List.of("bytes=" + half + "-"), server.ranges);
    assertTreeIsTheImages(got);
    assertTrue(log().contains("resumed from byte " + half), log());
  }

  @Test
  void serverThatIgnoresRangeIsDownloadedAgainFromTheStart() throws IOException {
    byte[] zip = caltechLikeZip();
    server.serve("/caltech-101.zip", zip);
    server.supportsRange = false;
    // garbage that would corrupt the archive if appended to
    Files.write(tmp.resolve("caltech-101.zip.part"), bytes("junk", 100));

    Path got = ArchiveDownload.fetch(spec("/caltech-101.zip", sha256(zip), tmp), log);

    assertTreeIsTheImages(got);
    assertTrue(log().contains("does not resume"), log());
  }

  @Test
  void stalledBodyIsAbandonedAndResumed() throws IOException {
    byte[] zip = caltechLikeZip();
    server.serve("/caltech-101.zip", zip);
    int half = zip.length / 2;
    server.cutFirstAt = half;
    server.stallInsteadOfClose = true;
    DownloadSpec spec = spec("/caltech-101.zip", sha256(zip), tmp).withTimeouts(
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(200));

    Path got = ArchiveDownload.fetch(spec, log);

    assertEquals(List.of("", "bytes=" + half + "-"), server.ranges);
    assertTreeIsTheImages(got);
  }

  @Test
  void redirectIsFollowedAndFormatIsTakenFromContentNotName() throws IOException {
    Map<String, byte[]> tree = new LinkedHashMap<>(IMAGES);
    byte[] tar = tar(tree, false);
    server.serve("/files/collection", tar);
    server.redirect("/get", "/files/collection");

    Path got = ArchiveDownload.fetch(spec("/get?download=1", sha256(tar), tmp), log);

    assertTreeIsTheImages(got);
  }

  @Test
  void zipSlipEntryIsRefusedAndNothingIsInstalled() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>(IMAGES);
    entries.put("../evil", bytes("evil", 10));
    byte[] zip = zip(entries);
    server.serve("/bad.zip", zip);
    Path dest = tmp.resolve("data");

    IOException e = assertThrows(IOException.class,
        () -> ArchiveDownload.fetch(spec("/bad.zip", sha256(zip), dest), log));

    assertTrue(e.getMessage().contains("'../evil'"), e.getMessage());
    assertTrue(e.getMessage().contains("zip slip"), e.getMessage());
    assertOneLine(e);
    assertFalse(Files.exists(dest.resolve(FOLDER)));
    try (Stream<Path> all = Files.walk(tmp)) {
      assertEquals(List.of(), all.filter(p -> p.getFileName().toString().equals("evil")
          || p.getFileName().toString().startsWith(".unpack-")).collect(Collectors.toList()));
    }
  }

  @Test
  void zipSlipInsideTheNestedTarIsRefusedToo() throws IOException {
    Map<String, byte[]> inner = new LinkedHashMap<>(IMAGES);
    inner.put(FOLDER + "/../../../../evil", bytes("evil", 10));
    byte[] zip = zip(Map.of("caltech-101/" + FOLDER + ".tar.gz", tar(inner, true)));
    server.serve("/caltech-101.zip", zip);

    IOException e = assertThrows(IOException.class,
        () -> ArchiveDownload.fetch(spec("/caltech-101.zip", null, tmp.resolve("d")), log));

    assertTrue(e.getMessage().contains("zip slip"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("d").resolve(FOLDER)));
  }

  @Test
  void archiveWithoutTheFolderSaysWhatItHolds() throws IOException {
    byte[] zip = zip(Map.of("other/file.txt", bytes("x", 5)));
    server.serve("/other.zip", zip);

    IOException e = assertThrows(IOException.class,
        () -> ArchiveDownload.fetch(spec("/other.zip", null, tmp.resolve("d")), log));

    assertTrue(e.getMessage().contains("holds no folder named '" + FOLDER + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("other/"), e.getMessage());
  }

  // ---- helpers ----

  private DownloadSpec spec(String path, String sha, Path dest) {
    return DownloadSpec.of(server.url(path), sha, dest, FOLDER).withTimeouts(
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  private String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  /** The official layout: caltech-101/101_ObjectCategories.tar.gz beside other files. */
  static byte[] caltechLikeZip() throws IOException {
    Map<String, byte[]> outer = new LinkedHashMap<>();
    outer.put("caltech-101/", null);
    outer.put("caltech-101/Annotations.tar",
        tar(Map.of("Annotations/cat_a/annotation_0001.mat", bytes("m", 40)), false));
    outer.put("caltech-101/" + FOLDER + ".tar.gz", tar(IMAGES, true));
    outer.put("caltech-101/show_annotation.m", bytes("%", 20));
    return zip(outer);
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        if (e.getValue() != null) {
          zip.write(e.getValue());
        }
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] tar(Map<String, byte[]> files, boolean gzip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream sink = gzip ? new GzipCompressorOutputStream(bytes) : bytes;
        TarArchiveOutputStream tar = new TarArchiveOutputStream(sink)) {
      Set<String> dirs = new TreeSet<>();
      for (String name : files.keySet()) {
        for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
          dirs.add(name.substring(0, i + 1));
        }
      }
      for (String dir : dirs) {
        if (!dir.contains("..")) {
          tar.putArchiveEntry(new TarArchiveEntry(dir));
          tar.closeArchiveEntry();
        }
      }
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static void assertTreeIsTheImages(Path folder) throws IOException {
    Map<String, byte[]> found = new LinkedHashMap<>();
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile).sorted()::iterator) {
        found.put(FOLDER + "/" + folder.relativize(p).toString().replace('\\', '/'),
            Files.readAllBytes(p));
      }
    }
    assertEquals(IMAGES.keySet(), found.keySet());
    for (String name : IMAGES.keySet()) {
      assertArrayEquals(IMAGES.get(name), found.get(name), name);
    }
  }

  private static void assertOneLine(IOException e) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static List<String> list(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** Deterministic filler of a given length, different per seed. */
  static byte[] bytes(String seed, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (seed.hashCode() * 31 + i * 7);
    }
    return out;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
