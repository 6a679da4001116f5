package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import lshbench.data.Dataset;
import org.junit.jupiter.api.Test;

class HnswReferenceTest {
  @Test
  void agreesWithExactSearchAtLargeEfAndLosesRecallAtTinyEf() {
    Dataset data = TestData.gaussian(3000, 24, 11);
    int[] members = TestData.range(0, 2900);
    ExactIndex exact = new ExactIndex(data, members);
    HnswReference hnsw = HnswReference.build(data, members, 16, 200, 300);
    double wide = recall(hnsw, exact, data);
    assertTrue(wide >= 0.99, "recall at ef=300: " + wide);
    double narrow = recall(hnsw.withEf(10), exact, data);
    assertTrue(narrow < wide, "narrower search, lower recall: " + narrow + " vs " + wide);
    Neighbours n = hnsw.withEf(300).search(data.vector(2950), 10);
    for (int i = 1; i < n.size(); i++) {
      assertTrue(n.distances()[i - 1] <= n.distances()[i], "closest first");
    }
  }

  private static double recall(HnswReference hnsw, ExactIndex exact, Dataset data) {
    double hits = 0;
    for (int q = 2900; q < 3000; q++) {
      int[] truth = exact.search(data.vector(q), 10).ids();
      int[] got = hnsw.search(data.vector(q), 10).ids();
      hits += Arrays.stream(got).filter(id -> Arrays.stream(truth).anyMatch(t -> t == id)).count();
    }
    return hits / 1000;
  }

  @Test
  void invalidParametersAreNamed() {
    Dataset data = TestData.gaussian(10, 4, 1);
    assertEquals("hnsw M must be at least 2, got 1", assertThrows(IllegalArgumentException.class,
        () -> HnswReference.build(data, TestData.range(0, 10), 1, 10, 10)).getMessage());
  }
}
