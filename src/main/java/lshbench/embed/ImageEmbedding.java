package lshbench.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import lshbench.data.Dataset;
import lshbench.data.Provenance;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.ImageListing;
import lshbench.data.images.Skipped;
import lshbench.io.Sha256;

/**
 * The one entry point from an image folder to a labelled {@link Dataset}: scan, look up the
 * cache, otherwise embed (two threads, resumable) and store. A cache hit never loads libtorch.
 */
public final class ImageEmbedding {
  /** Images per resumable chunk: about a minute of work for the int8 MobileNetV2 here. */
  static final int CHUNK_SIZE = 512;

  private ImageEmbedding() {}

  /**
   * The embedded images and what was left out.
   *
   * @param dataset one row per embedded image, labelled by category, ids = relative paths
   * @param skipped files not embedded, with reasons (scan and decode failures)
   * @param emptyCategories accepted categories that ended with no embedded image
   * @param fromCache true when nothing was computed
   * @param imagesPerSecond throughput of the images embedded in this call (0 on a hit)
   * @param cacheKey the cache entry's key ({@link EmbeddingCache#vectorFile}), whoever
   *     computed it
   */
  public record Result(Dataset dataset, List<Skipped> skipped, List<String> emptyCategories,
      boolean fromCache, double imagesPerSecond, String cacheKey) {
    public Result {
      skipped = List.copyOf(skipped);
      emptyCategories = List.copyOf(emptyCategories);
    }

    /** Writes {@code skipped.csv} (path, reason) into {@code folder}. */
    public Path writeSkippedCsv(Path folder) throws IOException {
      Path file = folder.resolve("skipped.csv");
      SkippedCsv.write(file, skipped);
      return file;
    }
  }

  public static Result load(ImageEmbeddingSpec spec, Path cacheDir, PrintStream log)
      throws IOException {
    return load(spec, cacheDir, log, ListingEmbedder.LOCAL);
  }

  /**
   * As {@link #load(ImageEmbeddingSpec, Path, PrintStream)}, a cache miss computed by
   * {@code engine}: the same listing, key, skipped files and cache entry.
   */
  public static Result load(ImageEmbeddingSpec spec, Path cacheDir, PrintStream log,
      ListingEmbedder engine) throws IOException {
    ImageListing listing = ImageFolder.scan(spec.root(), spec.folderOptions());
    if (listing.items().isEmpty()) {
      listSkipped(listing.skipped(), log);
      throw new IOException("no images found under " + spec.root() + " ("
          + listing.skipped().size() + " files skipped, " + spec.folderOptions().describe()
          + ")");
    }
    return embed(listing, spec, cacheDir, log, engine);
  }

  /**
   * Embeds every image anywhere below {@code spec.root()} ({@link ImageFolder#scanTree}), for
   * applications without categories such as a duplicate finder: all rows carry label 0 and
   * their relative path as id. The category options of {@code spec} are not used; model,
   * preprocessing, batch size and the cache are the same as {@link #load}'s.
   */
  public static Result loadTree(ImageEmbeddingSpec spec, Path cacheDir, PrintStream log)
      throws IOException {
    ImageListing listing = ImageFolder.scanTree(spec.root());
    if (listing.items().isEmpty()) {
      listSkipped(listing.skipped(), log);
      throw new IOException("no images found anywhere under " + spec.root() + " ("
          + listing.skipped().size() + " files skipped)");
    }
    return embed(listing, spec, cacheDir, log, ListingEmbedder.LOCAL);
  }

  private static Result embed(ImageListing listing, ImageEmbeddingSpec spec, Path cacheDir,
      PrintStream log, ListingEmbedder engine) throws IOException {
    Preprocessing prep = spec.preprocessing();
    String modelSha = Sha256.ofFile(spec.modelPath());
    String name = TorchScriptEmbedder.honestName(spec.modelName(), spec.modelPath());
    String key = EmbeddingCache.key(listing.fingerprint(), modelSha, name, prep.describe());
    EmbeddingCache cache = new EmbeddingCache(cacheDir, log);
    var hit = cache.read(key, listing.items().size() + listing.skipped().size());
    if (hit.isPresent()) {
      Dataset d = hit.get().dataset();
      log.printf(Locale.ROOT, "[embed] cache hit %s: %d images, %d-d (%s)%n",
          cache.vectorFile(key).getFileName(), d.size(), d.dim(), d.provenance().model());
      return new Result(d, hit.get().skipped(), empties(listing, d), true, 0, key);
    }
    log.printf(Locale.ROOT, "[embed] %d images in %d categories, %d files skipped by the scan;"
        + " embedding with %s%n", listing.items().size(), listing.categories().size(),
        listing.skipped().size(), name);
    ListingEmbedder.Computed computed = engine.embed(listing, spec, modelSha, cache.chunks(key),
        log);
    EmbeddingPipeline.Outcome out = computed.outcome();
    List<Skipped> skipped = new ArrayList<>(listing.skipped());
    skipped.addAll(out.skipped());
    if (out.items().length == 0) {
      listSkipped(skipped, log);
      throw new IOException("none of the " + listing.items().size() + " images under "
          + spec.root() + " could be embedded; first reason: " + skipped.get(0));
    }
    Dataset d = toDataset(listing, out, computed.provenance(), spec, skipped.size());
    String cached;
    try {
      cache.write(key, d, skipped);
      cache.deleteParts(key);
      cached = "cached as " + cache.vectorFile(key);
    } catch (IOException e) {
      // a full cache disk must not cost the embedding: the run goes on with it in memory
      cached = "NOT cached (" + e.getMessage() + "); the next run embeds again";
      log.println("[embed] warning: cannot write the embedding cache: " + e.getMessage()
          + "; going on without it");
    }
    log.printf(Locale.ROOT, "[embed] %d images embedded (%d resumed), %d skipped, %.1f "
        + "images/s; %s%n", d.size(), out.resumed(), skipped.size(),
        out.imagesPerSecond(), cached);
    return new Result(d, skipped, empties(listing, d), false, out.imagesPerSecond(), key);
  }

  /** Skipped files listed on the log at most. */
  private static final int LISTED = 50;

  /**
   * Lists skipped files with their reasons on the log, before the refusal that leaves no run
   * folder (and so no skipped.csv) behind: the user must see why each file was not used.
   */
  static void listSkipped(List<Skipped> skipped, PrintStream log) {
    for (int i = 0; i < Math.min(LISTED, skipped.size()); i++) {
      log.println("[embed] skipped " + skipped.get(i).path() + ": " + skipped.get(i).reason());
    }
    if (skipped.size() > LISTED) {
      log.println("[embed] … and " + (skipped.size() - LISTED) + " more skipped files");
    }
  }

  /** Keeps only categories with an embedded image, so label names never name an empty class. */
  private static Dataset toDataset(ImageListing listing, EmbeddingPipeline.Outcome out,
      String model, ImageEmbeddingSpec spec, int skippedCount) {
    int[] remap = new int[listing.categories().size()];
    java.util.Arrays.fill(remap, -1);
    List<String> names = new ArrayList<>();
    int[] labels = new int[out.items().length];
    String[] ids = new String[labels.length];
    for (int k = 0; k < labels.length; k++) {
      var item = listing.items().get(out.items()[k]);
      if (remap[item.label()] < 0) {
        remap[item.label()] = names.size();
        names.add(listing.categories().get(item.label()));
      }
      labels[k] = remap[item.label()];
      ids[k] = item.relative();
    }
    String detail = String.format(Locale.ROOT, "%s: %d images in %d categories, %d skipped; %s",
        spec.root(), labels.length, names.size(), skippedCount, spec.folderOptions().describe());
    return new Dataset(out.vectors(), out.dim(), labels, names.toArray(new String[0]), ids,
        new Provenance("embedding", model, detail, false));
  }

  private static List<String> empties(ImageListing listing, Dataset d) {
    Set<String> present = new LinkedHashSet<>();
    for (int i = 0; i < d.labelCount(); i++) {
      present.add(d.labelName(i));
    }
    List<String> out = new ArrayList<>(listing.emptyCategories());
    for (String c : listing.categories()) {
      if (!present.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }
}
