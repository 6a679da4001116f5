package lshbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lshbench.experiment.ResultColumns;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A results CSV read back with Tablesaw, the way a user would read it, and averaged per
 * (k, L) over repeats. The report never looks at in-memory sweep state.
 */
public final class ResultsTable {
  private final Table table;

  private ResultsTable(Table table) {
    this.table = table;
  }

  public static ResultsTable read(Path csv) throws IOException {
    if (!Files.isRegularFile(csv)) {
      throw new IOException("no results file " + csv + " (was the run completed?)");
    }
    // Text columns are read as text even when a value looks numeric (a dataset named "1").
    ColumnType[] types = new ColumnType[ResultColumns.ALL.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = columnType(ResultColumns.ALL.get(i));
    }
    Table t = Table.read().csv(CsvReadOptions.builder(csv.toFile()).columnTypes(types)
        .missingValueIndicator("").build());
    if (t.rowCount() == 0) {
      throw new IOException(csv + ": no result rows");
    }
    return new ResultsTable(t);
  }

  static ColumnType columnType(String column) {
    switch (column) {
      case ResultColumns.EXPERIMENT:
      case ResultColumns.DATASET:
      case ResultColumns.PROVENANCE:
      case ResultColumns.MODEL:
      case ResultColumns.METRIC:
      case ResultColumns.FAMILY:
        return ColumnType.STRING;
      case ResultColumns.SYNTHETIC:
      case ResultColumns.CENTER:
        return ColumnType.BOOLEAN;
      case ResultColumns.K:
      case ResultColumns.L:
      case ResultColumns.PROBES:
      case ResultColumns.REPEAT:
      case ResultColumns.N_ITEMS:
      case ResultColumns.N_INDEXED:
      case ResultColumns.N_QUERIES:
      case ResultColumns.DIM:
      case ResultColumns.TOP_N:
      case ResultColumns.MAX_BUCKET:
        return ColumnType.INTEGER;
      case ResultColumns.SEED:
      case ResultColumns.HASH_SEED:
      case ResultColumns.MEMORY:
        return ColumnType.LONG;
      default:
        return ColumnType.DOUBLE;
    }
  }

  public Table table() {
    return table;
  }

  /** A text value of the first row (the same on every row): dataset, provenance, model. */
  public String first(String column) {
    return table.row(0).getObject(column).toString();
  }

  /** Per-(k, L) means over repeats, sorted by k then L. */
  public List<ConfigPoint> points() {
    Table sorted = table.sortAscendingOn(ResultColumns.K, ResultColumns.L, ResultColumns.PROBES);
    List<ConfigPoint> out = new ArrayList<>();
    int i = 0;
    while (i < sorted.rowCount()) {
      Row first = sorted.row(i);
      int k = first.getInt(ResultColumns.K);
      int l = first.getInt(ResultColumns.L);
      int t = first.getInt(ResultColumns.PROBES);
      int j = i;
      while (j < sorted.rowCount() && sorted.row(j).getInt(ResultColumns.K) == k
          && sorted.row(j).getInt(ResultColumns.L) == l
          && sorted.row(j).getInt(ResultColumns.PROBES) == t) {
        j++;
      }
      out.add(new ConfigPoint(k, l, t, j - i,
          mean(sorted, ResultColumns.LABEL_RECALL, i, j), std(sorted, ResultColumns.LABEL_RECALL, i, j),
          mean(sorted, ResultColumns.KNN_RECALL, i, j), std(sorted, ResultColumns.KNN_RECALL, i, j),
          mean(sorted, ResultColumns.PRECISION, i, j),
          mean(sorted, ResultColumns.QUERY_MEAN, i, j), std(sorted, ResultColumns.QUERY_MEAN, i, j),
          mean(sorted, ResultColumns.CANDIDATES, i, j),
          mean(sorted, ResultColumns.MEMORY, i, j),
          mean(sorted, ResultColumns.BUILD_MS, i, j),
          mean(sorted, ResultColumns.SPEEDUP, i, j),
          mean(sorted, ResultColumns.PRED_LABEL_RECALL, i, j),
          mean(sorted, ResultColumns.PRED_KNN_RECALL, i, j),
          mean(sorted, ResultColumns.PRED_CANDIDATES, i, j),
          mean(sorted, ResultColumns.HASH_US, i, j),
          mean(sorted, ResultColumns.LOOKUP_US, i, j),
          mean(sorted, ResultColumns.UNION_US, i, j),
          mean(sorted, ResultColumns.RERANK_US, i, j),
          mean(sorted, ResultColumns.PRED_QUERY_US, i, j)));
      i = j;
    }
    return out;
  }

  private static double value(Table t, String column, int row) {
    NumericColumn<?> c = t.numberColumn(column);
    return c.isMissing(row) ? Double.NaN : c.getDouble(row);
  }

  private static double mean(Table t, String column, int from, int to) {
    double sum = 0;
    for (int r = from; r < to; r++) {
      sum += value(t, column, r);
    }
    return sum / (to - from);
  }

  private static double std(Table t, String column, int from, int to) {
    if (to - from < 2) {
      return 0;
    }
    double m = mean(t, column, from, to);
    double ss = 0;
    for (int r = from; r < to; r++) {
      double d = value(t, column, r) - m;
      ss += d * d;
    }
    return Math.sqrt(ss / (to - from - 1));
  }
}
