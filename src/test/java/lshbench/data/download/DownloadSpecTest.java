package lshbench.data.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import lshbench.config.Settings;
import org.junit.jupiter.api.Test;

/** Settings are refused where they enter, naming the parameter; helpers parse and format. */
class DownloadSpecTest {
  private static final URI URL = URI.create("https://example.org/files/c.zip?download=1");
  private static final Path DEST = Path.of("datasets");

  @Test
  void refusesBadSettingsNamingTheParameter() {
    assertMessage("url", () -> DownloadSpec.of(URI.create("ftp://example.org/c.zip"), null,
        DEST, "f"));
    assertMessage("sha256", () -> DownloadSpec.of(URL, "abc", DEST, "f"));
    assertMessage("destination", () -> DownloadSpec.of(URL, null, null, "f"));
    assertMessage("folder", () -> DownloadSpec.of(URL, null, DEST, "../f"));
    assertMessage("folder", () -> DownloadSpec.of(URL, null, DEST, "a/b"));
    assertMessage("stallTimeout", () -> DownloadSpec.of(URL, null, DEST, "f")
        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO));
  }

  @Test
  void normalisesTheChecksumAndNamesTheArchiveFromTheUrlPath() {
    DownloadSpec spec = DownloadSpec.of(URL, " " + "AB".repeat(32) + " ", DEST, "f");
    assertEquals("ab".repeat(32), spec.sha256());
    assertEquals("c.zip", spec.archiveName());
    assertEquals(DEST.resolve("f"), spec.target());
  }

  @Test
  void caltech101DescriptorPointsAtTheOfficialFileAndClaimsNoChecksum() {
    KnownArchive c = KnownArchives.byName("Caltech101");
    assertEquals(URI.create("https://data.caltech.edu/records/mzrjq-6wc02/files/caltech-101.zip"),
        c.url());
    assertEquals("101_ObjectCategories", c.folder());
    assertNull(c.sha256());
    assertEquals(DEST.resolve("101_ObjectCategories"), c.spec(DEST).target());
    assertMessage("known: caltech101", () -> KnownArchives.byName("imagenet"));
  }

  @Test
  void contentRangeGivesStartAndTotal() {
    assertEquals(new ContentRange(500, 1000), ContentRange.parse("bytes 500-999/1000").get());
    assertEquals(new ContentRange(-1, 1000), ContentRange.parse("bytes */1000").get());
    assertEquals(new ContentRange(5, -1), ContentRange.parse("bytes 5-9/*").get());
    assertTrue(ContentRange.parse("items 1-2/3").isEmpty());
    assertTrue(ContentRange.parse(null).isEmpty());
  }

  @Test
  void progressLineShowsDoneTotalRateAndEta() {
    assertEquals("c.zip: 5.0 of 10.0 MB (50%), 2.50 MB/s, ETA 0:02",
        new TransferProgress("c.zip", 0, 10_000_000).line(5_000_000, 2_000_000_000L));
    // resumed at 4 MB: the rate counts only this connection's 1 MB in 1 s
    assertEquals("c.zip: 5.0 of 10.0 MB (50%), 1.00 MB/s, ETA 0:05",
        new TransferProgress("c.zip", 4_000_000, 10_000_000).line(1_000_000, 1_000_000_000L));
    assertEquals("c.zip: 3.0 MB (total unknown), 3.00 MB/s",
        new TransferProgress("c.zip", 0, -1).line(3_000_000, 1_000_000_000L));
    assertEquals("1:01:01", TransferProgress.clock(3661));
  }

  private static void assertMessage(String part, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
