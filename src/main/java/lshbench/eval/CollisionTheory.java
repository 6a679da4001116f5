package lshbench.eval;

import java.util.function.DoubleUnaryOperator;
import lshbench.data.Dataset;
import lshbench.vector.Parallel;
import lshbench.vector.VectorOps;

/**
 * What theory predicts for an (k, L) configuration from the measured geometry of the data.
 *
 * <p>An item whose single-hash collision probability with the query is p lands among the
 * candidates with probability 1 − (1 − p^k)^L. Averaging that over the true neighbours of each
 * query predicts recall; summing it over all members predicts the candidate count. Instead of
 * keeping every (query, item) probability, each average is a weighted histogram of p over
 * {@value #BINS} bins, so a configuration costs a few thousand evaluations.
 *
 * <p>Angles are taken between the vectors the hash sees: centred on the member mean when
 * the index centres, raw otherwise.
 */
public final class CollisionTheory {
  static final int BINS = 4096;
  private static final int BLOCK = 8;

  private final double[] label;
  private final double[] knn;
  private final double[] all;
  /** The last function's probability as a function of a whole one's p; null = p itself. */
  private final DoubleUnaryOperator last;

  private CollisionTheory(double[] label, double[] knn, double[] all, DoubleUnaryOperator last) {
    this.label = label;
    this.knn = knn;
    this.all = all;
    this.last = last;
  }

  /**
   * The same measured geometry for tables whose last function is a narrower one (a partial
   * cross-polytope): an item collides in a table with probability p^(k−1)·last(p), where p is
   * a whole function's probability and {@code last} maps it to the narrower one's at the same
   * angle.
   */
  public CollisionTheory withLast(DoubleUnaryOperator last) {
    return new CollisionTheory(label, knn, all, last);
  }

  /**
   * @param centre the point hashes are centred on, or null
   * @param probability maps the cosine of two vectors to the single-hash collision probability
   *     of the family (for hyperplanes 1 − θ/π)
   */
  public static CollisionTheory measure(Dataset data, QuerySplit split, GroundTruth truth,
      float[] centre, DoubleUnaryOperator probability, int threads) {
    int d = data.dim();
    float[] v = data.vectors();
    int[] members = split.members();
    int[] queries = split.queries();
    // (q−μ)·(x−μ) = q·x − q·μ − x·μ + μ·μ: keeps the data uncopied.
    double[] memberDotMu = new double[data.size()];
    double[] memberNorm = new double[data.size()];
    double muMu = centre == null ? 0 : VectorOps.dot(centre, 0, centre, 0, d);
    for (int id : members) {
      memberDotMu[id] = centre == null ? 0 : VectorOps.dot(v, id * d, centre, 0, d);
      double sq = VectorOps.dot(v, id * d, v, id * d, d) - 2 * memberDotMu[id] + muMu;
      memberNorm[id] = Math.sqrt(Math.max(0, sq));
    }
    int blocks = (queries.length + BLOCK - 1) / BLOCK;
    double[][] labelParts = new double[blocks][];
    double[][] knnParts = new double[blocks][];
    double[][] allParts = new double[blocks][];
    Parallel.forBlocks("lshbench-theory", threads, queries.length, BLOCK, start -> {
      int b = start / BLOCK;
      double[] lh = new double[BINS];
      double[] kh = new double[BINS];
      double[] ah = new double[BINS];
      double[] p = new double[data.size()];
      for (int qi = start; qi < Math.min(queries.length, start + BLOCK); qi++) {
        int q = queries[qi];
        double qDotMu = centre == null ? 0 : VectorOps.dot(v, q * d, centre, 0, d);
        double qNorm = Math.sqrt(Math.max(0,
            VectorOps.dot(v, q * d, v, q * d, d) - 2 * qDotMu + muMu));
        int label = data.label(q);
        int sameLabel = 0;
        for (int id : members) {
          double dot = VectorOps.dot(v, q * d, v, id * d, d) - qDotMu - memberDotMu[id] + muMu;
          double denom = qNorm * memberNorm[id];
          double cos = denom > 0 ? dot / denom : 1;
          p[id] = probability.applyAsDouble(cos);
          ah[bin(p[id])] += 1;
          if (data.hasLabels() && data.label(id) == label) {
            sameLabel++;
          }
        }
        if (data.hasLabels() && sameLabel > 0) {
          for (int id : members) {
            if (data.label(id) == label) {
              lh[bin(p[id])] += 1.0 / sameLabel;
            }
          }
        }
        int[] nn = truth.neighbours(qi);
        for (int id : nn) {
          kh[bin(p[id])] += 1.0 / nn.length;
        }
      }
      labelParts[b] = lh;
      knnParts[b] = kh;
      allParts[b] = ah;
    });
    // Merged in block order, so the result does not depend on the thread count.
    return new CollisionTheory(data.hasLabels() ? merge(labelParts, queries.length) : null,
        merge(knnParts, queries.length), merge(allParts, queries.length), null);
  }

  private static int bin(double p) {
    return Math.min(BINS - 1, Math.max(0, (int) (p * BINS)));
  }

  private static double[] merge(double[][] parts, int queries) {
    double[] out = new double[BINS];
    for (double[] part : parts) {
      for (int i = 0; i < BINS; i++) {
        out[i] += part[i];
      }
    }
    for (int i = 0; i < BINS; i++) {
      out[i] /= queries;
    }
    return out;
  }

  /** Probability that an item with single-hash collision probability p becomes a candidate. */
  public static double candidateProbability(double p, int k, int tables) {
    return 1 - Math.pow(1 - Math.pow(p, k), tables);
  }

  private double expect(double[] histogram, int k, int tables) {
    double sum = 0;
    for (int i = 0; i < BINS; i++) {
      if (histogram[i] != 0) {
        double p = (i + 0.5) / BINS;
        sum += histogram[i] * (last == null ? candidateProbability(p, k, tables)
            : 1 - Math.pow(1 - Math.pow(p, k - 1) * last.applyAsDouble(p), tables));
      }
    }
    return sum;
  }

  /** Predicted mean label recall of (k, L); NaN for unlabelled data. */
  public double labelRecall(int k, int tables) {
    return label == null ? Double.NaN : expect(label, k, tables);
  }

  /** Predicted mean kNN recall of (k, L): a true neighbour is found iff it is a candidate. */
  public double knnRecall(int k, int tables) {
    return expect(knn, k, tables);
  }

  /** Predicted mean number of distinct candidates per query. */
  public double candidates(int k, int tables) {
    return expect(all, k, tables);
  }
}
