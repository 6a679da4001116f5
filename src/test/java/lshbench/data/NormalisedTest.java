package lshbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lshbench.vector.VectorOps;
import org.junit.jupiter.api.Test;

/** Cosine needs a direction: normalising refuses vectors without one, by item. */
class NormalisedTest {
  private static Dataset of(float[] v, int d) {
    int n = v.length / d;
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "row" + i;
    }
    return new Dataset(v, d, null, new String[0], ids, new Provenance("test", "none", "", false));
  }

  @Test
  void unitLengthForEveryItemWithADirection() {
    Dataset unit = of(new float[] {3, 4, 0, -2, 1e-30f, 0}, 2).normalised();
    for (int i = 0; i < unit.size(); i++) {
      assertEquals(1.0, VectorOps.norm(unit.vectors(), unit.offset(i), unit.dim()), 1e-6);
    }
  }

  @Test
  void allZeroVectorsAreRefusedNamingTheFirstWithACount() {
    Dataset data = of(new float[] {3, 4, 0, 0, 1, 1, 0, 0, 0, 0}, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, data::normalised);
    assertTrue(e.getMessage().contains("item 1 (row1) is an all-zero vector (3 such items in 5)"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }
}
