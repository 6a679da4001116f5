package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import lshbench.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopKTest {
  @Test
  void keepsTheSmallestWithTiesBrokenByIdLikeASort() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + rng.nextInt(20);
      int count = rng.nextInt(200);
      long[] all = new long[count];
      TopK top = new TopK(n);
      for (int i = 0; i < count; i++) {
        float dist = rng.nextInt(30); // many ties
        top.offer(i, dist);
        all[i] = ((long) Float.floatToIntBits(dist) << 32) | i;
      }
      Arrays.sort(all);
      int[] expected = Arrays.stream(Arrays.copyOf(all, Math.min(n, count)))
          .mapToInt(p -> (int) p).toArray();
      assertArrayEquals(expected, top.drain(count).ids());
    }
  }

  /**
   * The exact scan reads short rows one at a time and long ones four at a time: both must leave
   * the same heap to the bit, ties included, or the answer would depend on the dimension's side
   * of the switch. Counts off a multiple of four exercise the four-row tail.
   */
  @ParameterizedTest
  @ValueSource(ints = {3, 17, 128, 129, 1280})
  void oneRowAndFourRowOffersLeaveTheSameHeap(int d) {
    Dataset data = TestData.gaussian(203, d, d);
    float[] v = data.vectors().clone();
    System.arraycopy(v, 5 * d, v, 9 * d, d); // an exact tie between rows 5 and 9
    int[] ids = TestData.range(3, 203);
    float[] query = data.vector(0);
    for (int n : new int[] {1, 6, 50}) {
      TopK each = new TopK(n);
      TopK four = new TopK(n);
      each.offerEach(query, 0, v, d, ids, ids.length);
      four.offerRows(query, 0, v, d, ids, ids.length);
      Neighbours a = each.drain(ids.length);
      Neighbours b = four.drain(ids.length);
      assertArrayEquals(b.ids(), a.ids(), "d=" + d + " n=" + n);
      assertArrayEquals(b.distances(), a.distances(), "d=" + d + " n=" + n);
    }
  }
}
