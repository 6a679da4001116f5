package lshbench.experiment;

import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
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
   * Reads the rows a killed run finished, keyed by their parameter columns. A kill can cut
   * the file anywhere, inside a quoted field too, so a row counts as finished only when the
   * newline after it was written and it has every column: a last row cut between digits
   * would otherwise read as a valid, wrong number. Everything else is dropped and recomputed;
   * a partial file whose header is not this version's columns keeps no rows. Without a
   * partial file, the rows of a finished {@code results.csv} are all finished.
   */
  public static Map<String, List<String>> finishedRows(Path folder) throws IOException {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    Path file = folder.resolve(PARTIAL);
    if (!Files.isRegularFile(file)) {
      // no partial file: either nothing was measured, or results.csv (written whole) holds it all
      file = folder.resolve(FILE);
      if (!Files.isRegularFile(file)) {
        return out;
      }
    }
    // decoded leniently: a kill can cut a multi-byte character, and only its row is lost
    String text = completeRecords(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    try (CSVParser p = CSVFormat.RFC4180.parse(new StringReader(text))) {
      java.util.Iterator<CSVRecord> records = p.iterator();
      if (!records.hasNext() || !records.next().toList().equals(ResultColumns.ALL)) {
        return out;
      }
      while (records.hasNext()) {
        CSVRecord r = records.next();
        if (r.size() == ResultColumns.ALL.size()) {
          out.put(key(r.toList()), r.toList());
        }
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      // Damage inside the file rather than a torn tail: the rows read before it stay valid.
    }
    return out;
  }

  /** The text up to the last newline outside quotes: the records whose end was written. */
  static String completeRecords(String text) {
    boolean quoted = false;
    int end = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        // a doubled quote inside a field toggles twice, so it leaves the state as it was
        quoted = !quoted;
      } else if (c == '\n' && !quoted) {
        end = i + 1;
      }
    }
    return text.substring(0, end);
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
    try {
      partial.printRecord(values);
      partial.flush();
    } catch (IOException e) {
      // a full disk: say which file, so the failed status tells the user where
      throw new IOException(folder.resolve(PARTIAL) + ": " + e.getMessage(), e);
    }
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
