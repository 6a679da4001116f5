package lshbench.data.images;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A JPEG's EXIF {@code DateTimeOriginal} ("yyyy:MM:dd HH:mm:ss", which sorts as text): when the
 * shutter was pressed. Edited and re-saved copies often lose it or carry it unchanged; it never
 * gets earlier, so the earliest is the best guess at the camera's file.
 */
public final class ExifDate {
  private static final int DATE_TIME_ORIGINAL = 0x9003;
  private static final int EXIF_IFD = 0x8769;

  private ExifDate() {}

  /** The date, or empty when the file is not a JPEG, has no EXIF or no such tag. */
  public static Optional<String> original(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      if (in.readUnsignedShort() != 0xFFD8) {
        return Optional.empty();
      }
      while (true) {
        int marker = in.readUnsignedShort();
        if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
          return Optional.empty();
        }
        int length = in.readUnsignedShort() - 2;
        if (marker != 0xFFE1) {
          in.skipNBytes(length);
          continue;
        }
        byte[] app1 = in.readNBytes(length);
        if (app1.length > 14 && new String(app1, 0, 4, StandardCharsets.US_ASCII).equals("Exif")) {
          return fromTiff(ByteBuffer.wrap(app1, 6, app1.length - 6).slice());
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a damaged header only loses the tie-break
    }
  }

  static Optional<String> fromTiff(ByteBuffer tiff) {
    tiff.order(tiff.getShort(0) == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    int ifd0 = tiff.getInt(4);
    int exif = pointer(tiff, ifd0, EXIF_IFD);
    if (exif <= 0) {
      return Optional.empty();
    }
    int count = tiff.getShort(exif) & 0xFFFF;
    for (int i = 0; i < count; i++) {
      int e = exif + 2 + 12 * i;
      if ((tiff.getShort(e) & 0xFFFF) == DATE_TIME_ORIGINAL) {
        int n = tiff.getInt(e + 4);
        int at = n <= 4 ? e + 8 : tiff.getInt(e + 8);
        byte[] s = new byte[Math.max(0, Math.min(n, 19))];
        tiff.get(at, s);
        String text = new String(s, StandardCharsets.US_ASCII).trim();
        return text.matches("\\d{4}:\\d{2}:\\d{2} \\d{2}:\\d{2}:\\d{2}") ? Optional.of(text)
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static int pointer(ByteBuffer tiff, int ifd, int tag) {
    int count = tiff.getShort(ifd) & 0xFFFF;
    for (int i = 0; i < count; i++) {
      int e = ifd + 2 + 12 * i;
      if ((tiff.getShort(e) & 0xFFFF) == tag) {
        return tiff.getInt(e + 8);
      }
    }
    return -1;
  }
}
