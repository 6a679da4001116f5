package lshbench.data.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXIF orientation is applied before anything looks at the pixels, and in the reported size;
 * large photos are decoded subsampled to what the consumer needs.
 */
class ExifOrientationTest {
  @TempDir
  Path dir;

  /** 64 × 40, red block top-left, blue block bottom-right, grey elsewhere. */
  private static BufferedImage upright() {
    BufferedImage img = new BufferedImage(64, 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, 64, 40);
    g.setColor(Color.RED);
    g.fillRect(0, 0, 16, 16);
    g.setColor(Color.BLUE);
    g.fillRect(48, 24, 16, 16);
    g.dispose();
    return img;
  }

  private static void assertNear(int expected, int actual, String what) {
    for (int shift = 0; shift < 24; shift += 8) {
      int d = Math.abs((expected >> shift & 0xFF) - (actual >> shift & 0xFF));
      assertTrue(d < 40, what + ": expected " + Integer.toHexString(expected) + ", got "
          + Integer.toHexString(actual));
    }
  }

  @Test
  void phoneStyleOrientationsSixAndEightDecodeUprightWithDisplayedSizes() throws Exception {
    BufferedImage up = upright();
    // a phone held sideways stores the scene turned; tag 6 says "turn clockwise to view"
    Path six = dir.resolve("six.jpg");
    ExifJpegs.write(ExifJpegs.quarter(up, false), 6, six);
    Path eight = dir.resolve("eight.jpg");
    ExifJpegs.write(ExifJpegs.quarter(up, true), 8, eight);
    for (Path file : new Path[] {six, eight}) {
      assertEquals(file.equals(six) ? 6 : 8, ExifOrientation.read(file));
      ImageFolder.Decoded d = ImageFolder.decodeAtLeast(file, 0);
      assertEquals(64, d.width(), file.toString());
      assertEquals(40, d.height(), file.toString());
      RgbImage img = ImageFolder.decode(file);
      assertEquals(64, img.width());
      assertEquals(40, img.height());
      assertNear(0xFF0000, img.rgb(4, 4), file + " top-left");
      assertNear(0x0000FF, img.rgb(60, 36), file + " bottom-right");
      assertNear(0x808080, img.rgb(60, 4), file + " top-right");
    }
  }

  @Test
  void everyOrientationTurnsStoredPixelsAsViewersDo() {
    // 3 × 2 stored: 0 1 2 / 3 4 5
    byte[] px = new byte[18];
    for (int i = 0; i < 6; i++) {
      px[3 * i] = (byte) i;
    }
    RgbImage stored = new RgbImage(3, 2, px);
    String[] expected = {null, "012/345", "210/543", "543/210", "345/012", "03/14/25", "30/41/52",
        "52/41/30", "25/14/03"};
    for (int o = 1; o <= 8; o++) {
      RgbImage out = ExifOrientation.apply(stored, o);
      StringBuilder s = new StringBuilder();
      for (int y = 0; y < out.height(); y++) {
        s.append(y > 0 ? "/" : "");
        for (int x = 0; x < out.width(); x++) {
          s.append(out.rgb(x, y) >> 16);
        }
      }
      assertEquals(expected[o], s.toString(), "orientation " + o);
    }
  }

  @Test
  void aMissingOrDamagedTagIsUpright() throws Exception {
    Path plain = dir.resolve("plain.jpg");
    JpegFiles.write(upright(), 0.9f, plain);
    assertEquals(1, ExifOrientation.read(plain));
    byte[] little = ExifJpegs.withOrientation(Files.readAllBytes(plain), 3, true);
    Path le = Files.write(dir.resolve("le.jpg"), little);
    assertEquals(3, ExifOrientation.read(le));
    byte[] bad = ExifJpegs.withOrientation(Files.readAllBytes(plain), 77, true);
    assertEquals(1, ExifOrientation.read(Files.write(dir.resolve("bad.jpg"), bad)));
    byte[] cut = java.util.Arrays.copyOf(little, 20);
    assertEquals(1, ExifOrientation.read(Files.write(dir.resolve("cut.jpg"), cut)));
  }

  @Test
  void aLargePhotoIsDecodedSubsampledToWhatTheConsumerNeeds() throws Exception {
    BufferedImage big = new BufferedImage(3000, 2000, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = big.createGraphics();
    g.setColor(Color.GREEN);
    g.fillRect(0, 0, 3000, 2000);
    g.dispose();
    Path file = dir.resolve("big.jpg");
    ExifJpegs.write(big, 6, file);
    ImageFolder.Decoded d = ImageFolder.decodeAtLeast(file, 512);
    assertEquals(2000, d.width(), "displayed size: turned by tag 6, full resolution");
    assertEquals(3000, d.height());
    int shorter = Math.min(d.image().width(), d.image().height());
    assertTrue(shorter >= 512 && shorter < 1024, "decoded at " + d.image().width() + "×"
        + d.image().height());
    assertEquals(d.image().width() < d.image().height(), d.width() < d.height(), "upright");
  }
}
