package lshbench.data.download;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The image collections lshbench knows how to fetch, by name. */
public final class KnownArchives {
  /**
   * Caltech 101 (Fei-Fei, Fergus, Perona 2004) from CaltechDATA, record mzrjq-6wc02
   * (doi:10.22002/D1.20086). {@code caltech-101.zip} (about 131 MB) holds
   * {@code caltech-101/101_ObjectCategories.tar.gz}, which holds
   * {@code 101_ObjectCategories/<category>/image_NNNN.jpg} (101 categories plus
   * {@code BACKGROUND_Google}, 9,146 images).
   *
   * <p>What was verified: the URL and the nested layout are those of the CaltechDATA record as
   * used by many public download scripts. No SHA-256 of this zip could be found published, so
   * none is given and {@link ArchiveDownload#fetch} prints the one it computes as NOT verified.
   * (Third-party scripts check an MD5, {@code 3138e1922a9193bfa496528edbbc45d0}; lshbench
   * checks SHA-256 only, so that MD5 is recorded here and not used.)
   */
  public static final KnownArchive CALTECH101 = new KnownArchive("caltech101",
      URI.create("https://data.caltech.edu/records/mzrjq-6wc02/files/caltech-101.zip"), null,
      "101_ObjectCategories",
      "Caltech 101 images from CaltechDATA (doi:10.22002/D1.20086); SHA-256 not published");

  private static final List<KnownArchive> ALL = List.of(CALTECH101);

  private KnownArchives() {}

  public static List<KnownArchive> all() {
    return ALL;
  }

  /** The collection called {@code name} (case ignored), or an error listing the known ones. */
  public static KnownArchive byName(String name) {
    if (name == null) {
      throw new IllegalArgumentException("archive name must be given");
    }
    String key = name.strip().toLowerCase(Locale.ROOT);
    for (KnownArchive a : ALL) {
      if (a.name().equals(key)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown archive '" + name + "'; known: "
        + ALL.stream().map(KnownArchive::name).collect(Collectors.joining(", ")));
  }
}
