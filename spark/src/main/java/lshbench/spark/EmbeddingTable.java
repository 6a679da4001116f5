package lshbench.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import lshbench.data.Dataset;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * An embedding as a Parquet table, {@code id int, label string, path string, vector
 * array<float>}: {@code id} is the row number the experiments use (ground-truth.csv's
 * {@code neighbour_row}), {@code label} the category name, {@code path} the image below the
 * folder (the dataset's id). Written by Spark's executors into a folder beside the target,
 * moved into place when complete, so a killed write never leaves a table that reads as whole.
 */
final class EmbeddingTable {
  static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.IntegerType, false)
      .add("label", DataTypes.StringType, false)
      .add("path", DataTypes.StringType, false)
      .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);
  /** Rows per slice handed to the executors that write. */
  private static final int ROWS_PER_SLICE = 4096;

  private EmbeddingTable() {}

  /** {@code embedding-<key>.parquet} beside the cache entry of that key. */
  static Path beside(Path cacheDir, String key) {
    return cacheDir.resolve("embedding-" + key + ".parquet");
  }

  static void write(SparkSession spark, Dataset data, Path table) throws IOException {
    List<Row> rows = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      rows.add(RowFactory.create(i, data.hasLabels() ? data.labelName(data.label(i)) : "",
          data.id(i), boxed(data.vector(i))));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Path tmp = table.resolveSibling(table.getFileName() + ".tmp-" + System.nanoTime());
    try {
      spark.createDataFrame(sc.parallelize(rows, Math.max(1, (rows.size() + ROWS_PER_SLICE - 1)
          / ROWS_PER_SLICE)), SCHEMA).write().parquet(tmp.toAbsolutePath().toUri().toString());
      Files.move(tmp, table, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      FileTrees.delete(tmp);
    }
  }

  /** The table's rows by id. */
  static List<Row> read(SparkSession spark, Path table) {
    return spark.read().parquet(table.toAbsolutePath().toUri().toString()).orderBy("id")
        .collectAsList();
  }

  private static Float[] boxed(float[] v) {
    Float[] out = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
