package lshbench.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import lshbench.embed.ImageEmbedding;
import lshbench.embed.ImageEmbeddingSpec;
import org.apache.spark.sql.SparkSession;

/**
 * An image folder embedded with Spark as the engine: the core's cache first (the same key and
 * entry as the local engine, so either engine reuses the other's), a miss computed in Spark's
 * partitions ({@link SparkImageEmbedder}), then the Parquet table beside the entry
 * ({@link EmbeddingTable}), written once per key.
 */
final class SparkEmbedding {
  private SparkEmbedding() {}

  /** The embedding and its table. */
  record Result(ImageEmbedding.Result images, Path table) {}

  static Result load(SparkSession spark, ImageEmbeddingSpec spec, Path cacheDir, PrintStream log)
      throws IOException {
    ImageEmbedding.Result r = ImageEmbedding.load(spec, cacheDir, log,
        new SparkImageEmbedder(spark));
    Path table = EmbeddingTable.beside(cacheDir, r.cacheKey());
    if (Files.isDirectory(table)) {
      log.println("[spark] embedding table " + table + " (written before)");
    } else {
      EmbeddingTable.write(spark, r.dataset(), table);
      log.println("[spark] embedding table " + table + " (id, label, path, vector)");
    }
    return new Result(r, table);
  }
}
