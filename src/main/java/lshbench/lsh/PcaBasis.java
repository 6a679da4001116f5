package lshbench.lsh;

import java.util.SplittableRandom;
import lshbench.data.Dataset;
import lshbench.vector.DotTiles;
import lshbench.vector.Parallel;
import lshbench.vector.VectorOps;

/**
 * The mean and an orthonormal basis of the top-m principal subspace of a sample of rows,
 * found by subspace (block power) iteration: Q ← orth(Xᵀ X Q), a few passes of two m·s·d
 * products, instead of forming the d×d covariance. Only the subspace is needed: random
 * hyperplanes inside it are rotation-invariant, so individual components are never sorted out.
 */
public final class PcaBasis {
  private final int dim;
  private final int components;
  private final float[] mean;
  private final float[] basis;
  private final double explained;
  private final float[] meanProjection;

  private PcaBasis(int dim, int components, float[] mean, float[] basis, double explained) {
    this.dim = dim;
    this.components = components;
    this.mean = mean;
    this.basis = basis;
    this.explained = explained;
    this.meanProjection = new float[components];
    for (int j = 0; j < components; j++) {
      meanProjection[j] = VectorOps.dot(mean, 0, basis, j * dim, dim);
    }
  }

  /**
   * @param sample the dataset rows to learn from (keep queries out of it)
   * @param m dimension of the subspace, 1..min(d, sample size)
   * @param iterations power iterations; 6–10 suffice when the spectrum decays
   */
  public static PcaBasis fit(Dataset data, int[] sample, int m, int iterations, long seed,
      int threads) {
    int d = data.dim();
    int s = sample.length;
    if (m < 1 || m > d || m > s) {
      throw new IllegalArgumentException("pca.dim must be in 1.." + Math.min(d, s) + ", got " + m);
    }
    float[] v = data.vectors();
    double[] sum = new double[d];
    for (int id : sample) {
      for (int j = 0; j < d; j++) {
        sum[j] += v[id * d + j];
      }
    }
    float[] mean = new float[d];
    for (int j = 0; j < d; j++) {
      mean[j] = (float) (sum[j] / s);
    }
    float[] x = new float[Math.multiplyExact(s, d)];
    double total = 0;
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < d; j++) {
        float c = v[sample[i] * d + j] - mean[j];
        x[i * d + j] = c;
        total += (double) c * c;
      }
    }
    float[] q = new float[m * d];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) rng.nextGaussian();
    }
    orthonormalise(q, m, d);
    for (int it = 0; it < iterations; it++) {
      float[] z = DotTiles.multiplyAll(x, null, s, q, m, d, threads);
      // Q ← Xᵀ Z, row j of Q (one basis vector) summed over samples, rows split over threads.
      float[] next = new float[m * d];
      Parallel.forBlocks("lshbench-pca", threads, m, 1, j -> {
        for (int i = 0; i < s; i++) {
          float w = z[i * m + j];
          for (int c = 0, o = j * d, r = i * d; c < d; c++) {
            next[o + c] += w * x[r + c];
          }
        }
      });
      q = next;
      orthonormalise(q, m, d);
    }
    double captured = 0;
    for (float f : DotTiles.multiplyAll(x, null, s, q, m, d, threads)) {
      captured += (double) f * f;
    }
    return new PcaBasis(d, m, mean, q, total > 0 ? captured / total : 1);
  }


  /** Modified Gram–Schmidt in double precision, twice ("twice is enough", Kahan). */
  static void orthonormalise(float[] q, int m, int d) {
    double[] row = new double[d];
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < m; j++) {
        for (int c = 0; c < d; c++) {
          row[c] = q[j * d + c];
        }
        for (int p = 0; p < j; p++) {
          double dot = 0;
          for (int c = 0; c < d; c++) {
            dot += row[c] * q[p * d + c];
          }
          for (int c = 0; c < d; c++) {
            row[c] -= dot * q[p * d + c];
          }
        }
        double norm = 0;
        for (double r : row) {
          norm += r * r;
        }
        norm = Math.sqrt(norm);
        for (int c = 0; c < d; c++) {
          q[j * d + c] = (float) (norm > 0 ? row[c] / norm : 0);
        }
      }
    }
  }

  /** out[j] = (v[off..off+d) − mean) · basis_j. */
  public void project(float[] v, int off, float[] out) {
    for (int j = 0; j < components; j++) {
      out[j] = VectorOps.dot(v, off, basis, j * dim, dim) - meanProjection[j];
    }
  }

  /** Every row of {@code data} projected: n × m floats, row-major. */
  public float[] projectAll(Dataset data, int threads) {
    float[] out = DotTiles.multiplyAll(data.vectors(), null, data.size(), basis, components, dim,
        threads);
    for (int i = 0; i < out.length; i++) {
      out[i] -= meanProjection[i % components];
    }
    return out;
  }

  public int dim() {
    return dim;
  }

  public int components() {
    return components;
  }

  /** Basis vector j, a unit row of length d. */
  public float[] component(int j) {
    return java.util.Arrays.copyOfRange(basis, j * dim, (j + 1) * dim);
  }

  /** Share of the sample's variance (about its mean) that the subspace captures. */
  public double explainedVariance() {
    return explained;
  }

  public long memoryBytes() {
    return 4L * (basis.length + mean.length);
  }
}
