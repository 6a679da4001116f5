package lshbench.experiment;

import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import lshbench.io.AtomicFiles;

/**
 * Writes sweep rows. Each row is appended and flushed to {@code results.csv.partial} as soon
 * as its configuration finishes, so a killed run keeps what it measured; {@link #finish}
 * writes the complete {@code results.csv} atomically and removes the partial file.
 */
public final class ResultsCsv implements Closeable {
  public static final String FILE = "results.csv";
  public static final String PARTIAL = "results.csv.partial";

  private static final MathContext SIGNIFICANT = new MathContext(6);

  private final Path folder;
  private final CSVPrinter partial;
  private final List<List<String>> rows = new ArrayList<>();

  public ResultsCsv(Path folder) throws IOException {
    this.folder = folder;
    BufferedWriter w = Files.newBufferedWriter(folder.resolve(PARTIAL), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.partial = new CSVPrinter(w, format());
  }

  private ResultsCsv(Path folder, List<List<String>> kept) throws IOException {
    this.folder = folder;
    Path file = folder.resolve(PARTIAL);
    // Rewrite the partial file with only its complete rows, then keep appending to it.
    AtomicFiles.writeText(file, w -> {
      try (CSVPrinter out = new CSVPrinter(w, format())) {
        for (List<String> r : kept) {
          out.printRecord(r);
        }
      }
    });
    BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    this.partial = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').build());
  }

  /**
   * Reads the rows a killed run finished, keyed by their parameter columns. A row cut short by the kill
   * (wrong field count, unparsable) is dropped and will be recomputed.
   */
  public static Map<String, List<String>> finishedRows(Path folder) throws IOException {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    Path file = folder.resolve(PARTIAL);
    if (!Files.isRegularFile(file)) {
      return out;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      try (org.apache.commons.csv.CSVParser p = CSVFormat.RFC4180.parse(new java.io.StringReader(lines.get(i)))) {
        List<org.apache.commons.csv.CSVRecord> recs = p.getRecords();
        if (recs.size() != 1 || recs.get(0).size() != ResultColumns.ALL.size()) {
          continue;
        }
        List<String> row = recs.get(0).toList();
        out.put(key(row), row);
      } catch (IOException | IllegalStateException | IllegalArgumentException e) {
        // a torn last line
      }
    }
    return out;
  }

  private static String key(List<String> row) {
    StringBuilder b = new StringBuilder();
    for (String c : ResultColumns.PARAMETERS) {
      b.append(row.get(ResultColumns.ALL.indexOf(c))).append('/');
    }
    return b.toString();
  }

  /** The identity of a configuration's row, from its parameter columns (absent = empty). */
  public static String key(Map<String, Object> parameters) {
    StringBuilder b = new StringBuilder();
    for (String c : ResultColumns.PARAMETERS) {
      b.append(format(parameters.get(c))).append('/');
    }
    return b.toString();
  }

  /** Continues a killed run's partial file with its finished rows kept. */
  public static ResultsCsv resume(Path folder, Map<String, List<String>> finished) throws IOException {
    return new ResultsCsv(folder, new ArrayList<>(finished.values()));
  }

  /** Re-adds a row finished by the killed run, at its place in the sweep order. */
  public void addFinished(List<String> row) {
    rows.add(row);
  }

  static CSVFormat format() {
    return CSVFormat.RFC4180.builder().setHeader(ResultColumns.ALL.toArray(new String[0]))
        .setRecordSeparator('\n').build();
  }

  /** Appends one row given as column → value; every column must be present. */
  public void add(Map<String, Object> row) throws IOException {
    if (!row.keySet().containsAll(ResultColumns.ALL) || row.size() != ResultColumns.ALL.size()) {
      throw new IllegalArgumentException("row columns " + row.keySet() + " != " + ResultColumns.ALL);
    }
    List<String> values = new ArrayList<>();
    for (String column : ResultColumns.ALL) {
      values.add(format(row.get(column)));
    }
    rows.add(values);
    partial.printRecord(values);
    partial.flush();
  }

  /** Numbers locale-free; doubles to 6 significant digits, plain notation; NaN as empty. */
  static String format(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        return "";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "Infinity" : "-Infinity";
      }
      return new BigDecimal(d).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(v);
  }

  /** Writes the complete CSV atomically and removes the partial file. */
  public Path finish() throws IOException {
    partial.close();
    Path file = folder.resolve(FILE);
    AtomicFiles.writeText(file, w -> {
      try (CSVPrinter out = new CSVPrinter(w, format())) {
        for (List<String> r : rows) {
          out.printRecord(r);
        }
      }
    });
    Files.deleteIfExists(folder.resolve(PARTIAL));
    return file;
  }

  @Override
  public void close() throws IOException {
    partial.close();
  }
}
