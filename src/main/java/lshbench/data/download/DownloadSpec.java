package lshbench.data.download;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an image collection comes from and where it should end up. Validated here, where the
 * settings enter, so a typo in an experiment file fails before any byte is downloaded.
 *
 * @param url the archive, http or https; redirects are followed
 * @param sha256 the archive's expected SHA-256 in hex, or {@code null} when nobody has published
 *     one: the download is then computed, printed and reported as NOT verified
 * @param destination folder that receives {@code folder}; created when missing
 * @param folder the single folder the collection unpacks to (e.g. {@code 101_ObjectCategories}),
 *     possibly inside nested archives; its presence in {@code destination} means "already done"
 * @param connectTimeout longest wait for a TCP/TLS connection
 * @param requestTimeout longest wait for the response headers of one request
 * @param stallTimeout longest time the body may deliver no byte before the attempt is abandoned
 *     (HttpClient has no read timeout of its own, so a silent server would hang forever)
 */
public record DownloadSpec(URI url, String sha256, Path destination, String folder,
    Duration connectTimeout, Duration requestTimeout, Duration stallTimeout) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public DownloadSpec {
    if (url == null) {
      throw new IllegalArgumentException("url must be given");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("url must be http or https, got '" + url + "'");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("url has no host: '" + url + "'");
    }
    if (sha256 != null) {
      String hex = sha256.strip().toLowerCase(Locale.ROOT);
      if (!HEX64.matcher(hex).matches()) {
        throw new IllegalArgumentException(
            "sha256 must be 64 hex digits (or absent), got '" + sha256 + "'");
      }
      sha256 = hex;
    }
    if (destination == null) {
      throw new IllegalArgumentException("destination (a folder) must be given");
    }
    if (folder == null || folder.isBlank() || folder.equals(".") || folder.equals("..")
        || folder.contains("/") || folder.contains("\\")) {
      throw new IllegalArgumentException(
          "folder must be one plain folder name such as 101_ObjectCategories, got '" + folder
              + "'");
    }
    checkPositive("connectTimeout", connectTimeout);
    checkPositive("requestTimeout", requestTimeout);
    checkPositive("stallTimeout", stallTimeout);
  }

  /** A spec with default timeouts (connect 30 s, headers 60 s, stall 60 s). */
  public static DownloadSpec of(URI url, String sha256, Path destination, String folder) {
    return new DownloadSpec(url, sha256, destination, folder, Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(60));
  }

  /** The same spec with other timeouts. */
  public DownloadSpec withTimeouts(Duration connect, Duration request, Duration stall) {
    return new DownloadSpec(url, sha256, destination, folder, connect, request, stall);
  }

  /** Where the unpacked collection lives once {@link ArchiveDownload#fetch} has succeeded. */
  public Path target() {
    return destination.resolve(folder);
  }

  /**
   * The archive's file name, from the URL's last path segment (query ignored), e.g.
   * {@code caltech-101.zip}; {@code download} when the path has none.
   */
  public String archiveName() {
    String path = url.getPath() == null ? "" : url.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.isBlank() || name.equals(".") || name.equals("..") ? "download" : name;
  }

  /** One line for logs. */
  public String describe() {
    return url + " -> " + target() + (sha256 == null ? " (no expected SHA-256)"
        : " (SHA-256 " + sha256 + ")");
  }

  private static void checkPositive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
  }
}
