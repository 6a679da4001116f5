package lshbench.data.images;

import java.util.Objects;

/**
 * A file left out of an image set, and why. Real folders hold zero-byte files, truncated
 * downloads and stray text; a loader that stopped at the first would make a 7,000-image run
 * hostage to one file, so such files are collected and reported instead.
 *
 * @param path the file relative to the scanned root, with forward slashes
 * @param reason one line a person can act on
 */
public record Skipped(String path, String reason) {
  public Skipped {
    Objects.requireNonNull(path, "path");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason must be given for skipped " + path);
    }
  }
}
