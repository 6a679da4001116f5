package lshbench.data.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Phone-style JPEGs for tests: stored pixels plus an EXIF orientation tag saying how to turn them. */
public final class ExifJpegs {
  private ExifJpegs() {}

  /** Writes {@code stored} as a JPEG whose APP1 Exif block carries {@code orientation}. */
  public static void write(BufferedImage stored, int orientation, Path file) throws IOException {
    Path plain = Files.createTempFile("exif", ".jpg");
    try {
      JpegFiles.write(stored, 0.95f, plain);
      Files.write(file, withOrientation(Files.readAllBytes(plain), orientation, false));
    } finally {
      Files.delete(plain);
    }
  }

  /** {@code jpeg} with an APP1 Exif segment (IFD0 holding only the orientation) after SOI. */
  public static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
    ByteArrayOutputStream tiff = new ByteArrayOutputStream();
    if (littleEndian) {
      tiff.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0,
          (byte) orientation, 0, 0, 0, 0, 0, 0, 0});
    } else {
      tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
          0, (byte) orientation, 0, 0, 0, 0, 0, 0});
    }
    byte[] body = tiff.toByteArray();
    int length = 2 + 6 + body.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    out.write(0xFF);
    out.write(0xE1);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
    out.writeBytes(body);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** {@code image} turned a quarter clockwise (clockwise = true) or anticlockwise. */
  public static BufferedImage quarter(BufferedImage image, boolean clockwise) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage out = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (clockwise) {
          out.setRGB(h - 1 - y, x, image.getRGB(x, y));
        } else {
          out.setRGB(y, w - 1 - x, image.getRGB(x, y));
        }
      }
    }
    return out;
  }
}
