package lshbench.family;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The seeded rows a data-aware family (or a learned rerank subspace) is trained on. */
public final class TrainingSample {
  private TrainingSample() {}

  /** A seeded draw of {@code n} members (all of them when there are fewer), in row order. */
  public static int[] draw(int[] members, int n, long seed) {
    if (n >= members.length) {
      return members.clone();
    }
    int[] copy = members.clone();
    SplittableRandom rng = new SplittableRandom(seed ^ 0x3C6EF372FE94F82AL);
    for (int i = 0; i < n; i++) {
      int j = i + rng.nextInt(copy.length - i);
      int t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    int[] out = Arrays.copyOf(copy, n);
    Arrays.sort(out);
    return out;
  }
}
