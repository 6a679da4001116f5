package lshbench.data.download;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The ann-benchmarks datasets lshbench can sweep (dense, angular or euclidean), by the names
 * ann-benchmarks publishes them under at {@code <mirror>/<name>.hdf5}. Their jaccard and dot
 * product sets are left out: lshbench ranks by L2 or cosine only. ann-benchmarks publishes no
 * checksums, so a download is verified only when {@code sha256} is given.
 */
public final class AnnDatasets {
  /** Where ann-benchmarks' README links its files. */
  public static final String MIRROR = "http://ann-benchmarks.com";

  /** Names in ann-benchmarks' dataset table; the suffix is the metric. */
  public static final List<String> NAMES = List.of("deep-image-96-angular",
      "fashion-mnist-784-euclidean", "gist-960-euclidean", "glove-25-angular", "glove-50-angular",
      "glove-100-angular", "glove-200-angular", "mnist-784-euclidean", "nytimes-256-angular",
      "sift-128-euclidean");

  private AnnDatasets() {}

  /**
   * The download of dataset {@code name} from {@code mirror} into {@code destination}.
   *
   * @param sha256 expected SHA-256, or null to print the computed one as unverified
   */
  public static DownloadSpec spec(String name, String mirror, String sha256, Path destination) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    if (key.endsWith(".hdf5")) {
      key = key.substring(0, key.length() - ".hdf5".length());
    }
    if (!NAMES.contains(key)) {
      throw new IllegalArgumentException("'" + name + "' is not an ann-benchmarks dataset lshbench "
          + "reads (angular or euclidean); known: " + String.join(", ", NAMES));
    }
    String base = mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror;
    return DownloadSpec.of(URI.create(base + "/" + key + ".hdf5"), sha256, destination,
        key + ".hdf5");
  }
}
