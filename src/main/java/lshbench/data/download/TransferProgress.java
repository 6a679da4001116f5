package lshbench.data.download;

import java.util.Locale;

/**
 * The progress line of one download attempt: bytes done of the total (when the server says),
 * the rate of this attempt and the time left at that rate. A resumed attempt starts from the
 * bytes already on disk, so its rate counts only what this connection delivered.
 */
final class TransferProgress {
  private static final double MB = 1e6;
  private final String name;
  private final long offset;
  private final long total;

  /**
   * @param name the archive's file name
   * @param offset bytes already on disk when the attempt began
   * @param total the whole file's length, -1 when unknown
   */
  TransferProgress(String name, long offset, long total) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
    this.name = name;
    this.offset = offset;
    this.total = total;
  }

  /** The line after {@code received} bytes of this attempt in {@code nanos}. */
  String line(long received, long nanos) {
    long done = offset + received;
    double seconds = nanos / 1e9;
    double rate = seconds > 0 ? received / seconds : 0;
    StringBuilder s = new StringBuilder(name).append(": ");
    if (total > 0) {
      s.append(String.format(Locale.ROOT, "%.1f of %.1f MB (%.0f%%)", done / MB, total / MB,
          100.0 * done / total));
    } else {
      s.append(String.format(Locale.ROOT, "%.1f MB (total unknown)", done / MB));
    }
    s.append(String.format(Locale.ROOT, ", %.2f MB/s", rate / MB));
    if (total > 0 && rate > 0 && done < total) {
      s.append(", ETA ").append(clock((long) Math.ceil((total - done) / rate)));
    } else if (total > 0) {
      s.append(", ETA ").append(done >= total ? "0:00" : "unknown");
    }
    return s.toString();
  }

  /** h:mm:ss, or m:ss under an hour. */
  static String clock(long seconds) {
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
