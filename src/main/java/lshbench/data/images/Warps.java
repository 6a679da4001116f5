package lshbench.data.images;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.SplittableRandom;

/** The pixel work behind the {@link CopyTransform} edits Java2D has no one call for. */
final class Warps {
  private Warps() {}

  /** Separable Gaussian blur; edge pixels are blurred with the edge repeated. */
  static BufferedImage gaussianBlur(BufferedImage src, double sigma) {
    int r = (int) Math.ceil(3 * sigma);
    float[] k = new float[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
      sum += k[i + r];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= (float) sum;
    }
    // pad by r so ConvolveOp's untouched border falls outside the result
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage padded = new BufferedImage(w + 2 * r, h + 2 * r, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h + 2 * r; y++) {
      for (int x = 0; x < w + 2 * r; x++) {
        padded.setRGB(x, y, src.getRGB(Math.max(0, Math.min(w - 1, x - r)),
            Math.max(0, Math.min(h - 1, y - r))));
      }
    }
    BufferedImage across = new ConvolveOp(new Kernel(k.length, 1, k), ConvolveOp.EDGE_NO_OP,
        null).filter(padded, null);
    BufferedImage down = new ConvolveOp(new Kernel(1, k.length, k), ConvolveOp.EDGE_NO_OP,
        null).filter(across, null);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(down.getSubimage(r, r, w, h), 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * The image seen tilted: the edge {@code side} (0 top, 1 right, 2 bottom, 3 left) shrinks by
   * {@code f} of its length at each end, as a print leaning away from the camera; the corners
   * outside are black. Inverse mapping with bilinear sampling.
   */
  static BufferedImage tilt(BufferedImage src, int side, double f) {
    int w = src.getWidth();
    int h = src.getHeight();
    // destination corners: top-left, top-right, bottom-right, bottom-left
    double[][] dst = {{0, 0}, {w - 1, 0}, {w - 1, h - 1}, {0, h - 1}};
    double dx = f * w;
    double dy = f * h;
    switch (side) {
      case 0 -> { dst[0][0] += dx; dst[1][0] -= dx; }
      case 1 -> { dst[1][1] += dy; dst[2][1] -= dy; }
      case 2 -> { dst[2][0] -= dx; dst[3][0] += dx; }
      default -> { dst[3][1] -= dy; dst[0][1] += dy; }
    }
    double[][] srcCorners = {{0, 0}, {w - 1, 0}, {w - 1, h - 1}, {0, h - 1}};
    double[] m = homography(dst, srcCorners); // destination pixel -> source pixel
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double z = m[6] * x + m[7] * y + 1;
        double sx = (m[0] * x + m[1] * y + m[2]) / z;
        double sy = (m[3] * x + m[4] * y + m[5]) / z;
        row[x] = sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1 ? 0 : bilinear(src, sx, sy);
      }
      out.setRGB(0, y, w, 1, row, 0, w);
    }
    return out;
  }

  /** A caption across the bottom and an opaque logo box in a random corner. */
  static BufferedImage overlay(BufferedImage img, double area, SplittableRandom random) {
    int w = img.getWidth();
    int h = img.getHeight();
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      double logoArea = area / 2;
      int side = (int) Math.max(8, Math.round(Math.sqrt(logoArea * w * h)));
      int corner = random.nextInt(4);
      int lx = corner % 2 == 0 ? w / 40 : w - side - w / 40;
      int ly = corner < 2 ? h / 40 : h - side - h / 40;
      g.setColor(new Color(random.nextInt(0x1000000)));
      g.fillRoundRect(lx, ly, side, side, side / 4, side / 4);
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke(Math.max(1, side / 12f)));
      g.drawOval(lx + side / 5, ly + side / 5, 3 * side / 5, 3 * side / 5);
      // caption: a band of the remaining area across the lower third, white with a dark outline
      int size = (int) Math.max(10, Math.round(Math.sqrt(area / 2 * w * h / 12)));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
      String[] words = {"SUMMER 2019", "WHEN MONDAY HITS", "best day ever", "#nofilter",
          "COPYRIGHT PHOTO", "look at this!!"};
      String text = words[random.nextInt(words.length)];
      int tw = g.getFontMetrics().stringWidth(text);
      int tx = Math.max(0, (w - tw) / 2);
      int ty = h - h / 6;
      g.setColor(Color.BLACK);
      for (int ox = -2; ox <= 2; ox += 2) {
        for (int oy = -2; oy <= 2; oy += 2) {
          g.drawString(text, tx + ox, ty + oy);
        }
      }
      g.setColor(Color.WHITE);
      g.drawString(text, tx, ty);
    } finally {
      g.dispose();
    }
    return img;
  }

  private static int bilinear(BufferedImage src, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    int x1 = Math.min(x0 + 1, src.getWidth() - 1);
    int y1 = Math.min(y0 + 1, src.getHeight() - 1);
    double fx = x - x0;
    double fy = y - y0;
    int a = src.getRGB(x0, y0);
    int b = src.getRGB(x1, y0);
    int c = src.getRGB(x0, y1);
    int d = src.getRGB(x1, y1);
    int out = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      double v = (1 - fy) * ((1 - fx) * (a >>> shift & 0xFF) + fx * (b >>> shift & 0xFF))
          + fy * ((1 - fx) * (c >>> shift & 0xFF) + fx * (d >>> shift & 0xFF));
      out |= (int) Math.round(v) << shift;
    }
    return out;
  }

  /** The 3×3 projective map (h33 = 1, row-major, 8 values) taking {@code from[i]} to {@code to[i]}. */
  static double[] homography(double[][] from, double[][] to) {
    double[][] a = new double[8][9];
    for (int i = 0; i < 4; i++) {
      double x = from[i][0];
      double y = from[i][1];
      double u = to[i][0];
      double v = to[i][1];
      a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
      a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
    }
    for (int c = 0; c < 8; c++) {
      int p = c;
      for (int r = c + 1; r < 8; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      for (int r = 0; r < 8; r++) {
        if (r != c) {
          double q = a[r][c] / a[c][c];
          for (int k = c; k < 9; k++) {
            a[r][k] -= q * a[c][k];
          }
        }
      }
    }
    double[] m = new double[8];
    for (int i = 0; i < 8; i++) {
      m[i] = a[i][8] / a[i][i];
    }
    return m;
  }
}
