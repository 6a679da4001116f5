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
  FLIP,
  /** Gaussian blur, sigma 1.2–2.5 pixels (a shaken or out-of-focus copy, a soft thumbnail). */
  BLUR,
  /** Luma only (a black-and-white filter). */
  GRAYSCALE,
  /** One axis scaled by 0.65–0.85 (an aspect ratio forced by a template or a careless resize). */
  SQUASH,
  /** Padded to a square or 16:9 canvas with black or white bars (a story or a frame). */
  LETTERBOX,
  /** Corners moved inwards by up to 4–10 % (a photo of a tilted print or screen). */
  PERSPECTIVE,
  /** A caption and an opaque logo box over 5–12 % of the area (a watermark, a meme text). */
  OVERLAY,
  /** Scaled ×0.5–0.9 inside a screen-like frame: status bar, toolbar and side margins. */
  SCREENSHOT,
  /** Saves as JPEG at quality 10–15, the heaviest re-compression a messaging app does. */
  JPEG_HEAVY,
  /**
   * A crop of 80–90 % shifted 5–15 % from the centre with brightness ±10–25 levels: a stand-in
   * for the next frame of a burst (the camera moved, the exposure followed).
   */
  BURST;

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
        return new Copy(resize(src, nw, nh),
            String.format(Locale.ROOT, "rescale x%.2f to %dx%d", s, nw, nh),
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
      case BLUR -> {
        double sigma = 1.2 + 1.3 * random.nextDouble();
        return new Copy(Warps.gaussianBlur(copy(src), sigma), String.format(Locale.ROOT,
            "gaussian blur sigma %.1f", sigma), SAVE_QUALITY);
      }
      case GRAYSCALE -> {
        BufferedImage out = copy(src);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
          out.getRGB(0, y, w, 1, row, 0, w);
          for (int x = 0; x < w; x++) {
            int p = row[x];
            int l = (int) Math.round(0.299 * (p >>> 16 & 0xFF) + 0.587 * (p >>> 8 & 0xFF)
                + 0.114 * (p & 0xFF));
            row[x] = l << 16 | l << 8 | l;
          }
          out.setRGB(0, y, w, 1, row, 0, w);
        }
        return new Copy(out, "grayscale", SAVE_QUALITY);
      }
      case SQUASH -> {
        double s = 0.65 + 0.2 * random.nextDouble();
        boolean horizontal = random.nextBoolean();
        int nw = Math.max(8, (int) Math.round(horizontal ? w * s : w));
        int nh = Math.max(8, (int) Math.round(horizontal ? h : h * s));
        return new Copy(resize(src, nw, nh), String.format(Locale.ROOT, "squash %s x%.2f to "
            + "%dx%d", horizontal ? "width" : "height", s, nw, nh), SAVE_QUALITY);
      }
      case LETTERBOX -> {
        boolean square = random.nextBoolean();
        double aspect = square ? 1.0 : (w >= h ? 16.0 / 9 : 9.0 / 16);
        // the canvas always adds bars: at least 8 % on the short side of the fit
        int cw = Math.max(w, (int) Math.round(h * aspect));
        int ch = Math.max(h, (int) Math.round(w / aspect));
        if (cw == w && ch == h || (double) cw * ch < 1.08 * w * h) {
          cw = (int) Math.round(cw * (w >= h ? 1.0 : 1.2));
          ch = (int) Math.round(ch * (w >= h ? 1.2 : 1.0));
        }
        int fill = random.nextBoolean() ? 0x000000 : 0xFFFFFF;
        BufferedImage out = canvas(cw, ch, fill);
        Graphics2D g = out.createGraphics();
        try {
          g.drawImage(src, (cw - w) / 2, (ch - h) / 2, null);
        } finally {
          g.dispose();
        }
        return new Copy(out, String.format(Locale.ROOT, "letterbox to %dx%d (%s bars)", cw, ch,
            fill == 0 ? "black" : "white"), SAVE_QUALITY);
      }
      case PERSPECTIVE -> {
        double f = 0.04 + 0.06 * random.nextDouble();
        int side = random.nextInt(4);
        return new Copy(Warps.tilt(src, side, f), String.format(Locale.ROOT,
            "perspective tilt %.0f%% on the %s edge", 100 * f,
            new String[] {"top", "right", "bottom", "left"}[side]), SAVE_QUALITY);
      }
      case OVERLAY -> {
        double area = 0.05 + 0.07 * random.nextDouble();
        return new Copy(Warps.overlay(copy(src), area, random), String.format(Locale.ROOT,
            "caption and logo over %.0f%% of the area", 100 * area), SAVE_QUALITY);
      }
      case SCREENSHOT -> {
        double s = 0.5 + 0.4 * random.nextDouble();
        int nw = Math.max(8, (int) Math.round(w * s));
        int nh = Math.max(8, (int) Math.round(h * s));
        int bar = 16 + random.nextInt(24);
        int tool = 30 + random.nextInt(40);
        int margin = 8 + random.nextInt(40);
        int fill = random.nextBoolean() ? 0x202124 : 0xF1F3F4;
        BufferedImage out = canvas(nw + 2 * margin, nh + bar + tool, fill);
        Graphics2D g = out.createGraphics();
        try {
          g.setColor(new java.awt.Color(fill == 0x202124 ? 0x3C4043 : 0xDADCE0));
          g.fillRect(0, 0, out.getWidth(), bar);
          g.drawImage(resize(src, nw, nh), margin, bar, null);
        } finally {
          g.dispose();
        }
        return new Copy(out, String.format(Locale.ROOT, "screenshot: x%.2f in a %dx%d frame", s,
            out.getWidth(), out.getHeight()), SAVE_QUALITY);
      }
      case JPEG_HEAVY -> {
        float q = 0.10f + 0.05f * (float) random.nextDouble();
        return new Copy(copy(src), String.format(Locale.ROOT, "jpeg quality %.0f", 100 * q), q);
      }
      case BURST -> {
        double keep = 0.80 + 0.10 * random.nextDouble();
        double shift = (0.05 + 0.10 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
        boolean horizontal = random.nextBoolean();
        int cw = Math.max(8, (int) Math.round(w * keep));
        int ch = Math.max(8, (int) Math.round(h * keep));
        int x = clamp((int) Math.round((w - cw) / 2.0 + (horizontal ? shift * w : 0)), 0, w - cw);
        int y = clamp((int) Math.round((h - ch) / 2.0 + (horizontal ? 0 : shift * h)), 0, h - ch);
        double level = (random.nextBoolean() ? 1 : -1) * (10 + 15 * random.nextDouble());
        BufferedImage out = copy(src.getSubimage(x, y, cw, ch));
        int[] row = new int[cw];
        for (int r = 0; r < ch; r++) {
          out.getRGB(0, r, cw, 1, row, 0, cw);
          for (int c = 0; c < cw; c++) {
            int p = row[c];
            row[c] = level(p >>> 16 & 0xFF, 1, level) << 16 | level(p >>> 8 & 0xFF, 1, level) << 8
                | level(p & 0xFF, 1, level);
          }
          out.setRGB(0, r, cw, 1, row, 0, cw);
        }
        return new Copy(out, String.format(Locale.ROOT, "burst frame: %.0f%% crop shifted %+.0f%% "
            + "%s, brightness %+.0f", 100 * keep, 100 * shift,
            horizontal ? "across" : "down", level), SAVE_QUALITY);
      }
      default -> throw new AssertionError(this);
    }
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static BufferedImage canvas(int w, int h, int rgb) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(new java.awt.Color(rgb));
      g.fillRect(0, 0, w, h);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static BufferedImage resize(BufferedImage src, int nw, int nh) {
    BufferedImage out = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
          RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, nw, nh, null);
    } finally {
      g.dispose();
    }
    return out;
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
