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
