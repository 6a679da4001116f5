package lshbench.experiment;

import java.nio.file.Path;
import java.util.List;
import lshbench.config.ConfigException;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.data.download.AnnDatasets;
import lshbench.data.download.DownloadSpec;

/**
 * A {@code type = download-ann} experiment: fetch one ann-benchmarks dataset file by name, for
 * users who are online; the file is then a {@code dataset} for any vector experiment.
 */
public record DownloadAnnConfig(String experiment, DownloadSpec spec) {

  /** Keys a download-ann experiment reads. */
  public static final List<Key> KEYS = List.of(
      Key.of("description", "", "free text"),
      Key.of("name", "glove-100-angular", "the ann-benchmarks dataset, e.g. glove-100-angular, "
          + "sift-128-euclidean"),
      Key.of("mirror", AnnDatasets.MIRROR, "where the files are served, as <mirror>/<name>.hdf5"),
      Key.of("sha256", "", "expected SHA-256 of the file (ann-benchmarks publishes none; "
          + "unverified when absent)"),
      Key.of("destination", "datasets", "folder the .hdf5 file is saved in"));

  public static DownloadAnnConfig from(Settings s) {
    try {
      String sha = s.string("sha256", "");
      return new DownloadAnnConfig(s.experiment(), AnnDatasets.spec(
          s.string("name", "glove-100-angular"), s.string("mirror", AnnDatasets.MIRROR),
          sha.isEmpty() ? null : sha, Path.of(s.string("destination", "datasets"))));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("download-ann: " + e.getMessage());
    }
  }
}
