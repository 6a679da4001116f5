package lshbench.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import lshbench.data.Dataset;
import lshbench.data.Provenance;
import lshbench.data.images.Skipped;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache entry is used only when intact; anything else is a miss with one line naming the file. */
class EmbeddingCacheTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private EmbeddingCache cache;

  @BeforeEach
  void openCache() {
    cache = new EmbeddingCache(dir, new PrintStream(logged, true, StandardCharsets.UTF_8));
  }

  static Dataset images(int n) {
    float[] v = new float[n * 4];
    String[] ids = new String[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        v[i * 4 + j] = i + j / 8f;
      }
      ids[i] = "cat" + (i % 2) + "/img" + i + ".jpg";
      labels[i] = i % 2;
    }
    return new Dataset(v, 4, labels, new String[] {"cat0", "cat1"}, ids,
        new Provenance("images", "test model", "", false));
  }

  private static final List<Skipped> SKIPPED = List.of(
      new Skipped("cat0/broken.jpg", "truncated JPEG, 12 bytes"),
      new Skipped("cat1/notes.txt", "not an image, \"text\""));

  private String oneLine() {
    String log = logged.toString(StandardCharsets.UTF_8);
    assertEquals(1, log.split("\n").length, log);
    return log.trim();
  }

  @Test
  void anIntactEntryIsReadBack() throws IOException {
    cache.write("k1", images(6), SKIPPED);
    Optional<EmbeddingCache.Entry> e = cache.read("k1", 8);
    assertTrue(e.isPresent());
    assertEquals(6, e.get().dataset().size());
    assertEquals(SKIPPED, e.get().skipped());
    assertEquals("", logged.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aSkippedListTornInsideAQuotedFieldIsAMissNamingTheFile() throws IOException {
    cache.write("k1", images(6), SKIPPED);
    Path csv = cache.skippedFile("k1");
    String text = Files.readString(csv);
    Files.writeString(csv, text.substring(0, text.indexOf("\"text") + 3));

    assertTrue(cache.read("k1", 8).isEmpty());
    String line = oneLine();
    assertTrue(line.contains(csv.toString()), line);
  }

  @Test
  void aSkippedListThatIsNotUtf8IsAMissNamingTheFile() throws IOException {
    cache.write("k1", images(6), SKIPPED);
    Path csv = cache.skippedFile("k1");
    byte[] bytes = Files.readAllBytes(csv);
    bytes[bytes.length - 3] = (byte) 0xC3; // the first byte of a two-byte character, alone
    Files.write(csv, bytes);

    assertTrue(cache.read("k1", 8).isEmpty());
    String line = oneLine();
    assertTrue(line.contains(csv.toString()), line);
  }

  @Test
  void aValidEntryCopiedOverAnotherKeysNameIsAMissWithOneWarning() throws IOException {
    // the case: a 32-image entry copied over a 120-image entry's name
    cache.write("small", images(32), List.of());
    cache.write("large", images(120), SKIPPED);
    Files.copy(cache.vectorFile("small"), cache.vectorFile("large"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(cache.skippedFile("small"), cache.skippedFile("large"),
        StandardCopyOption.REPLACE_EXISTING);

    assertTrue(cache.read("large", 122).isEmpty());
    String line = oneLine();
    assertTrue(line.contains(cache.vectorFile("large").toString())
        && line.contains("recomputing"), line);
    assertEquals(32, cache.read("small", 32).orElseThrow().dataset().size());
  }

  @Test
  void anEntryWhoseCountDisagreesWithTheListingIsAMiss() throws IOException {
    cache.write("k1", images(6), SKIPPED);
    assertTrue(cache.read("k1", 8).isPresent());
    assertTrue(cache.read("k1", 9).isEmpty());
    String line = oneLine();
    assertTrue(line.contains("6 images + 2 skipped") && line.contains("9 files"), line);
  }

  @Test
  void aSkippedListFromAnotherEntryIsAMiss() throws IOException {
    cache.write("k1", images(6), SKIPPED);
    cache.write("k2", images(6), List.of(new Skipped("a.jpg", "x"), new Skipped("b.jpg", "y")));
    Files.copy(cache.skippedFile("k2"), cache.skippedFile("k1"),
        StandardCopyOption.REPLACE_EXISTING);

    assertTrue(cache.read("k1", 8).isEmpty());
    String line = oneLine();
    assertTrue(line.contains(cache.vectorFile("k1").toString())
        && line.contains("stored skipped sha256 "), line);
  }

  @Test
  void anEntryWrittenBeforeKeysWereStoredIsRecomputedNotTrusted() throws IOException {
    // what earlier versions wrote: a plain vector file, no key inside
    lshbench.data.VectorFile.write(images(6), cache.vectorFile("k1"));
    SkippedCsv.write(cache.skippedFile("k1"), SKIPPED);

    assertTrue(cache.read("k1", 8).isEmpty());
    assertTrue(oneLine().contains("recomputing"));
  }

  @Test
  void aChunkFileUnderAnotherChunksNameIsAMiss() throws IOException {
    EmbeddingPipeline.ChunkStore store = cache.chunks("k1");
    store.save(0, images(4), List.of());
    store.save(1, images(2), List.of());
    Path parts = cache.partsDir("k1");
    Files.copy(parts.resolve("chunk-00001.lshv"), parts.resolve("chunk-00000.lshv"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(parts.resolve("chunk-00001.skipped.csv"), parts.resolve("chunk-00000.skipped.csv"),
        StandardCopyOption.REPLACE_EXISTING);

    assertTrue(store.load(0).isEmpty());
    assertTrue(store.load(1).isPresent());
    assertTrue(oneLine().contains("chunk-00000.lshv"));
  }
}
