package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import lshbench.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A total probe budget over all tables (FALCONN's num_probes), for every built-in family. */
class ProbeBudgetTest {
  private static final int D = 40;
  private static final int L = 6;
  private final Dataset data = TestData.gaussian(3000, D, 21);
  private final int[] members = TestData.range(0, 3000);
  private final Dataset queries = near(data, 40, 9);

  /** Queries a little off indexed items, so that neighbours are near and recall is meaningful. */
  private static Dataset near(Dataset data, int count, long seed) {
    Dataset noise = TestData.gaussian(count, data.dim(), seed);
    float[] v = new float[count * data.dim()];
    for (int q = 0; q < count; q++) {
      for (int j = 0; j < data.dim(); j++) {
        v[q * data.dim() + j] = data.vector(q * 61)[j] + 0.6f * noise.vector(q)[j];
      }
    }
    return new Dataset(v, data.dim(), null, null, null, data.provenance());
  }

  private HashFamily family(String name) {
    float[] mean = HyperplaneBank.mean(data, members);
    return switch (name) {
      case "hyperplane" -> new HyperplaneBank(D, 10, L, 5, mean);
      case "hyperplane-fht" -> new RotatedHyperplaneFamily(D, 10, L, 5, mean);
      case "crosspolytope" -> new CrossPolytopeFamily(D, 2, L, 5, mean);
      case "pca-hyperplane" -> PcaHyperplaneFamily.train(data, TestData.range(0, 1000), 16, 10, L, 5, 2);
      default -> throw new IllegalArgumentException(name);
    };
  }

  private LshIndex index(HashFamily f, int k, int probes, int budget) {
    long[] sig = f.signatures(data, members, 2);
    return new LshIndex(data, members.length, f, k, LshIndex.buildTables(f, sig, members, k, L),
        probes, null, budget);
  }

  private static int k(String family) {
    return family.equals("crosspolytope") ? 2 : 10;
  }

  @ParameterizedTest
  @ValueSource(strings = {"hyperplane", "hyperplane-fht", "crosspolytope", "pca-hyperplane"})
  void aBudgetOfOneProbePerTableIsPlainLsh(String name) {
    HashFamily f = family(name);
    LshIndex plain = index(f, k(name), 0, 0);
    LshIndex budget = index(f, k(name), 0, L);
    for (int q = 0; q < queries.size(); q++) {
      float[] query = queries.vector(q);
      assertArrayEquals(plain.candidates(query), budget.candidates(query));
      assertArrayEquals(plain.search(query, 10).ids(), budget.search(query, 10).ids());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hyperplane", "hyperplane-fht", "crosspolytope", "pca-hyperplane"})
  void recallGrowsWithTheBudgetAndLargerBudgetsVisitSupersets(String name) {
    HashFamily f = family(name);
    ExactIndex exact = new ExactIndex(data, members);
    int[] budgets = {L, 2 * L, 8 * L, 32 * L, 128 * L};
    double[] recall = new double[budgets.length];
    LshIndex[] indexes = new LshIndex[budgets.length];
    for (int b = 0; b < budgets.length; b++) {
      indexes[b] = index(f, k(name), 0, budgets[b]);
    }
    for (int q = 0; q < queries.size(); q++) {
      float[] query = queries.vector(q);
      Set<Integer> truth = new HashSet<>();
      Arrays.stream(exact.search(query, 10).ids()).forEach(truth::add);
      Set<Integer> smaller = Set.of();
      for (int b = 0; b < budgets.length; b++) {
        Set<Integer> got = new HashSet<>();
        Arrays.stream(indexes[b].candidates(query)).forEach(got::add);
        assertTrue(got.containsAll(smaller), name + ": budget " + budgets[b] + " loses a candidate");
        smaller = got;
        for (int id : indexes[b].search(query, 10).ids()) {
          recall[b] += truth.contains(id) ? 1.0 / (10 * queries.size()) : 0;
        }
      }
    }
    for (int b = 1; b < budgets.length; b++) {
      assertTrue(recall[b] >= recall[b - 1], name + " " + Arrays.toString(recall));
    }
    assertTrue(recall[budgets.length - 1] > recall[0] + 0.1, name + " " + Arrays.toString(recall));
  }

  @Test
  void theBudgetGoesToTheTableWhoseQuerySitsNearestItsPlanes() {
    SignBitBudgetProbes p = new SignBitBudgetProbes(2, 6);
    // Table 0: margins 0.1, 0.2, 3 (near two planes); table 1: 2, 2.5, 3 (deep in its bucket).
    p.table(0, 0b000L, new double[] {0.1, 0.2, 3}, 3);
    p.table(1, 0b111L, new double[] {2, 2.5, 3}, 3);
    long[] keys = new long[6];
    int[] table = new int[6];
    assertEquals(6, p.keys(3, 2, 6, keys, table));
    // Own buckets, then {0}=.01 {1}=.04 {0,1}=.05 in table 0, then {0}=4 in table 1.
    assertArrayEquals(new long[] {0b000L, 0b111L, 0b001L, 0b010L, 0b011L, 0b110L}, keys);
    assertArrayEquals(new int[] {0, 1, 0, 0, 0, 1}, table);
  }

  @Test
  void aBudgetBelowLOrBesidePerTableProbesIsRefused() {
    HashFamily f = family("hyperplane");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> index(f, 10, 0, L - 1));
    assertTrue(e.getMessage().contains("at least L = " + L), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> index(f, 10, 2, 3 * L));
  }

  @Test
  void aFamilyWithoutComparableScoresSpreadsTheBudgetEvenly() {
    HyperplaneBank bank = new HyperplaneBank(D, 10, L, 5, null);
    HashFamily plainDefault = new HashFamily() {
      public String describe() { return "wrapped"; }
      public int dim() { return D; }
      public int tables() { return L; }
      public int maxK() { return 10; }
      public int bitsPerFunction() { return 1; }
      public long[] signatures(Dataset d, int[] m, int t) { return bank.signatures(d, m, t); }
      public int queryKeys(float[] q, int k, int t, int p, long[] keys, int[] of) {
        return bank.queryKeys(q, k, t, p, keys, of);
      }
      public long bytesFor(int k, int t) { return bank.bytesFor(k, t); }
    };
    long[] keys = new long[3 * L + 2];
    int[] of = new int[keys.length];
    assertEquals(keys.length, plainDefault.queryKeysTotal(queries.vector(0), 10, L, keys.length, keys, of));
    long[] own = new long[L];
    bank.queryKeys(queries.vector(0), 10, L, 0, own, new int[L]);
    assertArrayEquals(own, Arrays.copyOf(keys, L), "own buckets first");
    int[] perTable = new int[L];
    for (int t : of) {
      perTable[t]++;
    }
    for (int count : perTable) {
      assertTrue(count == 3 || count == 4, Arrays.toString(perTable));
    }
  }
}
