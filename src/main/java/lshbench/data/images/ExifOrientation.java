package lshbench.data.images;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 in IFD0 of its APP1 "Exif" segment), and the
 * pixel transform that shows it upright. Phones store the sensor's pixels and say in this tag
 * how to turn them; every viewer applies it, so a photo that ignored it would be compared
 * lying on its side with its own upright copy, and its width and height swapped.
 */
public final class ExifOrientation {
  /** Stored as displayed. */
  public static final int NORMAL = 1;
  private static final int TAG = 0x0112;
  /** APP1 segments larger than this are not metadata worth reading for one tag. */
  private static final int MAX_SEGMENT = 1 << 16;

  private ExifOrientation() {}

  /**
   * The orientation 1..8 of {@code file}, {@link #NORMAL} when it is not a JPEG, has no EXIF
   * block, no such tag, or a damaged one: a bad tag must never cost the image.
   */
  public static int read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 8192))) {
      if (in.readUnsignedShort() != 0xFFD8) {
        return NORMAL;
      }
      while (true) {
        int marker = in.readUnsignedShort();
        if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
          return NORMAL; // image data begins (or garbage): no EXIF before it
        }
        int length = in.readUnsignedShort() - 2;
        if (length < 0) {
          return NORMAL;
        }
        if (marker == 0xFFE1 && length >= 14 && length <= MAX_SEGMENT) {
          byte[] segment = in.readNBytes(length);
          if (segment.length == length && startsWithExif(segment)) {
            return fromTiff(segment, 6);
          }
        } else {
          in.skipNBytes(length);
        }
      }
    } catch (IOException | RuntimeException e) {
      return NORMAL;
    }
  }

  private static boolean startsWithExif(byte[] s) {
    return s[0] == 'E' && s[1] == 'x' && s[2] == 'i' && s[3] == 'f' && s[4] == 0 && s[5] == 0;
  }

  /** Reads the tag from the TIFF structure at {@code base}; NORMAL when absent or invalid. */
  static int fromTiff(byte[] s, int base) throws EOFException {
    boolean little;
    if (s[base] == 'I' && s[base + 1] == 'I') {
      little = true;
    } else if (s[base] == 'M' && s[base + 1] == 'M') {
      little = false;
    } else {
      return NORMAL;
    }
    if (u16(s, base + 2, little) != 42) {
      return NORMAL;
    }
    long ifd = u32(s, base + 4, little);
    if (ifd < 8 || base + ifd + 2 > s.length) {
      return NORMAL;
    }
    int at = (int) (base + ifd);
    int entries = u16(s, at, little);
    for (int i = 0; i < entries; i++) {
      int e = at + 2 + 12 * i;
      if (e + 12 > s.length) {
        return NORMAL;
      }
      if (u16(s, e, little) == TAG) {
        int type = u16(s, e + 2, little);
        int value = type == 3 ? u16(s, e + 8, little) : -1; // SHORT, as the standard says
        return value >= 1 && value <= 8 ? value : NORMAL;
      }
    }
    return NORMAL;
  }

  private static int u16(byte[] s, int i, boolean little) throws EOFException {
    if (i + 2 > s.length) {
      throw new EOFException();
    }
    int a = s[i] & 0xFF;
    int b = s[i + 1] & 0xFF;
    return little ? a | b << 8 : a << 8 | b;
  }

  private static long u32(byte[] s, int i, boolean little) throws EOFException {
    long lo = u16(s, little ? i : i + 2, little);
    long hi = u16(s, little ? i + 2 : i, little);
    return hi << 16 | lo;
  }

  /** True when the orientation turns the image a quarter (width and height swap). */
  public static boolean swapsSides(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** {@code image} as it is displayed under {@code orientation} (1 returns it unchanged). */
  public static RgbImage apply(RgbImage image, int orientation) {
    if (orientation <= NORMAL || orientation > 8) {
      return image;
    }
    int w = image.width();
    int h = image.height();
    boolean swap = swapsSides(orientation);
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    byte[] src = image.pixels();
    byte[] out = new byte[src.length];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - x; sy = y; }           // mirrored
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }   // upside down
          case 4 -> { sx = x; sy = h - 1 - y; }           // mirrored upside down
          case 5 -> { sx = y; sy = x; }                   // transposed
          case 6 -> { sx = y; sy = h - 1 - x; }           // turn 90° clockwise to view
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }   // transverse
          default -> { sx = w - 1 - y; sy = x; }          // 8: turn 90° anticlockwise to view
        }
        int s = 3 * (sy * w + sx);
        int o = 3 * (y * ow + x);
        out[o] = src[s];
        out[o + 1] = src[s + 1];
        out[o + 2] = src[s + 2];
      }
    }
    return new RgbImage(ow, oh, out);
  }
}
