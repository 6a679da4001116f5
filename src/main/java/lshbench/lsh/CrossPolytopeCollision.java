package lshbench.lsh;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import lshbench.vector.Parallel;

/**
 * The single-function collision probability of cross-polytope LSH as a function of the angle
 * between two vectors, estimated by simulation: FALCONN's pseudo-random rotation has no closed
 * form (the NIPS 2015 paper gives only the asymptotic ln(1/p) ≈ τ²/(4 − τ²)·ln d').
 *
 * <p>At each of {@value #ANGLES} + 1 angles in [0, π], {@code samples} fresh pairs of random
 * unit vectors at exactly that angle are hashed by as many independently seeded functions of the
 * real {@link CrossPolytopeFamily}; the share that collide is the estimate, and between grid
 * angles the curve is interpolated linearly. p(0) = 1 and p(π) = 0 hold exactly (a vector and
 * its negation always land on opposite vertices).
 *
 * <p>A partial polytope (the first m rotated coordinates, FALCONN's {@code last_cp_dimension})
 * has a curve of its own, simulated the same way with that function; a table ending in one
 * collides with probability p(θ)^(k−1)·p_m(θ), which {@link #alongside} lets a theory built on
 * the whole curve's p evaluate.
 */
public final class CrossPolytopeCollision implements DoubleUnaryOperator {
  static final int ANGLES = 64;
  private final double[] p;
  private final int dim;
  private final int samples;
  /** Coordinates of the simulated polytope; 0 = whole. */
  private final int lastDim;

  private CrossPolytopeCollision(double[] p, int dim, int samples, int lastDim) {
    this.p = p;
    this.dim = dim;
    this.samples = samples;
    this.lastDim = lastDim;
  }

  /**
   * Simulates the curve for vectors of dimension {@code dim} (rotated in the padded dimension).
   * The same seed gives the same curve.
   */
  public static CrossPolytopeCollision simulate(int dim, int samples, long seed, int threads) {
    return simulate(dim, samples, seed, threads, 0);
  }

  /**
   * As above, for a partial polytope of the first {@code lastDim} rotated coordinates (0 =
   * whole), with the same pairs as the whole curve of the same seed.
   */
  public static CrossPolytopeCollision simulate(int dim, int samples, long seed, int threads,
      int lastDim) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be positive, got " + samples);
    }
    double[] p = new double[ANGLES + 1];
    p[0] = 1;
    p[ANGLES] = 0;
    Parallel.forBlocks("lshbench-cp-theory", threads, ANGLES - 1, 1, a -> {
      int angle = a + 1;
      double theta = Math.PI * angle / ANGLES;
      long angleSeed = seed * 0x9E3779B97F4A7C15L + angle;
      SplittableRandom rng = new SplittableRandom(angleSeed);
      CrossPolytopeFamily family = new CrossPolytopeFamily(dim, 1, samples, angleSeed, null,
          lastDim);
      float[] x = new float[dim];
      float[] y = new float[dim];
      int hits = 0;
      for (int s = 0; s < samples; s++) {
        pair(rng, theta, x, y);
        if (family.hash(x, s, 0) == family.hash(y, s, 0)) {
          hits++;
        }
      }
      p[angle] = (double) hits / samples;
    });
    return new CrossPolytopeCollision(p, dim, samples, lastDim);
  }

  /** Two random unit vectors at exactly angle θ: x, and y = cos θ·x + sin θ·z with z ⟂ x. */
  static void pair(SplittableRandom rng, double theta, float[] x, float[] y) {
    int d = x.length;
    double[] a = new double[d];
    double[] b = new double[d];
    double na = 0;
    for (int i = 0; i < d; i++) {
      a[i] = rng.nextGaussian();
      b[i] = rng.nextGaussian();
      na += a[i] * a[i];
    }
    na = Math.sqrt(na);
    double ab = 0;
    for (int i = 0; i < d; i++) {
      a[i] /= na;
      ab += a[i] * b[i];
    }
    double nb = 0;
    for (int i = 0; i < d; i++) {
      b[i] -= ab * a[i];
      nb += b[i] * b[i];
    }
    nb = Math.sqrt(nb);
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    for (int i = 0; i < d; i++) {
      x[i] = (float) a[i];
      y[i] = (float) (c * a[i] + s * (nb > 0 ? b[i] / nb : 0));
    }
  }

  /** Collision probability at cosine {@code cos}. */
  @Override
  public double applyAsDouble(double cos) {
    double theta = Math.acos(Math.max(-1, Math.min(1, cos)));
    double pos = theta / Math.PI * ANGLES;
    int i = Math.min(ANGLES - 1, (int) pos);
    double f = pos - i;
    return p[i] * (1 - f) + p[i + 1] * f;
  }

  /**
   * This curve as a function of the {@code whole} curve's probability at the same angle: p ↦
   * this(θ) where whole(θ) = p, θ found on the whole curve's grid (the first crossing, should
   * simulation noise make it non-monotone) and interpolated linearly.
   */
  public DoubleUnaryOperator alongside(CrossPolytopeCollision whole) {
    double[] w = whole.p;
    double[] own = p;
    return q -> {
      for (int i = 0; i < ANGLES; i++) {
        if (q >= w[i + 1]) {
          double span = w[i] - w[i + 1];
          double f = span > 0 ? Math.min(1, Math.max(0, (w[i] - q) / span)) : 0;
          return own[i] * (1 - f) + own[i + 1] * f;
        }
      }
      return own[ANGLES];
    };
  }

  /** The simulated points: p at θ = π·i / {@value #ANGLES}. */
  public double[] grid() {
    return p.clone();
  }

  public String describe() {
    return "cross-polytope collision probability simulated at " + (ANGLES + 1) + " angles, "
        + samples + " pairs each, d=" + dim + (lastDim > 0 ? ", polytope of the first " + lastDim
        + " rotated coordinates" : "");
  }

}
