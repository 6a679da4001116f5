package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lshbench.config.ConfigException;
import lshbench.config.Settings;
import lshbench.data.Dataset;
import lshbench.family.BuildInput;
import lshbench.family.FamilyRegistry;
import lshbench.family.LshFamilySpec;
import lshbench.family.Theory;
import lshbench.family.TheoryInput;
import lshbench.lsh.HashFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A family added from outside: the spec and its hash functions live in this test, the
 * registry takes them with one call, and a sweep measures them like any shipped family.
 */
class RegistryExtensionTest {
  @TempDir
  Path dir;

  /** The sign of one random coordinate (after centring) per function: weak, but real LSH. */
  static final class CoordinateSignSpec extends LshFamilySpec<Void> {
    @Override
    public String name() {
      return "coordinate-sign";
    }

    @Override
    public String tag() {
      return "cs";
    }

    @Override
    public String summary() {
      return "sign of a random coordinate per function (a test family)";
    }

    @Override
    public int bitsPerFunction(int dim) {
      return 1;
    }

    @Override
    protected Void options(Settings s) {
      return null;
    }

    @Override
    public HashFamily build(Void options, BuildInput in, int maxK, int maxL, long seed) {
      return new CoordinateSigns(in.data().dim(), maxK, maxL, seed, in.centre());
    }

    @Override
    public Theory theory(Void options, TheoryInput in, HashFamily built) {
      return null;
    }
  }

  static final class CoordinateSigns implements HashFamily {
    private final int dim;
    private final int maxK;
    private final int tables;
    private final int[] coordinate;
    private final float[] centre;

    CoordinateSigns(int dim, int maxK, int tables, long seed, float[] centre) {
      this.dim = dim;
      this.maxK = maxK;
      this.tables = tables;
      this.centre = centre;
      SplittableRandom rng = new SplittableRandom(seed);
      coordinate = rng.ints(maxK * tables, 0, dim).toArray();
    }

    private long key(float[] v, int offset, int table, int k) {
      long key = 0;
      for (int j = 0; j < k; j++) {
        int c = coordinate[table * maxK + j];
        if (v[offset + c] > (centre == null ? 0 : centre[c])) {
          key |= 1L << j;
        }
      }
      return key;
    }

    @Override
    public String describe() {
      return "signs of random coordinates";
    }

    @Override
    public int dim() {
      return dim;
    }

    @Override
    public int tables() {
      return tables;
    }

    @Override
    public int maxK() {
      return maxK;
    }

    @Override
    public int bitsPerFunction() {
      return 1;
    }

    @Override
    public long[] signatures(Dataset data, int[] members, int threads) {
      long[] out = new long[members.length * tables];
      for (int i = 0; i < members.length; i++) {
        for (int t = 0; t < tables; t++) {
          out[i * tables + t] = key(data.vectors(), members[i] * dim, t, maxK);
        }
      }
      return out;
    }

    @Override
    public int queryKeys(float[] query, int k, int usedTables, int probes, long[] keys,
        int[] tableOf) {
      for (int t = 0; t < usedTables; t++) {
        keys[t] = key(query, 0, t, k);
        tableOf[t] = t;
      }
      return usedTables;
    }

    @Override
    public long bytesFor(int k, int usedTables) {
      return 4L * k * usedTables;
    }
  }

  private SweepConfig config(Map<String, String> m) {
    return SweepConfig.from(Settings.of("extension", m),
        FamilyRegistry.standard().with(new CoordinateSignSpec()));
  }

  @Test
  void aFamilyFromTheTestSourcesIsSweptBesideAShippedOne() throws IOException {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("families", "coordinate-sign, hyperplane");
    m.put("repeats", "1");
    m.put("coordinate-sign.k", "2,4");
    m.put("coordinate-sign.L", "1,8");
    SweepRunner.Result r = new SweepRunner(config(m), new PrintStream(new ByteArrayOutputStream()))
        .run();
    List<Map<String, String>> rows = SweepDeterminismTest.configRows(r.csv());
    List<Map<String, String>> ours = rows.stream()
        .filter(x -> x.get("family").equals("coordinate-sign")).toList();
    assertEquals(4, ours.size(), "its own 2 k × 2 L grid");
    assertEquals(6, rows.size() - ours.size(), "hyperplane keeps the shared 3 k × 2 L grid");
    for (Map<String, String> row : ours) {
      assertEquals(row.get("k"), row.get("key_bits"));
      assertTrue(row.get("predicted_knn_recall").isEmpty(), "no theory, no prediction: " + row);
      double recall = Double.parseDouble(row.get("knn_recall"));
      assertTrue(recall > 0 && recall <= 1, row.toString());
    }
    // More tables only add candidates: recall at L = 8 is at least that at L = 1, for each k.
    for (String k : List.of("2", "4")) {
      double one = recallAt(ours, k, "1");
      double eight = recallAt(ours, k, "8");
      assertTrue(eight >= one, "k=" + k + ": L=8 " + eight + " vs L=1 " + one);
    }
  }

  @Test
  void theFamilyIsKnownOnlyToTheRegistryThatHasIt() {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("families", "coordinate-sign");
    ConfigException e = assertThrows(ConfigException.class,
        () -> SweepConfig.from(Settings.of("extension", m)));
    assertTrue(e.getMessage().startsWith("families: 'coordinate-sign' is not a family"),
        e.getMessage());
    assertTrue(SweepConfig.keys("sweep", FamilyRegistry.standard().with(new CoordinateSignSpec()))
        .stream().anyMatch(k -> k.name().equals("coordinate-sign.L")), "its keys are listed");
  }

  private static double recallAt(List<Map<String, String>> rows, String k, String l) {
    return rows.stream().filter(x -> x.get("k").equals(k) && x.get("L").equals(l))
        .mapToDouble(x -> Double.parseDouble(x.get("knn_recall"))).findFirst().orElseThrow();
  }
}
