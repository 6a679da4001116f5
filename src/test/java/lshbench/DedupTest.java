package lshbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.JpegFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finder end to end through {@code Main} ({@code type = dedup}) on a small library built
 * from a few Caltech101 photos in ../shared: copies are found whatever their folder, name or
 * format, unrelated photos are not grouped, and broken files are listed, not fatal.
 */
// End to end (real images through libtorch, or a child JVM killed mid-run): tens of seconds
// under load, so left out of mvn verify and run by .ci/run (-Dgroups=slow).
@Tag("slow")
class DedupTest {
  private static final Path CALTECH = Path.of("..", "shared", "datasets", "caltech101",
      "101_ObjectCategories");
  private static final Path MODEL = Path.of("..", "shared", "models",
      "mobilenet_v2_features.pt");

  @TempDir
  Path tmp;

  @Test
  void copiesAreGroupedUnrelatedPhotosAreNotAndBrokenFilesAreSkipped() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(CALTECH) && Files.isRegularFile(MODEL),
        "../shared Caltech101 images or MobileNetV2 model absent; skipping the finder test");
    Path photos = tmp.resolve("photos");
    Path pizza = CALTECH.resolve("pizza/image_0001.jpg");
    Path leopard = CALTECH.resolve("Leopards/image_0001.jpg");
    copy(pizza, photos.resolve("2019/pizza.jpg"));
    copy(pizza, photos.resolve("backup/old/nested/IMG_0001.JPG"));
    reencode(pizza, photos.resolve("whatsapp/pizza-q30.jpg"), 0.3f);
    Files.createDirectories(photos.resolve("export"));
    ImageIO.write(ImageFolder.decode(pizza).toBufferedImage(), "png",
        photos.resolve("export/pizza-as-png-no-extension").toFile());
    copy(leopard, photos.resolve("2019/leopard.jpg"));
    reencode(leopard, photos.resolve("whatsapp/leopard-q30.jpg"), 0.3f);
    copy(CALTECH.resolve("ferry/image_0001.jpg"), photos.resolve("2020/ferry.jpg"));
    copy(CALTECH.resolve("Motorbikes/image_0001.jpg"), photos.resolve("2020/motorbike.jpg"));
    Path broken = Files.createDirectories(photos.resolve("broken"));
    Files.createFile(broken.resolve("empty.jpg"));
    Files.writeString(broken.resolve("notes.jpg"), "not a photo\n");
    byte[] jpeg = Files.readAllBytes(pizza);
    Files.write(broken.resolve("half.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));

    Path results = tmp.resolve("results");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"dedup", "photos=" + photos, "results.dir=" + results,
        "cache.dir=" + tmp.resolve("cache")}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String console = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, console);
    Path run;
    try (Stream<Path> s = Files.list(results)) {
      run = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    assertEquals("complete", Files.readString(run.resolve("status")).trim());

    Map<String, String> group = new HashMap<>();
    Map<String, Boolean> keep = new HashMap<>();
    for (CSVRecord r : csv(run.resolve("groups.csv"))) {
      group.put(r.get("path"), r.get("group"));
      keep.put(r.get("path"), Boolean.parseBoolean(r.get("keep")));
    }
    String pizzaGroup = group.get("2019/pizza.jpg");
    assertNotNull(pizzaGroup, "the original is in a group: " + group);
    assertEquals(pizzaGroup, group.get("backup/old/nested/IMG_0001.JPG"), "exact copy");
    assertEquals(pizzaGroup, group.get("whatsapp/pizza-q30.jpg"), "JPEG quality 30 copy");
    assertEquals(pizzaGroup, group.get("export/pizza-as-png-no-extension"), "PNG copy");
    assertEquals(group.get("2019/leopard.jpg"), group.get("whatsapp/leopard-q30.jpg"));
    assertNotNull(group.get("2019/leopard.jpg"));
    assertNotEquals(pizzaGroup, group.get("2019/leopard.jpg"), "two unrelated photos");
    assertNull(group.get("2020/ferry.jpg"), "an unrelated photo is in no group");
    assertNull(group.get("2020/motorbike.jpg"), "an unrelated photo is in no group");
    assertFalse(keep.get("whatsapp/pizza-q30.jpg"), "the re-compressed copy is not kept");
    assertFalse(keep.get("whatsapp/leopard-q30.jpg"), "the re-compressed copy is not kept");
    assertEquals(1, keep.entrySet().stream().filter(e -> e.getValue()
        && pizzaGroup.equals(group.get(e.getKey()))).count(), "one keep image per group");

    Map<String, String> skipped = new HashMap<>();
    for (CSVRecord r : csv(run.resolve("skipped.csv"))) {
      skipped.put(r.get("path"), r.get("reason"));
    }
    assertEquals("empty file (0 bytes)", skipped.get("broken/empty.jpg"));
    assertTrue(skipped.get("broken/notes.jpg").startsWith("not an image by content"),
        skipped.toString());
    assertTrue(skipped.get("broken/half.jpg").startsWith("truncated or corrupt"),
        skipped.toString());
    assertEquals(3, skipped.size(), skipped.toString());

    assertTrue(console.contains("groups found: 2; images that could be removed: 4"), console);
    assertTrue(console.contains("images scanned: 11 files, 8 embedded, 3 skipped"), console);
    assertTrue(Files.size(run.resolve("gallery-001.png")) > 10_000);
    String html = Files.readString(run.resolve("index.html"));
    assertTrue(html.contains("href=\"../../photos/whatsapp/pizza-q30.jpg\""), html);
    assertTrue(Files.readString(run.resolve("pairs.csv")).startsWith("path_a,path_b,distance"));
  }

  /**
   * Phones store the sensor's pixels and an EXIF tag saying how to turn them: orientation 6 and
   * 8 copies are the upright photo, the same pixels tagged to be turned are not an exact copy.
   */
  @Test
  void phoneStyleOrientedCopiesAreGroupedWithTheirUprightOriginal() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(CALTECH) && Files.isRegularFile(MODEL),
        "../shared Caltech101 images or MobileNetV2 model absent; skipping the finder test");
    Path photos = tmp.resolve("photos");
    Path bike = CALTECH.resolve("Motorbikes/image_0001.jpg");
    copy(bike, photos.resolve("upright.jpg"));
    java.awt.image.BufferedImage up = ImageFolder.decode(bike).toBufferedImage();
    Files.createDirectories(photos.resolve("phone"));
    lshbench.data.images.ExifJpegs.write(lshbench.data.images.ExifJpegs.quarter(up, false), 6,
        photos.resolve("phone/IMG_6.jpg"));
    lshbench.data.images.ExifJpegs.write(lshbench.data.images.ExifJpegs.quarter(up, true), 8,
        photos.resolve("phone/IMG_8.jpg"));
    lshbench.data.images.ExifJpegs.write(up, 6, photos.resolve("phone/sideways.jpg"));
    copy(CALTECH.resolve("pizza/image_0001.jpg"), photos.resolve("pizza.jpg"));

    Path results = tmp.resolve("results");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"dedup", "photos=" + photos, "results.dir=" + results,
        "cache.dir=" + tmp.resolve("cache")}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    Path run;
    try (Stream<Path> s = Files.list(results)) {
      run = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    Map<String, CSVRecord> rows = new HashMap<>();
    for (CSVRecord r : csv(run.resolve("groups.csv"))) {
      rows.put(r.get("path"), r);
    }
    CSVRecord original = rows.get("upright.jpg");
    assertNotNull(original, "the upright photo is in a group: " + rows.keySet());
    for (String phone : new String[] {"phone/IMG_6.jpg", "phone/IMG_8.jpg"}) {
      CSVRecord r = rows.get(phone);
      assertNotNull(r, phone + " is grouped: " + rows.keySet());
      assertEquals(original.get("group"), r.get("group"), phone);
      assertEquals(original.get("width") + "×" + original.get("height"),
          r.get("width") + "×" + r.get("height"), phone + ": its displayed size");
    }
    CSVRecord sideways = rows.get("phone/sideways.jpg");
    assertTrue(sideways == null || !sideways.get("distance_to_keep").equals("0")
        && !sideways.get("distance_to_keep").startsWith("0.00"),
        "pixels shown turned are not an exact copy: " + (sideways == null ? "" : sideways.toMap()));
  }

  @Test
  void aLinkIsNeverKeptOverItsTargetAndNamesOfOneFileAreNotRemovable() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(CALTECH) && Files.isRegularFile(MODEL),
        "../shared Caltech101 images or MobileNetV2 model absent; skipping the finder test");
    Path photos = tmp.resolve("photos");
    Path pizza = CALTECH.resolve("pizza/image_0001.jpg");
    Path real = photos.resolve("real/IMG_0001.jpg");
    copy(pizza, real);
    Files.createSymbolicLink(photos.resolve("a_link.jpg"), Path.of("real/IMG_0001.jpg"));
    Files.createDirectories(photos.resolve("backup"));
    Files.createLink(photos.resolve("backup/IMG_0001.jpg"), real);
    // fewer pixels: a near-duplicate that the rule never keeps
    java.awt.image.BufferedImage full = ImageFolder.decode(pizza).toBufferedImage();
    java.awt.image.BufferedImage smaller = new java.awt.image.BufferedImage(
        full.getWidth() * 9 / 10, full.getHeight() * 9 / 10, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = smaller.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
        java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(full, 0, 0, smaller.getWidth(), smaller.getHeight(), null);
    g.dispose();
    Files.createDirectories(photos.resolve("whatsapp"));
    JpegFiles.write(smaller, 0.95f, photos.resolve("whatsapp/pizza-small.jpg"));
    copy(CALTECH.resolve("Leopards/image_0001.jpg"), photos.resolve("2019/leopard.jpg"));

    Path results = tmp.resolve("results");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // k = 2: five photos make poor hyperplanes, and this test is about the keep rule, not recall
    int code = Main.run(new String[] {"dedup", "photos=" + photos, "results.dir=" + results,
        "cache.dir=" + tmp.resolve("cache"), "k=2"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String console = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, console);
    Path run;
    try (Stream<Path> s = Files.list(results)) {
      run = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    Map<String, CSVRecord> rows = new HashMap<>();
    for (CSVRecord r : csv(run.resolve("groups.csv"))) {
      rows.put(r.get("path"), r);
    }
    assertEquals(4, rows.size(), rows.keySet() + "\n" + console);
    // three names of one file: all kept, the regular first name describes it
    assertEquals("true", rows.get("backup/IMG_0001.jpg").get("keep"));
    assertEquals("", rows.get("backup/IMG_0001.jpg").get("same_file_as"));
    assertEquals("true", rows.get("real/IMG_0001.jpg").get("keep"));
    assertEquals("backup/IMG_0001.jpg", rows.get("real/IMG_0001.jpg").get("same_file_as"));
    assertEquals("true", rows.get("a_link.jpg").get("keep"), "the link is not offered for removal");
    assertEquals("backup/IMG_0001.jpg", rows.get("a_link.jpg").get("same_file_as"));
    assertEquals("false", rows.get("whatsapp/pizza-small.jpg").get("keep"));
    assertTrue(console.contains("groups found: 1; images that could be removed: 1"), console);
    assertTrue(console.contains("other names of listed files (symbolic or hard links, "
        + "same_file_as in groups.csv; not counted): 2"), console);
    String html = Files.readString(run.resolve("index.html"));
    assertTrue(html.contains("same file as backup/IMG_0001.jpg"), "the page says so too");
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
  }

  private static void reencode(Path from, Path to, float quality) throws IOException {
    Files.createDirectories(to.getParent());
    JpegFiles.write(ImageFolder.decode(from).toBufferedImage(), quality, to);
  }

  private static Iterable<CSVRecord> csv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)
          .getRecords();
    }
  }
}
