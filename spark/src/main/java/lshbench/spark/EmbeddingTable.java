package lshbench.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
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
  /** Rows per slice handed to the executors that write (1,024 × 1280 floats: 5 MB). */
  private static final int ROWS_PER_SLICE = 1024;

  private EmbeddingTable() {}

  /** {@code embedding-<key>.parquet} beside the cache entry of that key. */
  static Path beside(Path cacheDir, String key) {
    return cacheDir.resolve("embedding-" + key + ".parquet");
  }

  /**
   * Rows {@code first …} of the table as they travel to a task: primitive arrays, which Java
   * serialisation copies in one piece (rows of boxed floats took 20–50 s for Caltech101).
   */
  private record Slice(int first, String[] labels, String[] paths, float[] vectors, int dim)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    Iterator<Row> rows() {
      List<Row> out = new ArrayList<>(paths.length);
      for (int i = 0; i < paths.length; i++) {
        out.add(RowFactory.create(first + i, labels[i], paths[i],
            Arrays.copyOfRange(vectors, i * dim, (i + 1) * dim)));
      }
      return out.iterator();
    }
  }

  static void write(SparkSession spark, Dataset data, Path table) throws IOException {
    List<Slice> slices = new ArrayList<>();
    for (int from = 0; from < data.size(); from += ROWS_PER_SLICE) {
      int to = Math.min(data.size(), from + ROWS_PER_SLICE);
      String[] labels = new String[to - from];
      String[] paths = new String[to - from];
      for (int i = from; i < to; i++) {
        labels[i - from] = data.hasLabels() ? data.labelName(data.label(i)) : "";
        paths[i - from] = data.id(i);
      }
      slices.add(new Slice(from, labels, paths, Arrays.copyOfRange(data.vectors(),
          data.offset(from), data.offset(from) + (to - from) * data.dim()), data.dim()));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Path tmp = table.resolveSibling(table.getFileName() + ".tmp-" + System.nanoTime());
    try {
      spark.createDataFrame(sc.parallelize(slices, Math.max(1, slices.size()))
          .flatMap(Slice::rows), SCHEMA).write().parquet(tmp.toAbsolutePath().toUri().toString());
      Files.move(tmp, table, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // another run wrote the table of this key first: the same rows, so keep that one
    } finally {
      FileTrees.delete(tmp);
    }
  }

  /** The table's rows by id. */
  static List<Row> read(SparkSession spark, Path table) {
    return spark.read().parquet(table.toAbsolutePath().toUri().toString()).orderBy("id")
        .collectAsList();
  }
}
