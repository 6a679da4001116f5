package lshbench.data.images;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The edits that turn a photo into a near-duplicate of itself, for a benchmark with known
 * answers: what a photo library accumulates from cropping, resizing, messaging apps'
 * re-compression, auto-enhance, a straightened horizon and mirrored selfies. Each draws its
 * strength from a seeded random source, so the generated set is reproducible.
 */
public enum CopyTransform {
  /** Removes 10–30 % of the width and of the height, at a random position. */
  CROP,
  /** Scales by 0.35–0.8 (downscale) or 1.25–1.6 (upscale). */
  RESCALE,
  /** Saves as JPEG at quality 10–30 (the others are saved at 90). */
  JPEG,
  /** Contrast ×0.7–1.3 and brightness ±15–40 levels. */
  BRIGHTNESS_CONTRAST,
  /** Rotates by 3–10° either way and crops to the largest axis-aligned inner rectangle. */
  ROTATE,
  /** Mirrors left to right. */
  FLIP;

  /**
   * A transformed image, how it was made and the JPEG quality it should be saved at.
   *
   * @param quality 0..1 for {@link javax.imageio.ImageWriteParam#setCompressionQuality}
   */
  public record Copy(BufferedImage image, String description, float quality) {}

  /** Default JPEG quality of copies whose edit is not re-compression. */
  public static final float SAVE_QUALITY = 0.9f;

  public Copy apply(BufferedImage src, SplittableRandom random) {
    int w = src.getWidth();
    int h = src.getHeight();
    switch (this) {
      case CROP -> {
        double fx = 0.10 + 0.20 * random.nextDouble();
        double fy = 0.10 + 0.20 * random.nextDouble();
        int cw = Math.max(1, (int) Math.round(w * (1 - fx)));
        int ch = Math.max(1, (int) Math.round(h * (1 - fy)));
        int x = random.nextInt(w - cw + 1);
        int y = random.nextInt(h - ch + 1);
        return new Copy(copy(src.getSubimage(x, y, cw, ch)), String.format(Locale.ROOT,
            "crop %.0f%% x %.0f%% at %d,%d", 100 * fx, 100 * fy, x, y), SAVE_QUALITY);
      }
      case RESCALE -> {
        double s = random.nextBoolean() ? 0.35 + 0.45 * random.nextDouble()
            : 1.25 + 0.35 * random.nextDouble();
        int nw = Math.max(8, (int) Math.round(w * s));
        int nh = Math.max(8, (int) Math.round(h * s));
        BufferedImage out = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
          g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
              RenderingHints.VALUE_INTERPOLATION_BILINEAR);
          g.drawImage(src, 0, 0, nw, nh, null);
        } finally {
          g.dispose();
        }
        return new Copy(out, String.format(Locale.ROOT, "rescale x%.2f to %dx%d", s, nw, nh),
            SAVE_QUALITY);
      }
      case JPEG -> {
        float q = 0.10f + 0.20f * (float) random.nextDouble();
        return new Copy(copy(src), String.format(Locale.ROOT, "jpeg quality %.0f", 100 * q), q);
      }
      case BRIGHTNESS_CONTRAST -> {
        double contrast = 0.7 + 0.6 * random.nextDouble();
        double shift = (random.nextBoolean() ? 1 : -1) * (15 + 25 * random.nextDouble());
        BufferedImage out = copy(src);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
          out.getRGB(0, y, w, 1, row, 0, w);
          for (int x = 0; x < w; x++) {
            int p = row[x];
            row[x] = level(p >>> 16 & 0xFF, contrast, shift) << 16
                | level(p >>> 8 & 0xFF, contrast, shift) << 8 | level(p & 0xFF, contrast, shift);
          }
          out.setRGB(0, y, w, 1, row, 0, w);
        }
        return new Copy(out, String.format(Locale.ROOT, "contrast x%.2f brightness %+.0f",
            contrast, shift), SAVE_QUALITY);
      }
      case ROTATE -> {
        double deg = (random.nextBoolean() ? 1 : -1) * (3 + 7 * random.nextDouble());
        double a = Math.toRadians(Math.abs(deg));
        // largest centred rectangle of the same aspect ratio inside the rotated image
        double scale = 1 / (Math.cos(a) + Math.sin(a) * Math.max((double) w / h, (double) h / w));
        int cw = Math.max(8, (int) Math.floor(w * scale));
        int ch = Math.max(8, (int) Math.floor(h * scale));
        BufferedImage out = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
          g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
              RenderingHints.VALUE_INTERPOLATION_BILINEAR);
          AffineTransform t = new AffineTransform();
          t.translate(cw / 2.0, ch / 2.0);
          t.rotate(Math.toRadians(deg));
          t.translate(-w / 2.0, -h / 2.0);
          g.drawImage(src, t, null);
        } finally {
          g.dispose();
        }
        return new Copy(out, String.format(Locale.ROOT, "rotate %+.1f deg, inner %dx%d", deg, cw,
            ch), SAVE_QUALITY);
      }
      case FLIP -> {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        int[] flipped = new int[w];
        for (int y = 0; y < h; y++) {
          src.getRGB(0, y, w, 1, row, 0, w);
          for (int x = 0; x < w; x++) {
            flipped[x] = row[w - 1 - x];
          }
          out.setRGB(0, y, w, 1, flipped, 0, w);
        }
        return new Copy(out, "horizontal flip", SAVE_QUALITY);
      }
      default -> throw new AssertionError(this);
    }
  }

  /** Lower-case name for file names and CSVs. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static int level(int v, double contrast, double shift) {
    return (int) Math.max(0, Math.min(255, Math.round((v - 128) * contrast + 128 + shift)));
  }

  private static BufferedImage copy(BufferedImage src) {
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(src, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
