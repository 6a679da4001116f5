package lshbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import lshbench.data.Dataset;
import lshbench.data.SyntheticGenerator;
import lshbench.data.SyntheticSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ground-truth cache file is used only when it is intact and was made for this input. */
class GroundTruthCacheTest {
  @TempDir
  Path dir;

  private final Dataset data = SyntheticGenerator.generate(new SyntheticSpec(
      new String[] {"a", "b", "c"}, new int[] {60, 50, 40}, 32, 8, 1.0, 0.1, 5));
  private final QuerySplit split = QuerySplit.draw(data.size(), 20, 1);
  private final GroundTruth fresh = GroundTruth.compute(data, split, 10, 1);

  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

  private GroundTruth.Loaded load(QuerySplit s) throws IOException {
    return GroundTruth.loadOrCompute(data, s, 10, 1, dir, log);
  }

  private String log() {
    return logged.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anIntactCacheIsReadSilently() throws IOException {
    assertFalse(load(split).fromCache());
    GroundTruth.Loaded again = load(split);
    assertTrue(again.fromCache());
    assertSameTruth(fresh, again.truth());
    assertEquals("", log());
  }

  @Test
  void distancesMultipliedByFourAreRecomputedWithOneWarning() throws IOException {
    Path file = load(split).file();
    byte[] bytes = Files.readAllBytes(file);
    for (int offset : distanceOffsets(bytes)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      b.putFloat(offset, b.getFloat(offset) * 4);
    }
    Files.write(file, bytes);

    assertRecomputedWithOneWarning(load(split), file);
    // the rewritten file is intact again
    assertTrue(load(split).fromCache());
  }

  @Test
  void oneFlippedBitIsRecomputedWithOneWarning() throws IOException {
    Path file = load(split).file();
    byte[] bytes = Files.readAllBytes(file);
    int[] offsets = distanceOffsets(bytes);
    // the lowest mantissa bit: a change too small for any range check to notice
    bytes[offsets[offsets.length / 2] + 3] ^= 1;
    Files.write(file, bytes);

    assertRecomputedWithOneWarning(load(split), file);
  }

  @Test
  void anIntactFileUnderAnotherSplitsNameIsRecomputedWithOneWarning() throws IOException {
    QuerySplit other = QuerySplit.draw(data.size(), 20, 2);
    Path mine = load(split).file();
    Path theirs = load(other).file();
    Files.copy(theirs, mine, StandardCopyOption.REPLACE_EXISTING);

    assertRecomputedWithOneWarning(load(split), mine);
  }

  @Test
  void aTruncatedFileIsRecomputedWithOneWarning() throws IOException {
    Path file = load(split).file();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertRecomputedWithOneWarning(load(split), file);
  }

  @Test
  void aFileOfTheFirstFormatIsRecomputedWithOneWarning() throws IOException {
    Path file = load(split).file();
    // version 1 had no checksum and no key: never trusted, never a crash
    Files.write(file, ByteBuffer.allocate(12).putInt(0x4C534754).putInt(1).putInt(20).array());

    assertRecomputedWithOneWarning(load(split), file);
  }

  private void assertRecomputedWithOneWarning(GroundTruth.Loaded loaded, Path file)
      throws IOException {
    assertFalse(loaded.fromCache());
    assertSameTruth(fresh, loaded.truth());
    String[] lines = log().split("\n");
    assertEquals(1, lines.length, log());
    assertTrue(lines[0].startsWith("warning: ") && lines[0].contains(file.getFileName().toString())
        && lines[0].endsWith("recomputing"), lines[0]);
    assertSameTruth(fresh, GroundTruth.loadOrCompute(data, split, 10, 1, dir,
        new PrintStream(new ByteArrayOutputStream())).truth());
  }

  private static void assertSameTruth(GroundTruth expected, GroundTruth actual) {
    assertEquals(expected.queries(), actual.queries());
    for (int q = 0; q < expected.queries(); q++) {
      assertArrayEquals(expected.neighbours(q), actual.neighbours(q), "query " + q);
      assertArrayEquals(expected.distances(q), actual.distances(q), "query " + q);
    }
  }

  /**
   * Where the fresh truth's distances sit in a cache file, found from the data rather than
   * from the format: (id, distance) pairs are stored big-endian, each query's after its length.
   */
  private int[] distanceOffsets(byte[] bytes) {
    ByteBuffer anchor = ByteBuffer.allocate(8);
    anchor.putInt(fresh.neighbours(0)[0]).putFloat(fresh.distances(0)[0]);
    int at = indexOf(bytes, anchor.array());
    assertTrue(at >= 4, "first neighbour not found in the cache file");
    int per = fresh.neighbours(0).length;
    int[] offsets = new int[fresh.queries() * per];
    for (int q = 0, i = 0; q < fresh.queries(); q++) {
      for (int j = 0; j < per; j++) {
        int pair = at + q * (4 + 8 * per) + 8 * j;
        assertEquals(fresh.neighbours(q)[j], ByteBuffer.wrap(bytes).getInt(pair), "layout");
        offsets[i++] = pair + 4;
      }
    }
    return offsets;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
