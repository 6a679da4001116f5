package lshbench.experiment;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lshbench.io.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A run's results in ann-benchmarks' terms, one row per configuration: recall@n against the
 * published neighbours and queries a second, the two axes of its plots, with the column names
 * of its {@code data_export.py} CSV so the points can be set beside its published runs.
 */
final class AnnBenchmarksPairs {
  static final String FILE = "ann-benchmarks.csv";
  static final List<String> COLUMNS = List.of("algorithm", "parameters", "dataset", "count",
      "k-nn", "qps");

  private AnnBenchmarksPairs() {}

  /** Reads {@code results.csv} in {@code folder} and writes {@link #FILE} beside it. */
  static Path write(Path folder) throws IOException {
    Path out = folder.resolve(FILE);
    try (Reader r = Files.newBufferedReader(folder.resolve(ResultsCsv.FILE));
        CSVParser rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
            .parse(r)) {
      List<CSVRecord> records = rows.getRecords();
      AtomicFiles.writeText(out, w -> {
        try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder()
            .setHeader(COLUMNS.toArray(new String[0])).setRecordSeparator('\n').build())) {
          for (CSVRecord row : records) {
            csv.printRecord("lshbench-" + row.get(ResultColumns.FAMILY), parameters(row),
                row.get(ResultColumns.DATASET), row.get(ResultColumns.TOP_N),
                row.get(ResultColumns.KNN_RECALL), row.get(ResultColumns.QPS));
          }
        }
      });
    }
    return out;
  }

  private static String parameters(CSVRecord row) {
    if (row.get(ResultColumns.FAMILY).equals(ResultColumns.EXACT_FAMILY)) {
      return "exact scan"; // ann-benchmarks lists its brute force beside the indexes, too
    }
    if (!row.get(ResultColumns.HNSW_EF).isEmpty()) {
      return String.format(Locale.ROOT, "M=%s efConstruction=%s ef=%s", row.get(ResultColumns.HNSW_M),
          row.get(ResultColumns.HNSW_EF_CONSTRUCTION), row.get(ResultColumns.HNSW_EF));
    }
    String keep = row.get(ResultColumns.RERANK_KEEP);
    String last = row.isMapped(ResultColumns.LAST_CP_DIM) ? row.get(ResultColumns.LAST_CP_DIM) : "";
    return String.format(Locale.ROOT, "k=%s%s L=%s probes=%s%s", row.get(ResultColumns.K),
        last.isEmpty() ? "" : " last_cp_dim=" + last + " bits=" + row.get(ResultColumns.KEY_BITS),
        row.get(ResultColumns.L), row.get(ResultColumns.PROBES),
        keep.isEmpty() || keep.equals("0") ? "" : " rerank_keep=" + keep);
  }
}
