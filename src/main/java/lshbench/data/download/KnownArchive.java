package lshbench.data.download;

import java.net.URI;
import java.nio.file.Path;

/**
 * A published image collection: where its archive is and which folder it unpacks to. Only a
 * destination is missing to make a {@link DownloadSpec}.
 *
 * @param name short key for experiment files, e.g. {@code caltech101}
 * @param url the publisher's download address
 * @param sha256 the archive's SHA-256 when one has been published or checked, else null
 * @param folder the folder the images end up in once unpacked
 * @param description what the collection is and what was verified about this descriptor
 */
public record KnownArchive(String name, URI url, String sha256, String folder,
    String description) {
  public KnownArchive {
    if (name == null || !name.matches("[a-z0-9_-]+")) {
      throw new IllegalArgumentException("name must be lower-case letters, digits, - or _, got '"
          + name + "'");
    }
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("description must be given");
    }
    // checks url, sha256 and folder with the same rules as a download
    DownloadSpec.of(url, sha256, Path.of("."), folder);
  }

  /** This collection, downloaded into {@code destination}, with default timeouts. */
  public DownloadSpec spec(Path destination) {
    return DownloadSpec.of(url, sha256, destination, folder);
  }
}
