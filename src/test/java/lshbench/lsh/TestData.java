package lshbench.lsh;

import java.util.SplittableRandom;
import lshbench.data.Dataset;
import lshbench.data.Provenance;

/** Small random datasets for index tests. */
final class TestData {
  private TestData() {}

  static Dataset gaussian(int n, int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return new Dataset(v, d, null, null, null, new Provenance("test", "none", "gaussian", true));
  }

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /** Two unit vectors at angle theta, in a plane not aligned with the axes. */
  static Dataset pairAtAngle(int d, double theta) {
    double[] a = unit(d, 1);
    double[] b = unit(d, 2);
    double dot = 0;
    for (int i = 0; i < d; i++) {
      dot += a[i] * b[i];
    }
    double norm = 0;
    for (int i = 0; i < d; i++) {
      b[i] -= dot * a[i];
      norm += b[i] * b[i];
    }
    float[] v = new float[2 * d];
    for (int i = 0; i < d; i++) {
      v[i] = (float) a[i];
      v[d + i] = (float) (Math.cos(theta) * a[i] + Math.sin(theta) * b[i] / Math.sqrt(norm));
    }
    return new Dataset(v, d, null, null, null, new Provenance("test", "none", "two vectors", true));
  }

  private static double[] unit(int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[d];
    double s = 0;
    for (int i = 0; i < d; i++) {
      x[i] = rng.nextGaussian();
      s += x[i] * x[i];
    }
    for (int i = 0; i < d; i++) {
      x[i] /= Math.sqrt(s);
    }
    return x;
  }

  /**
   * A family's index over 3,000 Gaussian items at d = 40: every item is its own nearest
   * candidate, probing keeps every plain candidate, and probing raises recall on 40 queries.
   */
  static void assertItemsFindThemselvesAndProbesHelp(HashFamily f, Dataset data, int k, int tables) {
    int[] members = range(0, data.size());
    long[] sig = f.signatures(data, members, 2);
    BucketTable[] built = LshIndex.buildTables(f, sig, members, k, tables);
    LshIndex plain = new LshIndex(data, members.length, f, k, built, 0);
    LshIndex probed = new LshIndex(data, members.length, f, k, built, 8);
    for (int i = 0; i < data.size(); i += 37) {
      org.junit.jupiter.api.Assertions.assertEquals(i, plain.search(data.vector(i), 1).ids()[0],
          "an item is its own candidate");
    }
    Dataset queries = gaussian(40, data.dim(), 9);
    ExactIndex exact = new ExactIndex(data, members);
    double plainRecall = 0;
    double probedRecall = 0;
    for (int q = 0; q < 40; q++) {
      float[] query = queries.vector(q);
      java.util.Set<Integer> more = new java.util.HashSet<>();
      java.util.Arrays.stream(probed.candidates(query)).forEach(more::add);
      for (int c : plain.candidates(query)) {
        org.junit.jupiter.api.Assertions.assertTrue(more.contains(c),
            "probing loses no plain candidate");
      }
      java.util.Set<Integer> truth = new java.util.HashSet<>();
      java.util.Arrays.stream(exact.search(query, 10).ids()).forEach(truth::add);
      plainRecall += java.util.Arrays.stream(plain.search(query, 10).ids())
          .filter(truth::contains).count();
      probedRecall += java.util.Arrays.stream(probed.search(query, 10).ids())
          .filter(truth::contains).count();
    }
    org.junit.jupiter.api.Assertions.assertTrue(probedRecall > plainRecall,
        probedRecall + " vs " + plainRecall);
  }
}
