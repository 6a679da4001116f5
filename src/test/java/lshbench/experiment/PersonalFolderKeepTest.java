package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.JpegFiles;
import lshbench.features.GeometricVerifier;
import lshbench.features.LocalFeatures;
import lshbench.features.OrbExtractor;
import lshbench.features.Verification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The personal-folder case the old keep rule got wrong: an original with an upscaled copy, a
 * brightened PNG, a copy rotated onto a larger canvas and an exact copy, all under a folder
 * that sorts before the original's, so the path alone would pick a copy. Each pair verifies,
 * and the rule keeps the original every time, and in the group of all five.
 */
class PersonalFolderKeepTest {
  @TempDir
  Path dir;

  private Path original;
  private final List<Path> copies = new ArrayList<>();
  private final OrbExtractor extractor = new OrbExtractor(500, 512);
  private final GeometricVerifier verifier = new GeometricVerifier(15, 0.5, 42);

  @BeforeEach
  void folder() throws IOException {
    BufferedImage photo = photo(640, 480, 7);
    original = dir.resolve("orig/IMG_0042.jpg");
    Files.createDirectories(original.getParent());
    Files.createDirectories(dir.resolve("edits"));
    JpegFiles.write(photo, 0.92f, original);
    copies.add(write("edits/IMG_0042_upscaled.jpg", scaled(photo, 1.5), 0.92f));
    Path bright = dir.resolve("edits/IMG_0042_bright.png");
    ImageIO.write(brightened(ImageFolder.decode(original).toBufferedImage(), 40), "png",
        bright.toFile());
    copies.add(bright);
    copies.add(write("edits/IMG_0042_rotated.jpg", rotatedOnLargerCanvas(photo, 8), 0.92f));
    Path exact = dir.resolve("edits/IMG_0042 copy.jpg");
    Files.copy(original, exact);
    copies.add(exact);
    // the copies were made after the original, as copies are
    Files.setLastModifiedTime(original, FileTime.fromMillis(1_600_000_000_000L));
    for (Path c : copies) {
      Files.setLastModifiedTime(c, FileTime.fromMillis(1_700_000_000_000L));
    }
  }

  @Test
  void theOriginalIsKeptAgainstEachCopy() throws Exception {
    for (Path copy : copies) {
      List<Path> files = List.of(copy, original);
      Path kept = keep(files);
      assertEquals(original, kept, "against " + dir.relativize(copy));
    }
  }

  @Test
  void theOriginalIsKeptInTheGroupOfAll() throws Exception {
    List<Path> files = new ArrayList<>(copies);
    files.add(original);
    assertEquals(original, keep(files));
  }

  private Path keep(List<Path> files) throws Exception {
    List<LocalFeatures> features = new ArrayList<>();
    List<KeepRule.Facts> facts = new ArrayList<>();
    for (Path f : files) {
      features.add(extractor.extract(ImageFolder.decode(f)));
      facts.add(new KeepRule.Facts(facts.size(), dir.relativize(f).toString(), f,
          Files.isSymbolicLink(f)));
    }
    for (int i = 1; i < files.size(); i++) {
      Verification v = verifier.verify(features.get(0), features.get(i));
      assertTrue(v.passed(), dir.relativize(files.get(i)) + " verifies: " + v);
    }
    int k = KeepRule.choose(facts, (i, j) -> verifier.verify(features.get(i), features.get(j)));
    return files.get(k);
  }

  private Path write(String relative, BufferedImage image, float quality) throws IOException {
    Path p = dir.resolve(relative);
    JpegFiles.write(image, quality, p);
    return p;
  }

  /** A seeded scene with corners at every scale: shapes, lines and fine texture. */
  static BufferedImage photo(int w, int h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(90, 120, 150));
    g.fillRect(0, 0, w, h);
    for (int i = 0; i < 120; i++) {
      g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
      int x = r.nextInt(w);
      int y = r.nextInt(h);
      int s = 8 + r.nextInt(60);
      switch (r.nextInt(3)) {
        case 0 -> g.fillRect(x, y, s, s * (1 + r.nextInt(3)) / 2);
        case 1 -> g.fillOval(x, y, s, s);
        default -> {
          g.setStroke(new BasicStroke(1 + r.nextInt(4)));
          g.drawLine(x, y, x + r.nextInt(120) - 60, y + r.nextInt(120) - 60);
        }
      }
    }
    g.dispose();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int n = r.nextInt(17) - 8;
        int p = img.getRGB(x, y);
        img.setRGB(x, y, clamp((p >> 16 & 255) + n) << 16 | clamp((p >> 8 & 255) + n) << 8
            | clamp((p & 255) + n));
      }
    }
    return img;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static BufferedImage scaled(BufferedImage src, double s) {
    int w = (int) Math.round(src.getWidth() * s);
    int h = (int) Math.round(src.getHeight() * s);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
        RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  private static BufferedImage brightened(BufferedImage src, int by) {
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(),
        BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        int p = src.getRGB(x, y);
        out.setRGB(x, y, clamp((p >> 16 & 255) + by) << 16 | clamp((p >> 8 & 255) + by) << 8
            | clamp((p & 255) + by));
      }
    }
    return out;
  }

  /** Rotated about its centre onto a canvas large enough to hold all of it (black corners). */
  private static BufferedImage rotatedOnLargerCanvas(BufferedImage src, double degrees) {
    double a = Math.toRadians(degrees);
    int w = src.getWidth();
    int h = src.getHeight();
    int cw = (int) Math.ceil(w * Math.cos(a) + h * Math.sin(a));
    int ch = (int) Math.ceil(w * Math.sin(a) + h * Math.cos(a));
    BufferedImage out = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
        RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    AffineTransform t = new AffineTransform();
    t.translate(cw / 2.0, ch / 2.0);
    t.rotate(a);
    t.translate(-w / 2.0, -h / 2.0);
    g.drawImage(src, t, null);
    g.dispose();
    return out;
  }
}
