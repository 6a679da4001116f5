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
      case ResultColumns.CLOCK:
        return ColumnType.STRING;
      case ResultColumns.SYNTHETIC:
      case ResultColumns.CENTER:
      case ResultColumns.NOISY:
        return ColumnType.BOOLEAN;
      case ResultColumns.K:
      case ResultColumns.LAST_CP_DIM:
      case ResultColumns.L:
      case ResultColumns.PROBES:
      case ResultColumns.PROBES_TOTAL:
      case ResultColumns.RERANK_KEEP:
      case ResultColumns.RERANK_DIM:
      case ResultColumns.KEY_BITS:
      case ResultColumns.HASH_DIM:
      case ResultColumns.HNSW_M:
      case ResultColumns.HNSW_EF_CONSTRUCTION:
      case ResultColumns.HNSW_EF:
      case ResultColumns.REPEAT:
      case ResultColumns.N_ITEMS:
      case ResultColumns.N_INDEXED:
      case ResultColumns.N_QUERIES:
      case ResultColumns.DIM:
      case ResultColumns.TOP_N:
      case ResultColumns.MAX_BUCKET:
      case ResultColumns.ROUNDS:
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

  /** The clock the run ranks by: "cpu" or "wall". */
  public String clock() {
    return first(ResultColumns.CLOCK);
  }

  /** The index families in the CSV, in the sweep's order (the exact scan is not one). */
  public List<String> families() {
    List<String> out = new ArrayList<>();
    for (String f : table.stringColumn(ResultColumns.FAMILY)) {
      if (!out.contains(f) && !f.equals(ResultColumns.EXACT_FAMILY)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The index configurations, without the exact scan: what plots draw as points and lines. */
  public List<ConfigPoint> points() {
    return all().stream().filter(p -> !p.isExact()).toList();
  }

  /** The exact scan's row, or null in a CSV without one. */
  public ConfigPoint exact() {
    return all().stream().filter(ConfigPoint::isExact).findFirst().orElse(null);
  }

  /**
   * Every configuration with the exact scan among them: what the frontier and the per-target
   * tables choose from, so nothing slower than the exact scan is ever called the fastest.
   */
  public List<ConfigPoint> candidates() {
    return all();
  }

  /**
   * Per-configuration values over repeats (recalls and sizes averaged, times the median):
   * grouped by family (in the sweep's order, the exact scan first), then by k, L, probes,
   * rerank keep or HNSW's M, efConstruction, ef, and the last cross-polytope's dimension.
   */
  private List<ConfigPoint> all() {
    List<String> families = new ArrayList<>(families());
    families.add(0, ResultColumns.EXACT_FAMILY);
    boolean cpu = !"wall".equals(clock());
    String median = cpu ? ResultColumns.CPU_US : ResultColumns.WALL_US;
    String p25 = cpu ? ResultColumns.CPU_P25 : ResultColumns.WALL_P25;
    String p75 = cpu ? ResultColumns.CPU_P75 : ResultColumns.WALL_P75;
    java.util.Map<List<Object>, List<Integer>> groups = new java.util.TreeMap<>((a, b) -> {
      int c = Integer.compare(families.indexOf((String) a.get(0)), families.indexOf((String) b.get(0)));
      for (int i = 1; c == 0 && i < a.size(); i++) {
        c = Integer.compare((Integer) a.get(i), (Integer) b.get(i));
      }
      return c;
    });
    for (int r = 0; r < table.rowCount(); r++) {
      Row row = table.row(r);
      groups.computeIfAbsent(List.of(row.getString(ResultColumns.FAMILY), integer(row, ResultColumns.K),
          integer(row, ResultColumns.L), integer(row, ResultColumns.PROBES),
          integer(row, ResultColumns.RERANK_KEEP), integer(row, ResultColumns.PROBES_TOTAL), integer(row, ResultColumns.HNSW_M), integer(row, ResultColumns.HNSW_EF_CONSTRUCTION),
          integer(row, ResultColumns.HNSW_EF), integer(row, ResultColumns.LAST_CP_DIM)),
          x -> new ArrayList<>()).add(r);
    }
    List<ConfigPoint> out = new ArrayList<>();
    for (var e : groups.entrySet()) {
      List<Object> key = e.getKey();
      Table g = table.rows(e.getValue().stream().mapToInt(Integer::intValue).toArray());
      int n = g.rowCount();
      out.add(new ConfigPoint((String) key.get(0), (Integer) key.get(1), (Integer) key.get(2),
          (Integer) key.get(3), (Integer) key.get(5), (Integer) key.get(4),
          new ConfigPoint.Hnsw((Integer) key.get(6), (Integer) key.get(7), (Integer) key.get(8)), n,
          mean(g, ResultColumns.LABEL_RECALL, 0, n), std(g, ResultColumns.LABEL_RECALL, 0, n),
          mean(g, ResultColumns.KNN_RECALL, 0, n), std(g, ResultColumns.KNN_RECALL, 0, n),
          mean(g, ResultColumns.PRECISION, 0, n),
          median(g, median), median(g, p25), median(g, p75),
          g.booleanColumn(ResultColumns.NOISY).countTrue() > 0,
          mean(g, ResultColumns.CANDIDATES, 0, n),
          mean(g, ResultColumns.MEMORY, 0, n),
          mean(g, ResultColumns.BUILD_MS, 0, n),
          median(g, ResultColumns.SPEEDUP),
          mean(g, ResultColumns.PRED_LABEL_RECALL, 0, n),
          mean(g, ResultColumns.PRED_KNN_RECALL, 0, n),
          mean(g, ResultColumns.PRED_CANDIDATES, 0, n),
          mean(g, ResultColumns.HASH_US, 0, n),
          mean(g, ResultColumns.LOOKUP_US, 0, n),
          mean(g, ResultColumns.UNION_US, 0, n),
          mean(g, ResultColumns.RERANK_US, 0, n),
          mean(g, ResultColumns.PRED_QUERY_US, 0, n), (Integer) key.get(9),
          integer(g.row(0), ResultColumns.KEY_BITS)));
    }
    return out;
  }

  /** An integer parameter, 0 when the row's family leaves it empty. */
  private static int integer(Row row, String column) {
    return row.isMissing(column) ? 0 : row.getInt(column);
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

  /** Median of a column over rows (repeats): one figure per quantity, robust like the rounds. */
  private static double median(Table t, String column) {
    double[] v = new double[t.rowCount()];
    for (int r = 0; r < v.length; r++) {
      v[r] = value(t, column, r);
    }
    return lshbench.eval.RoundStats.median(v);
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
