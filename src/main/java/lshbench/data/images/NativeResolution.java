package lshbench.data.images;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Whether the larger of two renderings of one photo has real extra detail or was only
 * upscaled. Shrinking the larger image to the smaller one's scale and comparing their
 * high-frequency energy tells: if the smaller was made by downscaling the larger, the two are
 * the same operation and carry the same energy; if the larger was made by enlarging the
 * smaller, the enlargement's interpolation has smoothed it and the shrunk copy carries clearly
 * less. Energy is the variance of the Laplacian divided by the luma variance, so a contrast
 * change between the copies does not read as detail.
 */
public final class NativeResolution {
  /** Below this share of the smaller image's detail, the larger one counts as upscaled. */
  public static final double UPSCALED_BELOW = 0.8;

  private NativeResolution() {}

  /**
   * The larger image's detail at the smaller one's scale, relative to the smaller one's: about
   * 1 or more when the larger is the original, well under 1 when it is an enlargement.
   *
   * @param scale the larger image's pixels per pixel of the smaller (from the geometric fit),
   *     at least 1
   * @param sameFrame whether both show the same frame (neither is cropped nor padded): the
   *     larger is then shrunk to exactly the smaller's width and height, which also undoes a
   *     squash; otherwise by {@code scale} on both axes
   */
  public static double detailRatio(RgbImage larger, RgbImage smaller, double scale,
      boolean sameFrame) {
    if (!(scale >= 1)) {
      throw new IllegalArgumentException("scale must be at least 1, got " + scale);
    }
    BufferedImage big = larger.toBufferedImage();
    int w = sameFrame ? smaller.width() : Math.max(3, (int) Math.round(big.getWidth() / scale));
    int h = sameFrame ? smaller.height()
        : Math.max(3, (int) Math.round(big.getHeight() / scale));
    BufferedImage shrunk = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = shrunk.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
          RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(big, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    double small = detail(smaller);
    return small <= 0 ? 1 : detail(ImageFolder.toRgb(shrunk)) / small;
  }

  /** Variance of the Laplacian over the luma variance: edge energy per unit of contrast. */
  public static double detail(RgbImage image) {
    byte[] px = image.pixels();
    double sum = 0;
    double sumSq = 0;
    int n = image.width() * image.height();
    for (int i = 0, p = 0; i < n; i++, p += 3) {
      double l = 0.299 * (px[p] & 0xFF) + 0.587 * (px[p + 1] & 0xFF) + 0.114 * (px[p + 2] & 0xFF);
      sum += l;
      sumSq += l * l;
    }
    double var = sumSq / n - (sum / n) * (sum / n);
    return var <= 1e-9 ? 0 : Sharpness.laplacianVariance(image) / var;
  }
}
