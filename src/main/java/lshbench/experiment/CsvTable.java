package lshbench.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lshbench.io.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A small CSV file whose header is one column list: the rows are checked against it and the
 * file is rewritten whole, atomically, through commons-csv.
 */
record CsvTable(List<String> columns) {
  CsvTable {
    columns = List.copyOf(columns);
  }

  /** Rewrites {@code file} with the header and {@code rows}; a row of the wrong width is refused. */
  void write(Path file, List<List<String>> rows) throws IOException {
    for (List<String> r : rows) {
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException(r.size() + " cells for " + columns.size() + " columns: " + r);
      }
    }
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader(columns.toArray(new String[0]))
        .setRecordSeparator('\n').build();
    AtomicFiles.writeText(file, w -> {
      try (CSVPrinter csv = new CSVPrinter(w, format)) {
        csv.printRecords(rows);
      }
    });
  }

  /** A number as the tables print it: fixed decimals, the same in every locale. */
  static String fmt(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
