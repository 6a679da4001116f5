package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lshbench.config.Settings;
import lshbench.data.Dataset;
import lshbench.data.TexmexFormat;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.Neighbours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export FAISS reads: files read back, and ground truth is the exact scan's, by position. */
class CompareExportTest {
  @TempDir
  Path dir;

  @Test
  void exportedFilesReadBackAndGroundTruthIsTheExactScan() throws IOException {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("type", "compare");
    m.put("k", "2,6");
    m.put("L", "1,4");
    SweepConfig config = SweepConfig.from(Settings.of("compare", m));
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    Path out = new CompareExport(config, quiet).run();

    Dataset data = Workbench.loadDataset(config, quiet).data();
    Workbench bench = Workbench.prepare(config, data, quiet);
    int[] members = bench.split().members();
    int[] queries = bench.split().queries();
    float[][] base = TexmexFormat.readFvecs(out.resolve("base.fvecs"));
    float[][] query = TexmexFormat.readFvecs(out.resolve("query.fvecs"));
    int[][] gt = TexmexFormat.readIvecs(out.resolve("groundtruth.ivecs"));
    assertEquals(members.length, base.length);
    assertEquals(queries.length, query.length);
    assertEquals(queries.length, gt.length);
    for (int i = 0; i < members.length; i++) {
      assertArrayEquals(data.vector(members[i]), base[i]);
    }
    ExactIndex exact = new ExactIndex(data, members);
    for (int q = 0; q < queries.length; q++) {
      assertArrayEquals(data.vector(queries[q]), query[q]);
      Neighbours truth = exact.search(data.vector(queries[q]), 10);
      assertEquals(10, gt[q].length);
      for (int j = 0; j < 10; j++) {
        assertEquals(truth.ids()[j], members[gt[q][j]], "query " + q + " rank " + j);
      }
    }

    List<String> csv = Files.readAllLines(out.resolve("lshbench.csv"));
    assertTrue(csv.get(1).startsWith("exact,"), csv.get(1));
    int batchRows = config.threads() > 1 ? 2 : 1;
    assertEquals(1 + 1 + batchRows + 4 + CompareExport.TARGETS.length, csv.size(),
        String.join("\n", csv));
    int columns = csv.get(0).split(",", -1).length;
    for (String line : csv) {
      assertEquals(columns, line.split(",", -1).length, "every row has every column: " + line);
    }
    assertTrue(csv.get(2).startsWith("exact-batch,") && csv.get(2).endsWith(",1"), csv.get(2));
    assertTrue(Files.readString(out.resolve("meta.json")).contains("\"n_base\": " + members.length));
    assertEquals("complete", Files.readString(out.resolve(RunFolder.STATUS)).strip());
  }
}
