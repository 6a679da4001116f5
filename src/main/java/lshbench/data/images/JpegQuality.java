package lshbench.data.images;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The quality a JPEG was saved at, read from its quantisation tables: the luminance table
 * compared with the IJG standard table gives the libjpeg quality scale (0–100) that most
 * cameras, editors and messaging apps follow. A re-encoded copy at lower quality has larger
 * divisors and a lower estimate.
 */
public final class JpegQuality {
  /** IJG's standard luminance table (quality 50), in zig-zag order's sum only. */
  private static final int STANDARD_LUMA_SUM;

  static {
    int[] t = {16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24,
        40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35,
        55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100,
        103, 99};
    int s = 0;
    for (int v : t) {
      s += v;
    }
    STANDARD_LUMA_SUM = s;
  }

  private JpegQuality() {}

  /** The estimated quality 1–100, or -1 when the file is not a JPEG or has no table 0. */
  public static int estimate(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      if (in.readUnsignedShort() != 0xFFD8) {
        return -1;
      }
      while (true) {
        int marker = in.readUnsignedShort();
        if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
          return -1; // scan data reached without a luminance table
        }
        int length = in.readUnsignedShort() - 2;
        if (marker != 0xFFDB) {
          in.skipNBytes(length);
          continue;
        }
        while (length > 0) {
          int pq = in.readUnsignedByte();
          boolean wide = (pq >> 4) != 0;
          int id = pq & 0x0F;
          long sum = 0;
          for (int i = 0; i < 64; i++) {
            sum += wide ? in.readUnsignedShort() : in.readUnsignedByte();
          }
          length -= 1 + (wide ? 128 : 64);
          if (id == 0) {
            return quality(sum);
          }
        }
      }
    } catch (EOFException e) {
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** Inverts libjpeg's scaling: scale = 5000/q below 50, 200 - 2q above. */
  static int quality(long sum) {
    double scale = 100.0 * sum / STANDARD_LUMA_SUM;
    double q = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
    return (int) Math.max(1, Math.min(100, Math.round(q)));
  }
}
