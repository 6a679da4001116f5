package lshbench.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import lshbench.data.Dataset;
import lshbench.embed.EmbeddingCache;
import lshbench.embed.ImageEmbedding;
import lshbench.embed.ImageEmbeddingSpec;
import lshbench.experiment.SweepConfig;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The check that Spark embeds as the local engine does, on a real folder: both engines embed
 * the experiment's images, each into its own new empty cache (so both really compute), then
 * every image is compared (ids, labels, skipped files, cosine of the vectors), the Parquet
 * table is read back, and, when the experiment's own cache holds the entry of the same key
 * (read only), Spark's vectors are compared with it too. Prints one line per check and exits
 * 1 when one fails. Run by {@code src/bench/spark-embed-check.sh}.
 */
public final class EmbeddingAgreement {
  static final double MIN_COSINE = 0.9999;

  private EmbeddingAgreement() {}

  public static void main(String[] args) throws IOException {
    PrintStream log = System.err;
    PrintStream out = System.out;
    SweepConfig config = BenchSettings.read(args, Map.of());
    ImageEmbeddingSpec spec = config.images();
    Path localDir = Files.createTempDirectory("lshbench-embed-local-");
    Path sparkDir = Files.createTempDirectory("lshbench-embed-spark-");
    boolean ok;
    try {
      SparkSession spark = SparkSessions.shared(log);
      long t0 = System.nanoTime();
      SparkEmbedding.Result s = SparkEmbedding.load(spark, spec, sparkDir, log);
      double sparkSeconds = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      ImageEmbedding.Result l = ImageEmbedding.load(spec, localDir, log);
      double localSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf(Locale.ROOT, "images: %s%nmodel: %s%n", spec.root(),
          l.dataset().provenance().model());
      out.printf(Locale.ROOT, "spark (%s): computed=%s, %d images, %.1f s incl. the Parquet "
          + "table; local engine: computed=%s, %.1f s%n", spark.sparkContext().master(),
          !s.images().fromCache(), s.images().dataset().size(), sparkSeconds, !l.fromCache(),
          localSeconds);
      ok = !s.images().fromCache() && !l.fromCache();
      ok &= check(out, "same cache key", l.cacheKey().equals(s.images().cacheKey()),
          l.cacheKey() + " / " + s.images().cacheKey());
      ok &= check(out, "same skipped files and reasons", l.skipped().equals(s.images().skipped()),
          l.skipped().size() + " / " + s.images().skipped().size());
      ok &= compare(out, "spark vs local engine (both computed now)", s.images().dataset(),
          l.dataset());
      ok &= tableMatches(out, spark, s);
      EmbeddingCache shared = new EmbeddingCache(config.cacheDir(), log);
      Optional<EmbeddingCache.Entry> before = shared.read(l.cacheKey(),
          l.dataset().size() + l.skipped().size());
      if (before.isPresent()) {
        ok &= compare(out, "spark vs the entry in " + shared.vectorFile(l.cacheKey())
            + " (read only)", s.images().dataset(), before.get().dataset());
      } else {
        out.println("(no entry of this key in " + config.cacheDir() + " to compare with)");
      }
    } finally {
      FileTrees.delete(localDir);
      FileTrees.delete(sparkDir);
    }
    out.println(ok ? "AGREE" : "DISAGREE");
    System.exit(ok ? 0 : 1);
  }

  private static boolean check(PrintStream out, String what, boolean pass, String detail) {
    out.println((pass ? "ok   " : "FAIL ") + what + " (" + detail + ")");
    return pass;
  }

  /** Same ids and labels in the same rows, and every row's cosine at least MIN_COSINE. */
  static boolean compare(PrintStream out, String what, Dataset a, Dataset b) {
    if (a.size() != b.size() || a.dim() != b.dim()) {
      return check(out, what, false, a.size() + "×" + a.dim() + " vs " + b.size() + "×"
          + b.dim());
    }
    int sameIds = 0;
    int sameLabels = 0;
    int above = 0;
    double min = Double.POSITIVE_INFINITY;
    String worst = "";
    float maxAbs = 0;
    for (int i = 0; i < a.size(); i++) {
      sameIds += a.id(i).equals(b.id(i)) ? 1 : 0;
      sameLabels += a.labelName(a.label(i)).equals(b.labelName(b.label(i))) ? 1 : 0;
      float[] x = a.vector(i);
      float[] y = b.vector(i);
      double c = cosine(x, y);
      above += c >= MIN_COSINE ? 1 : 0;
      if (c < min) {
        min = c;
        worst = a.id(i);
      }
      for (int k = 0; k < x.length; k++) {
        maxAbs = Math.max(maxAbs, Math.abs(x[k] - y[k]));
      }
    }
    int n = a.size();
    return check(out, what, sameIds == n && sameLabels == n && above == n,
        String.format(Locale.ROOT, "%d images, %d-d: ids %d/%d, labels %d/%d, cosine >= %.4f "
            + "for %d/%d, min cosine %.9f (%s), max |difference| %.3g", n, a.dim(), sameIds, n,
            sameLabels, n, MIN_COSINE, above, n, min, worst, maxAbs));
  }

  private static boolean tableMatches(PrintStream out, SparkSession spark,
      SparkEmbedding.Result s) {
    Dataset d = s.images().dataset();
    List<Row> rows = EmbeddingTable.read(spark, s.table());
    int same = 0;
    for (int i = 0; i < Math.min(rows.size(), d.size()); i++) {
      Row r = rows.get(i);
      List<Float> v = r.getList(3);
      boolean equal = r.getInt(0) == i && r.getString(1).equals(d.labelName(d.label(i)))
          && r.getString(2).equals(d.id(i)) && v.size() == d.dim();
      float[] x = d.vector(i);
      for (int k = 0; equal && k < x.length; k++) {
        equal = v.get(k) == x[k];
      }
      same += equal ? 1 : 0;
    }
    return check(out, "Parquet table reads back equal", rows.size() == d.size()
        && same == d.size(), same + "/" + d.size() + " rows equal, " + s.table().getFileName());
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
