package lshbench.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lshbench.data.Dataset;
import lshbench.features.FeatureCache;
import lshbench.features.GeometricVerifier;
import lshbench.features.LocalFeatures;
import lshbench.features.OrbExtractor;
import lshbench.features.Verification;
import lshbench.lsh.NearPairs;

/**
 * A run of consecutive candidate pairs (from pair {@code start}) with their images' paths: one
 * verification task. Its checks travel back as 9 doubles a pair (a Verification is a record the
 * core does not make serialisable; every field is an int, a double or a flag, exact in a double).
 */
record PairBlock(int start, int[] first, int[] second, String[] firstId, String[] secondId)
    implements Serializable {
  private static final int FIELDS = 9;

  /** A block's pairs at most: its task holds the keypoints of up to twice as many images. */
  static final int MAX_PAIRS = 2000;

  /** The pairs in at least {@code parts} consecutive blocks, in order. */
  static List<PairBlock> split(NearPairs pairs, Dataset data, int parts) {
    int size = Math.min(MAX_PAIRS, SparkSweep.blockSize(pairs.size(), parts));
    List<PairBlock> out = new ArrayList<>();
    for (int s = 0; s < pairs.size(); s += size) {
      int n = Math.min(size, pairs.size() - s);
      int[] a = new int[n];
      int[] b = new int[n];
      String[] ia = new String[n];
      String[] ib = new String[n];
      for (int i = 0; i < n; i++) {
        a[i] = pairs.first(s + i);
        b[i] = pairs.second(s + i);
        ia[i] = data.id(a[i]);
        ib[i] = data.id(b[i]);
      }
      out.add(new PairBlock(s, a, b, ia, ib));
    }
    return out;
  }

  /**
   * Every pair's check, as the local second stage makes it: keypoints from the cache (extracted
   * there by the keypoint job; extracted again only if the cache lost them), none for an image
   * that does not decode.
   */
  double[] verify(Stage2Recipe recipe) {
    OrbExtractor extractor = recipe.extractor();
    FeatureCache cache = recipe.cache();
    GeometricVerifier verifier = recipe.verifier();
    Map<Integer, LocalFeatures> memo = new HashMap<>();
    double[] out = new double[first.length * FIELDS];
    for (int i = 0; i < first.length; i++) {
      LocalFeatures a = features(memo, first[i], firstId[i], cache, extractor, recipe);
      LocalFeatures b = features(memo, second[i], secondId[i], cache, extractor, recipe);
      Verification v = a == null || b == null ? Verification.none(0) : verifier.verify(a, b);
      int o = i * FIELDS;
      out[o] = v.matches();
      out[o + 1] = v.inliers();
      out[o + 2] = v.inlierRatio();
      out[o + 3] = v.scale();
      out[o + 4] = v.rotation();
      out[o + 5] = v.mirrored() ? 1 : 0;
      out[o + 6] = v.coverFirst();
      out[o + 7] = v.coverSecond();
      out[o + 8] = v.passed() ? 1 : 0;
    }
    return out;
  }

  private static LocalFeatures features(Map<Integer, LocalFeatures> memo, int row, String id,
      FeatureCache cache, OrbExtractor extractor, Stage2Recipe recipe) {
    if (memo.containsKey(row)) {
      return memo.get(row);
    }
    LocalFeatures f;
    try {
      f = cache.readOrExtract(recipe.file(id), extractor).features();
    } catch (IOException e) {
      f = null; // the keypoint job reported it
    }
    memo.put(row, f);
    return f;
  }

  /** Writes a block's checks into {@code checks} from pair {@code start} on. */
  static void decode(double[] encoded, Verification[] checks, int start) {
    for (int i = 0; i < encoded.length / FIELDS; i++) {
      int o = i * FIELDS;
      checks[start + i] = new Verification((int) encoded[o], (int) encoded[o + 1],
          encoded[o + 2], encoded[o + 3], encoded[o + 4], encoded[o + 5] != 0, encoded[o + 6],
          encoded[o + 7], encoded[o + 8] != 0);
    }
  }
}
