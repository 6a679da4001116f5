package lshbench.embed;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lshbench.data.images.Skipped;
import lshbench.io.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The skipped-file list as CSV ({@code path,reason}), so that a person can open it next to the
 * results and a cache can give it back on a hit. Reasons contain commas; commons-csv quotes them.
 */
public final class SkippedCsv {
  private static final String[] HEADER = {"path", "reason"};
  // commons-csv prints the header only when not told to skip it, so writing and reading differ
  private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setHeader(HEADER).build();
  private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader()
      .setSkipHeaderRecord(true).build();

  private SkippedCsv() {}

  public static void write(Path file, List<Skipped> skipped) throws IOException {
    AtomicFiles.writeText(file, out -> {
      try (CSVPrinter csv = new CSVPrinter(out, WRITE)) {
        for (Skipped s : skipped) {
          csv.printRecord(s.path(), s.reason());
        }
      }
    });
  }

  /**
   * Reads a list written by {@link #write}. Any damage (a torn quoted field, bytes that are not
   * UTF-8, a wrong header or field count) is an {@link IOException} whose one-line message
   * names the file; commons-csv's own unchecked exceptions name nothing.
   */
  public static List<Skipped> read(Path file) throws IOException {
    try {
      return parse(file);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException(file + ": not UTF-8 text (damaged skipped list)", e);
    } catch (java.io.UncheckedIOException e) {
      throw new IOException(file + ": damaged skipped list: " + e.getCause().getMessage(), e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new IOException(file + ": damaged skipped list: " + e.getMessage(), e);
    }
  }

  private static List<Skipped> parse(Path file) throws IOException {
    List<Skipped> out = new ArrayList<>();
    try (Reader in = lshbench.io.TextFiles.reader(file)) {
      var parser = READ.parse(in);
      if (!parser.getHeaderNames().equals(java.util.List.of(HEADER))) {
        throw new IOException(file + ": header " + parser.getHeaderNames() + ", expected "
            + "path,reason");
      }
      for (CSVRecord r : parser) {
        if (r.size() != 2) {
          throw new IOException(file + ": line " + r.getRecordNumber() + " has " + r.size()
              + " fields, expected path,reason");
        }
        out.add(new Skipped(r.get(0), r.get(1)));
      }
    }
    return out;
  }
}
