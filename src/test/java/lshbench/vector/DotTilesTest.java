package lshbench.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DotTilesTest {
  /** Every short tile height, a partial last panel and rows picked through an id list. */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 16, 129, 1280})
  void everyDotMatchesADoublePrecisionSum(int d) {
    SplittableRandom rng = new SplittableRandom(d);
    int n = 2 * DotTiles.width() + 5;
    float[] b = random(rng, n * d);
    float[] a = random(rng, 11 * d);
    int[] ids = {10, 3, 7, 0, 9, 1, 2, 8, 4, 6, 5};
    float[] panels = DotTiles.pack(b, null, 0, n, d);
    assertEquals(DotTiles.packedLength(n, d), panels.length);
    DotTiles tiles = new DotTiles(d);
    for (int from = 0; from < ids.length; from += DotTiles.rows()) {
      int count = Math.min(DotTiles.rows(), ids.length - from);
      for (int p = 0; p < DotTiles.panels(n); p++) {
        float[] out = tiles.multiply(a, ids, from, count, panels, p);
        for (int i = 0; i < count; i++) {
          for (int j = 0; j < DotTiles.width(); j++) {
            int row = p * DotTiles.width() + j;
            double expected = row < n ? dot(a, ids[from + i] * d, b, row * d, d) : 0;
            assertEquals(expected, out[i * DotTiles.width() + j], 1e-4 * Math.sqrt(d),
                "a row " + ids[from + i] + ", b row " + row);
          }
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void packingThroughIdsTakesThoseRows() {
    int d = 5;
    float[] v = new float[4 * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    float[] panels = DotTiles.pack(v, new int[] {3, 1}, 0, 2, d);
    int w = DotTiles.width();
    for (int k = 0; k < d; k++) {
      assertEquals(v[3 * d + k], panels[k * w]);
      assertEquals(v[d + k], panels[k * w + 1]);
      assertEquals(0f, panels[k * w + 2], "columns past the rows are zero");
    }
  }

  @org.junit.jupiter.api.Test
  void rejectsATileOfNoRowsOrTooMany() {
    DotTiles tiles = new DotTiles(4);
    float[] panels = new float[DotTiles.packedLength(1, 4)];
    assertThrows(IllegalArgumentException.class,
        () -> tiles.multiply(new float[40], null, 0, 0, panels, 0));
    assertThrows(IllegalArgumentException.class,
        () -> tiles.multiply(new float[400], null, 0, DotTiles.rows() + 1, panels, 0));
  }

  private static float[] random(SplittableRandom rng, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }

  private static double dot(float[] a, int aOff, float[] b, int bOff, int d) {
    double s = 0;
    for (int k = 0; k < d; k++) {
      s += (double) a[aOff + k] * b[bOff + k];
    }
    return s;
  }
}
