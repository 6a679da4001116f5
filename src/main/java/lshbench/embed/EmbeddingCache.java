package lshbench.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import lshbench.data.Dataset;
import lshbench.data.VectorFile;
import lshbench.data.images.Skipped;
import lshbench.io.Sha256;

/**
 * Embeddings kept on disk so that a second sweep over the same images skips the network.
 *
 * <p>Keyed by everything that changes the vectors: the image listing (relative paths, sizes,
 * modification times, labels), the model file's SHA-256, its name and the preprocessing. An
 * entry is a {@code .lshv} file (atomic write, footer-checked read: a killed run never leaves
 * an entry that reads as valid) plus the skipped list, written first so that a present vector
 * file always has its list. The vector file's tag records the key, which part of it this is,
 * the image, dimension and skipped counts and the skipped list's SHA-256: a file name alone
 * proves nothing (a file copied over another entry's name read as valid). A damaged or foreign
 * entry, or one written before tags, is reported in one line and treated as a miss.
 *
 * <p>Long runs also leave chunk files (every {@code chunkSize} images) under
 * {@code <entry>.parts/}; a rerun after a kill resumes from the completed chunks. They are
 * deleted once the whole entry is written.
 */
public final class EmbeddingCache {
  /** v2: images turned upright by their EXIF orientation, large ones decoded subsampled. */
  private static final String VERSION = "lshbench-embedding-cache v2";

  private final Path dir;
  private final PrintStream log;

  public EmbeddingCache(Path dir, PrintStream log) {
    this.dir = dir;
    this.log = log;
  }

  /** {@code datasets/cache}, relative to the working directory (the project root). */
  public static Path defaultDir() {
    return Path.of("datasets", "cache");
  }

  public Path dir() {
    return dir;
  }

  /** A short hex key over every input that changes the embedding. */
  public static String key(String listingFingerprint, String modelSha256, String modelName,
      String preprocessing) {
    return Sha256.ofText(VERSION + "\nlisting " + listingFingerprint + "\nmodel " + modelSha256
        + "\nname " + modelName + "\npreprocessing " + preprocessing + "\n").substring(0, 24);
  }

  public Path vectorFile(String key) {
    return dir.resolve("embedding-" + key + VectorFile.EXTENSION);
  }

  public Path skippedFile(String key) {
    return dir.resolve("embedding-" + key + ".skipped.csv");
  }

  /** A cached dataset and the files skipped when it was made. */
  public record Entry(Dataset dataset, List<Skipped> skipped) {}

  /**
   * The entry for {@code key}, or empty when absent, damaged, made for another key, or not
   * accounting for exactly {@code listed} files (embedded + skipped: the listing it was made
   * from had that many).
   */
  public Optional<Entry> read(String key, int listed) {
    Optional<Entry> e = readPair(vectorFile(key), skippedFile(key), key, WHOLE);
    if (e.isPresent() && e.get().dataset().size() + e.get().skipped().size() != listed) {
      warn(vectorFile(key), "holds " + e.get().dataset().size() + " images + "
          + e.get().skipped().size() + " skipped, the listing has " + listed + " files");
      return Optional.empty();
    }
    return e;
  }

  public void write(String key, Dataset dataset, List<Skipped> skipped) throws IOException {
    writePair(vectorFile(key), skippedFile(key), key, WHOLE, dataset, skipped);
  }

  /** The tag's name for the whole entry; chunks are named by their file. */
  private static final String WHOLE = "entry";

  private static void writePair(Path vectors, Path skippedFile, String key, String part,
      Dataset dataset, List<Skipped> skipped) throws IOException {
    SkippedCsv.write(skippedFile, skipped);
    VectorFile.write(dataset, vectors, tag(key, part, dataset.size(), dataset.dim(),
        skipped.size(), Sha256.ofFile(skippedFile)));
  }

  private static String tag(String key, String part, int images, int dim, int skipped,
      String skippedSha256) {
    return VERSION + "\nkey " + key + "\npart " + part + "\nimages " + images + "\ndim " + dim
        + "\nskipped " + skipped + "\nskipped sha256 " + skippedSha256 + "\n";
  }

  /** Where chunk files of an unfinished entry live. */
  public Path partsDir(String key) {
    return dir.resolve("embedding-" + key + ".parts");
  }

  /** Chunk storage for resuming {@code key}; see {@link EmbeddingPipeline}. */
  public EmbeddingPipeline.ChunkStore chunks(String key) {
    Path parts = partsDir(key);
    return new EmbeddingPipeline.ChunkStore() {
      @Override
      public Optional<Entry> load(int chunk) {
        Path v = parts.resolve(name(chunk) + VectorFile.EXTENSION);
        return Files.exists(v)
            ? readPair(v, parts.resolve(name(chunk) + ".skipped.csv"), key, name(chunk))
            : Optional.empty();
      }

      @Override
      public void save(int chunk, Dataset vectors, List<Skipped> skipped) throws IOException {
        writePair(parts.resolve(name(chunk) + VectorFile.EXTENSION),
            parts.resolve(name(chunk) + ".skipped.csv"), key, name(chunk), vectors, skipped);
      }

      private String name(int chunk) {
        return String.format(java.util.Locale.ROOT, "chunk-%05d", chunk);
      }
    };
  }

  /** Removes the chunk files of {@code key} once the whole entry is safely written. */
  public void deleteParts(String key) throws IOException {
    Path parts = partsDir(key);
    if (!Files.isDirectory(parts)) {
      return;
    }
    try (Stream<Path> files = Files.walk(parts)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Optional<Entry> readPair(Path vectors, Path skipped, String key, String part) {
    if (!Files.exists(vectors)) {
      return Optional.empty();
    }
    if (!Files.exists(skipped)) {
      warn(vectors, "has no skipped list " + skipped.getFileName());
      return Optional.empty();
    }
    try {
      VectorFile.Tagged v = VectorFile.readTagged(vectors);
      if (v.tag() == null) {
        warn(vectors, "was written without its key by an earlier lshbench");
        return Optional.empty();
      }
      List<Skipped> list = SkippedCsv.read(skipped);
      String expected = tag(key, part, v.dataset().size(), v.dataset().dim(), list.size(),
          Sha256.ofFile(skipped));
      if (!v.tag().equals(expected)) {
        warn(vectors, "does not match its name and skipped list (" + firstDifference(v.tag(),
            expected) + ")");
        return Optional.empty();
      }
      return Optional.of(new Entry(v.dataset(), list));
    } catch (IOException e) {
      // VectorFile's and SkippedCsv's messages start with the file's path
      log.println("[embed] warning: ignoring damaged cache file " + e.getMessage()
          + "; recomputing");
      return Optional.empty();
    }
  }

  /** "stored key X, expected key Y" for the first line where two tags differ. */
  private static String firstDifference(String stored, String expected) {
    String[] a = stored.split("\n");
    String[] b = expected.split("\n");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "";
      String y = i < b.length ? b[i] : "";
      if (!x.equals(y)) {
        return "stored " + x + ", expected " + y;
      }
    }
    return "tags differ";
  }

  private void warn(Path file, String why) {
    log.println("[embed] warning: cache file " + file + " " + why + "; recomputing");
  }
}
