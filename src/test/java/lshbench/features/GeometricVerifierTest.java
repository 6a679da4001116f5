package lshbench.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.JpegFiles;
import lshbench.data.images.JpegQuality;
import lshbench.data.images.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keypoints, the geometric check and the keypoint cache on seeded synthetic scenes. */
class GeometricVerifierTest {
  @TempDir
  Path dir;

  private final OrbExtractor orb = new OrbExtractor(500, 512);
  private final GeometricVerifier verifier = new GeometricVerifier(15, 0.5, 42);

  static BufferedImage scene(int w, int h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, w, h);
    for (int i = 0; i < 150; i++) {
      g.setColor(new Color(r.nextInt(0x1000000)));
      int s = 6 + r.nextInt(40);
      if (r.nextBoolean()) {
        g.fillRect(r.nextInt(w), r.nextInt(h), s, s / 2 + 3);
      } else {
        g.fillOval(r.nextInt(w), r.nextInt(h), s, s);
      }
    }
    g.dispose();
    return img;
  }

  private static BufferedImage crop(BufferedImage src, int x, int y, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(src.getSubimage(x, y, w, h), 0, 0, null);
    g.dispose();
    return out;
  }

  private static BufferedImage flipped(BufferedImage src) {
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(),
        BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        out.setRGB(src.getWidth() - 1 - x, y, src.getRGB(x, y));
      }
    }
    return out;
  }

  private LocalFeatures features(BufferedImage img) {
    return orb.extract(ImageFolder.toRgb(img));
  }

  @Test
  void aCropVerifiesAndTheFitSaysWhichContainsTheOther() {
    BufferedImage photo = scene(480, 360, 1);
    Verification v = verifier.verify(features(photo), features(crop(photo, 60, 40, 300, 240)));
    assertTrue(v.passed(), v.toString());
    assertFalse(v.mirrored());
    assertEquals(1.0, v.scale(), 0.05);
    assertTrue(v.coverFirst() < 0.8 && v.coverSecond() > 0.95, "the crop lies inside: " + v);
  }

  @Test
  void aMirroredCopyVerifiesThroughTheMirrorImage() {
    BufferedImage photo = scene(400, 300, 2);
    Verification v = verifier.verify(features(photo), features(flipped(photo)));
    assertTrue(v.passed() && v.mirrored(), v.toString());
  }

  @Test
  void twoDifferentScenesDoNotVerify() {
    Verification v = verifier.verify(features(scene(400, 300, 3)), features(scene(400, 300, 4)));
    assertFalse(v.passed(), v.toString());
  }

  @Test
  void theCacheReadsBackWhatItWroteAndTreatsADamagedEntryAsAMiss() throws Exception {
    Path image = dir.resolve("a.jpg");
    JpegFiles.write(scene(300, 200, 5), 0.9f, image);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    FeatureCache cache = new FeatureCache(dir.resolve("cache"), orb.describe(),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    String key = cache.key(image);
    RgbImage rgb = ImageFolder.decode(image);
    LocalFeatures f = orb.extract(rgb);
    cache.write(key, f);
    LocalFeatures back = cache.read(key).orElseThrow();
    assertArrayEquals(f.bits(), back.bits());
    assertArrayEquals(f.mirrorXy(), back.mirrorXy());
    byte[] bytes = Files.readAllBytes(cache.entry(key));
    bytes[bytes.length / 2] ^= 1;
    Files.write(cache.entry(key), bytes);
    assertTrue(cache.read(key).isEmpty());
    String line = log.toString(StandardCharsets.UTF_8);
    assertTrue(line.contains(cache.entry(key).toString()) && line.contains("checksum"), line);
  }

  @Test
  void jpegQualityIsReadFromTheQuantisationTables() throws Exception {
    BufferedImage photo = scene(200, 150, 6);
    for (int q : new int[] {15, 50, 75, 90}) {
      Path f = dir.resolve("q" + q + ".jpg");
      JpegFiles.write(photo, q / 100f, f);
      assertEquals(q, JpegQuality.estimate(f), 2, "quality " + q);
    }
  }
}
