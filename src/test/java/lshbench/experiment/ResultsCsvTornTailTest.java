package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever a kill leaves at the end of the partial file, resume keeps exactly the whole rows. */
class ResultsCsvTornTailTest {
  @TempDir
  Path dir;

  /** A row whose provenance is quoted (it holds commas) and whose last column is 6.06519. */
  private static List<String> row(int k) {
    List<String> r = new ArrayList<>();
    for (String c : ResultColumns.ALL) {
      r.add(switch (c) {
        case ResultColumns.PROVENANCE -> "SYNTHETIC vectors (12 classes, n=480, d=64)";
        case ResultColumns.K -> String.valueOf(k);
        case ResultColumns.PRED_QUERY_US -> "6.06519";
        default -> "1";
      });
    }
    assertEquals(ResultColumns.PRED_QUERY_US, ResultColumns.ALL.get(ResultColumns.ALL.size() - 1),
        "the test cuts digits of the last column");
    return r;
  }

  /** The partial file a run writes after {@code rows} rows, as text. */
  private String partialWith(int rows) throws IOException {
    Path folder = Files.createTempDirectory(dir, "run");
    try (ResultsCsv csv = new ResultsCsv(folder)) {
      for (int k = 1; k <= rows; k++) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        List<String> r = row(k);
        for (int i = 0; i < r.size(); i++) {
          m.put(ResultColumns.ALL.get(i), r.get(i));
        }
        csv.add(m);
      }
    }
    return Files.readString(folder.resolve(ResultsCsv.PARTIAL));
  }

  private Map<String, List<String>> finishedAfter(String partial) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("killed"));
    Files.writeString(folder.resolve(ResultsCsv.PARTIAL), partial, StandardCharsets.UTF_8);
    return ResultsCsv.finishedRows(folder);
  }

  private static void assertFirstRowsKept(int rows, Map<String, List<String>> finished) {
    assertEquals(rows, finished.size(), finished.keySet().toString());
    List<List<String>> kept = new ArrayList<>(finished.values());
    for (int k = 1; k <= rows; k++) {
      assertEquals(row(k), kept.get(k - 1));
    }
  }

  @Test
  void aRowTornInsideAQuotedFieldIsDroppedAndTheEarlierRowsKept() throws IOException {
    String whole = partialWith(3);
    int quote = whole.indexOf('"', partialWith(2).length());
    // cut after "SYNTHETIC vectors (12 classes, n=4" of the third row
    assertFirstRowsKept(2, finishedAfter(whole.substring(0, quote + 35)));
  }

  @Test
  void aLastRowWithAllColumnsButNoNewlineIsDropped() throws IOException {
    String whole = partialWith(3);
    assertTrue(whole.endsWith(",6.06519\n"), whole);
    // 6.06519 cut to 6.06: every column present, but the row never ended
    assertFirstRowsKept(2, finishedAfter(whole.substring(0, whole.length() - 4)));
    assertFirstRowsKept(2, finishedAfter(whole.substring(0, whole.length() - 1)));
    assertFirstRowsKept(3, finishedAfter(whole));
  }

  @Test
  void anyCutKeepsExactlyTheRowsWhoseNewlineWasWritten() throws IOException {
    String whole = partialWith(3);
    for (int cut = 0; cut <= whole.length(); cut++) {
      String part = whole.substring(0, cut);
      int rows = (int) part.chars().filter(c -> c == '\n').count() - 1;
      assertFirstRowsKept(Math.max(0, rows), finishedAfter(part));
    }
  }

  @Test
  void aCutMultiByteCharacterLosesOnlyItsRow() throws IOException {
    String whole = partialWith(2) + "sweep,synthetic,\"caf\u00e9";
    byte[] bytes = whole.getBytes(StandardCharsets.UTF_8);
    Path folder = Files.createTempDirectory(dir, "utf8");
    Files.write(folder.resolve(ResultsCsv.PARTIAL), java.util.Arrays.copyOf(bytes,
        bytes.length - 1));
    assertFirstRowsKept(2, ResultsCsv.finishedRows(folder));
  }
}
