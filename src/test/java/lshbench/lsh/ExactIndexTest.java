package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import lshbench.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExactIndexTest {
  /** Odd dimensions exercise the unrolled kernels' tails. */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 64, 129})
  void agreesWithNaiveSortInDoublePrecision(int d) {
    Dataset data = TestData.gaussian(400, d, d);
    int[] members = TestData.range(20, 400);
    ExactIndex index = new ExactIndex(data, members);
    float[] queries = new float[20 * d];
    for (int q = 0; q < 20; q++) {
      System.arraycopy(data.vectors(), q * d, queries, q * d, d);
    }
    Neighbours[] batch = index.searchBatch(queries, 10, 2);
    for (int q = 0; q < 20; q++) {
      float[] query = data.vector(q);
      Integer[] order = Arrays.stream(members).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble(id -> naive(data, query, id)));
      int[] expected = Arrays.stream(order).limit(10).mapToInt(Integer::intValue).toArray();
      Neighbours got = index.search(query, 10);
      assertArrayEquals(expected, got.ids(), "query " + q);
      assertArrayEquals(got.ids(), batch[q].ids(), "batch and single agree, query " + q);
      assertEquals(naive(data, query, expected[0]), got.distances()[0], 1e-4 * (1 + got.distances()[0]));
      for (int i = 1; i < got.size(); i++) {
        assertEquals(true, got.distances()[i - 1] <= got.distances()[i], "sorted by distance");
      }
    }
  }

  /**
   * Query counts around the tile height and an item count off the panel width: every short
   * tile, every thread split. Distances must match to the bit, so the expanded form's rounding
   * never leaks out of the batch search.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 5, 6, 7, 13, 40})
  void batchMatchesSingleQueriesToTheBit(int count) {
    int d = 37;
    Dataset data = TestData.gaussian(700, d, count);
    int[] members = TestData.range(count, 700 - 3);
    ExactIndex index = new ExactIndex(data, members);
    float[] queries = Arrays.copyOf(data.vectors(), count * d);
    for (int threads : new int[] {1, 2, 3}) {
      Neighbours[] batch = index.searchBatch(queries, 10, threads);
      assertEquals(count, batch.length);
      assertEquals(0, index.lastFallbacks(), "the rounding bound certifies Gaussian data");
      for (int q = 0; q < count; q++) {
        Neighbours single = index.search(data.vector(q), 10);
        assertArrayEquals(single.ids(), batch[q].ids(), "query " + q + ", threads " + threads);
        assertArrayEquals(single.distances(), batch[q].distances(), 0f, "query " + q);
      }
    }
  }

  /**
   * Eighty copies of one point, more than a query keeps: the expanded distances tie within rounding, the bound cannot
   * certify the kept ones, and those queries fall back to a direct scan with the same answer.
   */
  @org.junit.jupiter.api.Test
  void tiesBeyondTheRoundingBoundFallBackToADirectScan() {
    int d = 16;
    float[] v = new float[100 * d];
    java.util.Random rng = new java.util.Random(5);
    for (int i = 0; i < 100; i++) {
      for (int j = 0; j < d; j++) {
        v[i * d + j] = i < 80 ? 1.5f + j * 0.01f : (float) rng.nextGaussian() * 4;
      }
    }
    Dataset data = new Dataset(v, d, null, null, null,
        new lshbench.data.Provenance("test", "none", "ties", true));
    ExactIndex index = new ExactIndex(data, TestData.range(0, 100));
    float[] query = new float[d];
    Arrays.fill(query, 1.4f);
    Neighbours[] batch = index.searchBatch(query, 30, 1);
    assertEquals(1, index.lastFallbacks());
    assertArrayEquals(index.search(query, 30).ids(), batch[0].ids());
  }

  @org.junit.jupiter.api.Test
  void roundingBoundGrowsWithDimensionAndNorms() {
    assertEquals(true, ExactIndex.roundingBound(4096, 1, 1) > 4 * 4096 * 5.9e-8);
    assertEquals(true, ExactIndex.roundingBound(4096, 4, 1) > ExactIndex.roundingBound(4096, 1, 1));
    assertEquals(true, ExactIndex.roundingBound(128, 1, 1) < ExactIndex.roundingBound(4096, 1, 1));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -3})
  void rejectsNonPositiveN(int n) {
    Dataset data = TestData.gaussian(10, 4, 1);
    ExactIndex index = new ExactIndex(data, TestData.range(0, 10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> index.search(data.vector(0), n));
    assertEquals("n must be positive, got " + n, e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void rejectsWrongDimension() {
    Dataset data = TestData.gaussian(10, 4, 1);
    ExactIndex index = new ExactIndex(data, TestData.range(0, 10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> index.search(new float[5], 3));
    assertEquals("query has dimension 5, index has 4", e.getMessage());
  }

  private static double naive(Dataset data, float[] q, int id) {
    double s = 0;
    for (int j = 0; j < data.dim(); j++) {
      double t = q[j] - data.vectors()[id * data.dim() + j];
      s += t * t;
    }
    return s;
  }
}
