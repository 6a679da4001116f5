package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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
}
