package lshbench.data.images;

/**
 * A decoded image as 8-bit RGB, row-major height × width × 3. Every source (grayscale, CMYK,
 * palette, alpha) ends up in this one layout so that the embedder never sees a channel count
 * it was not trained on.
 */
public final class RgbImage {
  private final int width;
  private final int height;
  private final byte[] hwc;

  public RgbImage(int width, int height, byte[] hwc) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("width and height must be positive, got " + width
          + "×" + height);
    }
    if (hwc.length != 3L * width * height) {
      throw new IllegalArgumentException("hwc holds " + hwc.length + " bytes, expected 3×"
          + width + "×" + height);
    }
    this.width = width;
    this.height = height;
    this.hwc = hwc;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The backing pixels (R, G, B per pixel, rows top to bottom); shared, do not modify. */
  public byte[] pixels() {
    return hwc;
  }

  /** Packed 0xRRGGBB of one pixel, for tests and checks. */
  public int rgb(int x, int y) {
    int i = 3 * (y * width + x);
    return (hwc[i] & 0xFF) << 16 | (hwc[i + 1] & 0xFF) << 8 | (hwc[i + 2] & 0xFF);
  }

  /** The same pixels as a Java2D image, for drawing and re-encoding. */
  public java.awt.image.BufferedImage toBufferedImage() {
    var out = new java.awt.image.BufferedImage(width, height,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0, i = 3 * y * width; x < width; x++, i += 3) {
        row[x] = (hwc[i] & 0xFF) << 16 | (hwc[i + 1] & 0xFF) << 8 | (hwc[i + 2] & 0xFF);
      }
      out.setRGB(0, y, width, 1, row, 0, width);
    }
    return out;
  }
}
