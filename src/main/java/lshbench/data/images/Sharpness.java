package lshbench.data.images;

/**
 * Variance of the Laplacian of the luma (Pech-Pacheco et al., 2000): a focus measure. Among
 * copies of one photo at the same pixel count, the blurred, re-compressed or upscaled ones have
 * weaker edges and score lower, so a duplicate finder can suggest keeping the crispest.
 * Scores are only comparable between images of the same size.
 */
public final class Sharpness {
  private Sharpness() {}

  /** Variance of the 4-neighbour Laplacian over the interior pixels; 0 for images under 3×3. */
  public static double laplacianVariance(RgbImage image) {
    int w = image.width();
    int h = image.height();
    if (w < 3 || h < 3) {
      return 0;
    }
    byte[] px = image.pixels();
    float[] luma = new float[w * h];
    for (int i = 0, p = 0; i < luma.length; i++, p += 3) {
      luma[i] = 0.299f * (px[p] & 0xFF) + 0.587f * (px[p + 1] & 0xFF)
          + 0.114f * (px[p + 2] & 0xFF);
    }
    double sum = 0;
    double sumSq = 0;
    long count = 0;
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        int i = y * w + x;
        double lap = luma[i - 1] + luma[i + 1] + luma[i - w] + luma[i + w] - 4.0 * luma[i];
        sum += lap;
        sumSq += lap * lap;
        count++;
      }
    }
    double mean = sum / count;
    return Math.max(0, sumSq / count - mean * mean);
  }
}
