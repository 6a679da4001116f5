package lshbench.experiment;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import lshbench.config.ConfigException;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.data.download.DownloadSpec;
import lshbench.data.download.KnownArchives;

/**
 * A {@code type = download} experiment: fetch and unpack an image collection for users who are
 * online, either a known one by name ({@code archive = caltech101}) or any archive by URL.
 */
public record DownloadConfig(String experiment, DownloadSpec spec) {

  /** Keys a download experiment reads. */
  public static final List<Key> KEYS = List.of(
      Key.of("description", "", "free text"),
      Key.of("archive", "caltech101", "a known collection by name (caltech101)"),
      Key.of("url", "", "any http(s) archive (.zip, .tar, .tar.gz, nested) instead of archive"),
      Key.of("sha256", "", "expected SHA-256 of the archive (unverified when absent)"),
      Key.of("folder", "", "the folder the archive holds, e.g. 101_ObjectCategories"),
      Key.of("destination", "datasets", "where the folder is unpacked"));

  public static DownloadConfig from(Settings s) {
    Path destination = Path.of(s.string("destination", "datasets"));
    try {
      String url = s.string("url", "");
      if (!url.isEmpty()) {
        String folder = s.string("folder", "");
        if (folder.isEmpty()) {
          throw new ConfigException("folder: a download by url needs the folder it unpacks to");
        }
        String sha = s.string("sha256", "");
        return new DownloadConfig(s.experiment(),
            DownloadSpec.of(URI.create(url), sha.isEmpty() ? null : sha, destination, folder));
      }
      return new DownloadConfig(s.experiment(),
          KnownArchives.byName(s.string("archive", "caltech101")).spec(destination));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("download: " + e.getMessage());
    }
  }
}
