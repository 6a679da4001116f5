package lshbench.data.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Writes JPEGs at a chosen quality (ImageIO's one-call write has no quality setting). */
public final class JpegFiles {
  private JpegFiles() {}

  /**
   * Encodes {@code image} (RGB) to {@code file} at {@code quality} in (0, 1]; 0.9 is a camera's
   * "fine", 0.1–0.3 what messaging apps and thumbnails do to a photo.
   */
  public static void write(BufferedImage image, float quality, Path file) throws IOException {
    if (!(quality > 0 && quality <= 1)) {
      throw new IllegalArgumentException("quality must be in (0, 1], got " + quality);
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IOException("no JPEG writer in this JVM");
    }
    ImageWriter writer = writers.next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      if (out == null) {
        throw new IOException("cannot open " + file + " for writing");
      }
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
