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
 * file always has its list. A damaged entry is reported and treated as a miss.
 *
 * <p>Long runs also leave chunk files (every {@code chunkSize} images) under
 * {@code <entry>.parts/}; a rerun after a kill resumes from the completed chunks. They are
 * deleted once the whole entry is written.
 */
public final class EmbeddingCache {
  private static final String VERSION = "lshbench-embedding-cache v1";

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

  /** The entry for {@code key}, or empty when absent or damaged. */
  public Optional<Entry> read(String key) {
    return readPair(vectorFile(key), skippedFile(key));
  }

  public void write(String key, Dataset dataset, List<Skipped> skipped) throws IOException {
    SkippedCsv.write(skippedFile(key), skipped);
    VectorFile.write(dataset, vectorFile(key));
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
        return Files.exists(v) ? readPair(v, parts.resolve(name(chunk) + ".skipped.csv"))
            : Optional.empty();
      }

      @Override
      public void save(int chunk, Dataset vectors, List<Skipped> skipped) throws IOException {
        SkippedCsv.write(parts.resolve(name(chunk) + ".skipped.csv"), skipped);
        VectorFile.write(vectors, parts.resolve(name(chunk) + VectorFile.EXTENSION));
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

  private Optional<Entry> readPair(Path vectors, Path skipped) {
    if (!Files.exists(vectors)) {
      return Optional.empty();
    }
    if (!Files.exists(skipped)) {
      log.println("[embed] cache entry " + vectors.getFileName()
          + " has no skipped list; recomputing");
      return Optional.empty();
    }
    try {
      return Optional.of(new Entry(VectorFile.read(vectors), SkippedCsv.read(skipped)));
    } catch (IOException e) {
      log.println("[embed] ignoring damaged cache file: " + e.getMessage());
      return Optional.empty();
    }
  }
}
