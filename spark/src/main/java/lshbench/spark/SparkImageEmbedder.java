package lshbench.spark;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import lshbench.data.images.ImageItem;
import lshbench.data.images.ImageListing;
import lshbench.data.images.Skipped;
import lshbench.embed.EmbeddingPipeline;
import lshbench.embed.ImageEmbeddingSpec;
import lshbench.embed.ListingEmbedder;
import lshbench.embed.TorchScriptEmbedder;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A cache miss embedded on Spark: the driver's listing (the core's scan: same order, labels and
 * skip rules) cut into contiguous blocks, one partition each; a partition loads the core's
 * TorchScript embedder once, runs the core's {@link EmbeddingPipeline} over its block (the
 * same decoding, preprocessing and skip reasons as the local engine) and closes the model. The
 * driver puts the parts back in listing order, and {@link lshbench.embed.ImageEmbedding} keys
 * and stores them as it stores the local engine's.
 */
final class SparkImageEmbedder implements ListingEmbedder {
  /**
   * Images a partition embeds at most: loading the model and its first batch cost ~8 s here, so
   * a partition should run well over that (1,024 images: 5–20 s), and a finished partition is a
   * progress step.
   */
  static final int IMAGES_PER_PARTITION = 1024;

  private final SparkSession spark;

  SparkImageEmbedder(SparkSession spark) {
    this.spark = spark;
  }

  @Override
  public Computed embed(ImageListing listing, ImageEmbeddingSpec spec, String modelSha256,
      EmbeddingPipeline.ChunkStore chunks, PrintStream log) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<ImageItem> items = listing.items();
    int n = items.size();
    List<ImageTask[]> blocks = blocks(items, sc.defaultParallelism());
    int[] sizes = blocks.stream().mapToInt(b -> b.length).toArray();
    // A task is one core (spark.task.cpus): its pipeline decodes on that many threads beside
    // the model's, as the local engine does on all of a machine's cores.
    int taskCpus = spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
    ModelRecipe recipe = ModelRecipe.of(spec, taskCpus);
    log.printf(Locale.ROOT, "[spark] embedding %d images in %d partitions of up to %d on %s%n",
        n, blocks.size(), sizes[0], spark.sparkContext().master());
    long t0 = System.nanoTime();
    List<EmbeddedPart> parts;
    try (PartitionProgress progress = PartitionProgress.start(spark.sparkContext(), "spark embed",
        sizes, "images", log)) {
      parts = sc.parallelize(blocks, blocks.size())
          .mapPartitions(it -> embedPartition(it, recipe))
          .collect();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Computed(assemble(listing, parts, n, seconds), provenance(parts, spec));
  }

  /** Contiguous blocks in listing order, a multiple of the task slots, each at most the cap. */
  static List<ImageTask[]> blocks(List<ImageItem> items, int slots) {
    int n = items.size();
    int rounds = Math.max(1, (n + slots * IMAGES_PER_PARTITION - 1) / (slots * IMAGES_PER_PARTITION));
    int count = Math.min(n, Math.max(1, slots * rounds));
    List<ImageTask[]> out = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      int from = (int) ((long) b * n / count);
      int to = (int) ((long) (b + 1) * n / count);
      ImageTask[] block = new ImageTask[to - from];
      for (int i = from; i < to; i++) {
        block[i - from] = ImageTask.of(i, items.get(i));
      }
      out.add(block);
    }
    return out;
  }

  /** One partition: the model loaded once, every block of the partition through the pipeline. */
  static Iterator<EmbeddedPart> embedPartition(Iterator<ImageTask[]> blocks, ModelRecipe recipe)
      throws java.io.IOException {
    List<EmbeddedPart> out = new ArrayList<>();
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (TorchScriptEmbedder embedder = recipe.load()) {
      while (blocks.hasNext()) {
        ImageTask[] block = blocks.next();
        List<ImageItem> items = new ArrayList<>(block.length);
        for (ImageTask t : block) {
          items.add(t.item());
        }
        ImageListing part = new ImageListing(items.isEmpty() ? java.nio.file.Path.of(".")
            : items.get(0).file().getParent(), List.of(), items, List.of(), List.of());
        EmbeddingPipeline.Outcome o = new EmbeddingPipeline(embedder, recipe.batchSize(),
            Math.max(1, block.length), recipe.decodeThreads(), quiet)
            .run(part, EmbeddingPipeline.ChunkStore.NONE);
        int[] indices = new int[o.items().length];
        for (int k = 0; k < indices.length; k++) {
          indices[k] = block[o.items()[k]].index();
        }
        int[] skippedIndices = new int[o.skipped().size()];
        String[] reasons = new String[skippedIndices.length];
        for (int s = 0; s < skippedIndices.length; s++) {
          Skipped sk = o.skipped().get(s);
          skippedIndices[s] = indexOf(block, sk.path());
          reasons[s] = sk.reason();
        }
        out.add(new EmbeddedPart(indices, o.vectors(), o.dim(), skippedIndices, reasons,
            embedder.provenance()));
      }
    }
    return out.iterator();
  }

  private static int indexOf(ImageTask[] block, String relative) {
    for (ImageTask t : block) {
      if (t.relative().equals(relative)) {
        return t.index();
      }
    }
    throw new IllegalStateException("skipped " + relative + " is not in its block");
  }

  /** The parts in listing order, as the local pipeline's outcome. */
  static EmbeddingPipeline.Outcome assemble(ImageListing listing, List<EmbeddedPart> parts,
      int n, double seconds) {
    int dim = parts.stream().filter(p -> p.indices().length > 0).mapToInt(EmbeddedPart::dim)
        .findFirst().orElse(0);
    float[][] rows = new float[n][];
    String[] reasons = new String[n];
    for (EmbeddedPart p : parts) {
      for (int k = 0; k < p.indices().length; k++) {
        rows[p.indices()[k]] = Arrays.copyOfRange(p.vectors(), k * dim, (k + 1) * dim);
      }
      for (int s = 0; s < p.skippedIndices().length; s++) {
        reasons[p.skippedIndices()[s]] = p.reasons()[s];
      }
    }
    int count = 0;
    for (float[] r : rows) {
      count += r != null ? 1 : 0;
    }
    int[] items = new int[count];
    float[] vectors = new float[count * dim];
    List<Skipped> skipped = new ArrayList<>();
    for (int i = 0, k = 0; i < n; i++) {
      if (rows[i] != null) {
        items[k] = i;
        System.arraycopy(rows[i], 0, vectors, k * dim, dim);
        k++;
      } else if (reasons[i] != null) {
        skipped.add(new Skipped(listing.items().get(i).relative(), reasons[i]));
      } else {
        throw new IllegalStateException("no partition answered for "
            + listing.items().get(i).relative());
      }
    }
    return new EmbeddingPipeline.Outcome(vectors, dim, items, List.copyOf(skipped), 0, n,
        seconds);
  }

  private static String provenance(List<EmbeddedPart> parts, ImageEmbeddingSpec spec) {
    return parts.stream().map(EmbeddedPart::provenance).findFirst()
        .orElseThrow(() -> new IllegalStateException("no partition embedded " + spec.root()));
  }
}
