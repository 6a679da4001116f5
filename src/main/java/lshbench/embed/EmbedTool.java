package lshbench.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import lshbench.data.Dataset;
import lshbench.vector.Parallel;
import lshbench.vector.VectorOps;

/**
 * Command line for embedding a folder and checking the result, outside {@code mvn verify}:
 * prints throughput and a leave-one-out precision@10 (exact kNN, Euclidean on the raw,
 * uncentred vectors) as a sanity line: a pretrained network on Caltech101 should be far above
 * chance, a random one barely so.
 *
 * <pre>
 * java -cp target/classes:$(cat cp.txt) lshbench.embed.EmbedTool \
 *     --root ../shared/datasets/caltech101/101_ObjectCategories \
 *     --model ../shared/models/mobilenet_v2_features.pt \
 *     --name "MobileNetV2 (pretrained ImageNet, int8) features" [--max-per-category N]
 *     [--include a,b] [--batch 16] [--cache datasets/cache] [--skipped-csv-dir DIR]
 * </pre>
 */
public final class EmbedTool {
  private EmbedTool() {}

  public static void main(String[] args) throws IOException {
    Path root = null;
    Path model = null;
    String name = null;
    Path cache = EmbeddingCache.defaultDir();
    Path skippedDir = null;
    int max = 0;
    int batch = 16;
    List<String> include = List.of();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--root" -> root = Path.of(v);
        case "--model" -> model = Path.of(v);
        case "--name" -> name = v;
        case "--cache" -> cache = Path.of(v);
        case "--max-per-category" -> max = Integer.parseInt(v);
        case "--batch" -> batch = Integer.parseInt(v);
        case "--include" -> include = List.of(v.split(","));
        case "--skipped-csv-dir" -> skippedDir = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ImageEmbeddingSpec spec = ImageEmbeddingSpec.builder(root, model, name).maxPerCategory(max)
        .batchSize(batch).include(include).build();
    long start = System.nanoTime();
    ImageEmbedding.Result r = ImageEmbedding.load(spec, cache, System.err);
    double seconds = (System.nanoTime() - start) / 1e9;
    Dataset d = r.dataset();
    System.out.printf(Locale.ROOT, "model: %s%n", d.provenance().model());
    System.out.printf(Locale.ROOT, "images embedded: %d in %d categories, dim %d; skipped %d;"
        + " empty categories %s%n", d.size(), d.labelCount(), d.dim(), r.skipped().size(),
        r.emptyCategories());
    System.out.printf(Locale.ROOT, "from cache: %s; load time %.1f s; pipeline %.1f images/s%n",
        r.fromCache(), seconds, r.imagesPerSecond());
    for (var s : r.skipped().subList(0, Math.min(10, r.skipped().size()))) {
      System.out.println("  skipped " + s.path() + ": " + s.reason());
    }
    if (skippedDir != null) {
      System.out.println("skipped list: " + r.writeSkippedCsv(skippedDir));
    }
    long t = System.nanoTime();
    double p = precisionAt10(d);
    System.out.printf(Locale.ROOT, "leave-one-out precision@10 (exact kNN, Euclidean, "
        + "uncentred): %.4f (chance ~%.4f) in %.1f s%n", p, chance(d),
        (System.nanoTime() - t) / 1e9);
  }

  /** Mean over items of the share of its 10 nearest others that carry its label. */
  static double precisionAt10(Dataset d) {
    int n = d.size();
    int dim = d.dim();
    int k = Math.min(10, n - 1);
    float[] v = d.vectors();
    int[] hits = new int[n];
    Parallel.forBlocks("embed-knn", Parallel.defaultThreads(), n, 64, start -> {
      float[] best = new float[k];
      int[] bestId = new int[k];
      for (int q = start, end = Math.min(n, start + 64); q < end; q++) {
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        for (int j = 0; j < n; j++) {
          if (j == q) {
            continue;
          }
          float dist = VectorOps.squaredDistance(v, q * dim, v, j * dim, dim);
          if (dist < best[k - 1]) {
            int pos = k - 1;
            while (pos > 0 && best[pos - 1] > dist) {
              best[pos] = best[pos - 1];
              bestId[pos] = bestId[pos - 1];
              pos--;
            }
            best[pos] = dist;
            bestId[pos] = j;
          }
        }
        int h = 0;
        for (int id : bestId) {
          h += d.label(id) == d.label(q) ? 1 : 0;
        }
        hits[q] = h;
      }
    });
    long total = 0;
    for (int h : hits) {
      total += h;
    }
    return total / (double) (n * (long) k);
  }

  /** Expected precision of random neighbours: sum over classes of (share of items)². */
  static double chance(Dataset d) {
    int[] counts = new int[d.labelCount()];
    for (int i = 0; i < d.size(); i++) {
      counts[d.label(i)]++;
    }
    double s = 0;
    for (int c : counts) {
      s += (double) c * (c - 1) / ((double) d.size() * (d.size() - 1));
    }
    return s;
  }
}
