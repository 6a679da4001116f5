package lshbench.data.images;

/**
 * Image formats recognised by their first bytes. Extensions lie (a PNG named .jpg, a JPEG named
 * {@code tmp} with none), so files are classified by content only.
 */
public enum ImageFormat {
  JPEG,
  PNG,
  GIF,
  BMP;

  /** Bytes needed by {@link #sniff}. */
  public static final int HEADER_BYTES = 8;

  /** The format the header announces, or {@code null} when it is none of the four. */
  public static ImageFormat sniff(byte[] head, int length) {
    if (length >= 3 && u(head[0]) == 0xFF && u(head[1]) == 0xD8 && u(head[2]) == 0xFF) {
      return JPEG;
    }
    if (length >= 8 && u(head[0]) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
        && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
      return PNG;
    }
    if (length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8'
        && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
      return GIF;
    }
    if (length >= 2 && head[0] == 'B' && head[1] == 'M') {
      return BMP;
    }
    return null;
  }

  private static int u(byte b) {
    return b & 0xFF;
  }
}
