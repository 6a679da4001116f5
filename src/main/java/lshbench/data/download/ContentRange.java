package lshbench.data.download;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP {@code Content-Range} header ({@code bytes 500-999/1000}, or {@code bytes *}{@code /1000}
 * on a 416), which says where a resumed body starts and how long the whole file is. A resume is
 * only trusted when the start is exactly the length already on disk.
 *
 * @param start first byte of the body, -1 for {@code *}
 * @param total length of the whole file, -1 when the server does not know ({@code /*})
 */
record ContentRange(long start, long total) {
  private static final Pattern FORM =
      Pattern.compile("\\s*bytes\\s+(?:(\\d+)-\\d+|\\*)\\s*/\\s*(\\d+|\\*)\\s*");

  static Optional<ContentRange> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(header);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      long start = m.group(1) == null ? -1 : Long.parseLong(m.group(1));
      long total = m.group(2).equals("*") ? -1 : Long.parseLong(m.group(2));
      return Optional.of(new ContentRange(start, total));
    } catch (NumberFormatException e) {
      return Optional.empty(); // more digits than a long holds
    }
  }
}
