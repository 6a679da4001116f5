package lshbench.lsh;

import java.util.SplittableRandom;
import lshbench.vector.Hadamard;

/**
 * Independent pseudo-random rotations of R^d' (d' a power of two), FALCONN's kind:
 * {@value #ROUNDS} rounds of random sign flips, each followed by a fast Hadamard transform.
 * Why: O(d' log d') a rotation instead of the d'² of a dense Gaussian matrix, and no matrix
 * to store. Unnormalised: a rotation multiplies lengths by d'^(ROUNDS/2).
 */
final class PseudoRotations {
  /** Sign-flip + Hadamard rounds per rotation (FALCONN uses 3). */
  static final int ROUNDS = 3;

  private final int rotDim;
  private final int count;
  /** ±1 per coordinate: rotation r, round s at ((r·ROUNDS + s)·d'). */
  private final float[] signs;

  PseudoRotations(int rotDim, int count, long seed) {
    if (Integer.bitCount(rotDim) != 1) {
      throw new IllegalArgumentException("rotation dimension must be a power of two, got " + rotDim);
    }
    this.rotDim = rotDim;
    this.count = count;
    this.signs = new float[Math.multiplyExact(Math.multiplyExact(count, ROUNDS), rotDim)];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < signs.length; i += 64) {
      long word = rng.nextLong();
      for (int b = 0; b < 64 && i + b < signs.length; b++) {
        signs[i + b] = ((word >>> b) & 1) == 0 ? 1f : -1f;
      }
    }
  }

  int dim() {
    return rotDim;
  }

  int count() {
    return count;
  }

  /**
   * Writes {@code v[off..off+dim)} minus {@code centre} (when not null) into {@code out},
   * zero-padded to out's length: what a rotation takes.
   */
  static void centreAndPad(float[] v, int off, int dim, float[] centre, float[] out) {
    if (centre == null) {
      System.arraycopy(v, off, out, 0, dim);
    } else {
      for (int i = 0; i < dim; i++) {
        out[i] = v[off + i] - centre[i];
      }
    }
    java.util.Arrays.fill(out, dim, out.length, 0f);
  }

  /** Rotation r of {@code src[0..d')} (already centred and zero-padded) into {@code out[off..]}. */
  void rotate(float[] src, int r, float[] out, int off) {
    System.arraycopy(src, 0, out, off, rotDim);
    for (int s = 0; s < ROUNDS; s++) {
      Hadamard.signedTransform(out, off, rotDim, signs, (r * ROUNDS + s) * rotDim);
    }
  }

  /** The factor that makes a rotation orthonormal. */
  float scale() {
    return (float) Math.pow(rotDim, -ROUNDS / 2.0);
  }

  /** Bytes of the first {@code used} rotations' signs (stored as floats: a round is one pass). */
  long bytes(int used) {
    return 4L * used * ROUNDS * rotDim;
  }
}
