package lshbench.features;

import java.util.Locale;
import org.opencv.calib3d.Calib3d;
import org.opencv.calib3d.UsacParams;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;

/**
 * Decides whether two images show the same photo: their descriptors are matched (nearest
 * neighbour under Hamming distance, kept when clearly better than the second nearest and
 * mutual), then a homography is fitted to the matches with RANSAC (OpenCV's USAC, seeded). A
 * homography covers every edit that maps the picture plane to itself: crop, rescale, squash,
 * rotation, padding, a perspective tilt; colour, blur and re-compression leave the geometry
 * alone. Both B and B's mirror image are tried (a fit to the mirror is a fit to B followed
 * by a left-right flip).
 *
 * <p>Two unrelated photos of one kind of object (two side views of cars) also share a few
 * dozen matching corners, and RANSAC will find some homography for them; what separates a
 * near-duplicate is that most matches agree with one plausible transform. So a pair passes
 * when the inliers are at least {@code minInliers}, at least {@code minRatio} of the matches,
 * spread over a real part of the image, and the transform is one an edit could make (the
 * corners stay in order, the scale within 1/8–8, the squash under 3:1).
 */
public final class GeometricVerifier {
  /** Nearest must be this much closer than the second nearest (Lowe's ratio test). */
  private static final double LOWE = 0.8;
  /** ORB descriptors further apart than this (of 256 bits) never match. */
  private static final int MAX_HAMMING = 80;

  private final int minInliers;
  private final double minRatio;
  private final long seed;

  /**
   * @param minInliers fewest inliers of a near-duplicate; 12–30 (the benchmark's true pairs
   *     have hundreds, unrelated look-alikes up to 30)
   * @param minRatio smallest inliers / matches; 0.5 (a majority of the matches agree with one
   *     transform) by default: unrelated look-alikes share a scatter of corners that no single
   *     transform explains, while an edited copy keeps most of its matches on one
   * @param seed RANSAC's random state
   */
  public GeometricVerifier(int minInliers, double minRatio, long seed) {
    if (minInliers < 4) {
      throw new IllegalArgumentException("minInliers must be at least 4, got " + minInliers);
    }
    if (!(minRatio >= 0 && minRatio <= 1)) {
      throw new IllegalArgumentException("minRatio must be in 0..1, got " + minRatio);
    }
    this.minInliers = minInliers;
    this.minRatio = minRatio;
    this.seed = seed;
  }

  public String describe() {
    return String.format(Locale.ROOT, "homography RANSAC, inliers >= %d, inlier ratio >= %.2f",
        minInliers, minRatio);
  }

  /** Checks A against B and against B's mirror; the better fit is returned. */
  public Verification verify(LocalFeatures a, LocalFeatures b) {
    Verification plain = fit(a, b, a.xy(), a.bits(), b.xy(), b.bits(), false);
    if (plain.passed()) {
      return plain;
    }
    Verification mirror = fit(a, b, a.xy(), a.bits(), b.mirrorXy(), b.mirrorBits(), true);
    if (mirror.passed() || mirror.inliers() > plain.inliers()) {
      return mirror;
    }
    return plain;
  }

  private Verification fit(LocalFeatures a, LocalFeatures b, float[] axy, long[] abits,
      float[] bxy, long[] bbits, boolean mirrored) {
    int[] pairs = match(abits, bbits);
    int m = pairs.length / 2;
    if (m < Math.max(4, minInliers)) {
      return Verification.none(m);
    }
    OpenCvLoader.load();
    float[] src = new float[2 * m];
    float[] dst = new float[2 * m];
    for (int i = 0; i < m; i++) {
      src[2 * i] = axy[2 * pairs[2 * i]];
      src[2 * i + 1] = axy[2 * pairs[2 * i] + 1];
      dst[2 * i] = bxy[2 * pairs[2 * i + 1]];
      dst[2 * i + 1] = bxy[2 * pairs[2 * i + 1] + 1];
    }
    MatOfPoint2f from = new MatOfPoint2f();
    from.alloc(m);
    from.put(0, 0, src);
    MatOfPoint2f to = new MatOfPoint2f();
    to.alloc(m);
    to.put(0, 0, dst);
    Mat mask = new Mat();
    UsacParams params = new UsacParams();
    // tolerance relative to B's size: 1 % of its longer side, as keypoints are found at a
    // reduced size and their positions carry that reduction's error
    params.set_threshold(Math.max(2.0, 0.01 * Math.max(b.width(), b.height())));
    params.set_maxIterations(2000);
    params.set_confidence(0.995);
    params.set_randomGeneratorState((int) (seed ^ (seed >>> 32)));
    Mat h = Calib3d.findHomography(from, to, mask, params);
    from.release();
    to.release();
    if (h.empty() || h.type() != CvType.CV_64F) {
      mask.release();
      return Verification.none(m);
    }
    double[] hm = new double[9];
    h.get(0, 0, hm);
    h.release();
    byte[] in = new byte[(int) mask.total()];
    if (in.length > 0) {
      mask.get(0, 0, in);
    }
    mask.release();
    int inliers = 0;
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int i = 0; i < in.length && i < m; i++) {
      if (in[i] != 0) {
        inliers++;
        minX = Math.min(minX, src[2 * i]);
        maxX = Math.max(maxX, src[2 * i]);
        minY = Math.min(minY, src[2 * i + 1]);
        maxY = Math.max(maxY, src[2 * i + 1]);
      }
    }
    Homography fit = new Homography(hm);
    double ratio = (double) inliers / m;
    double spread = inliers == 0 ? 0
        : (maxX - minX) * (maxY - minY) / ((double) a.width() * a.height());
    boolean plausible = fit.plausible(a.width(), a.height());
    double cover1 = fit.shareInside(a.xy(), b.width(), b.height());
    Homography inverse = fit.inverse();
    double cover2 = inverse == null ? 0 : inverse.shareInside(bxy, a.width(), a.height());
    boolean passed = plausible && inliers >= minInliers && ratio >= minRatio && spread >= 0.02;
    double[] j = fit.jacobian(a.width() / 2.0, a.height() / 2.0);
    double det = j[0] * j[3] - j[1] * j[2];
    double scale = Math.sqrt(Math.abs(det));
    double rotation = Math.toDegrees(Math.atan2(j[2], j[0]));
    return new Verification(m, inliers, ratio, scale, rotation, mirrored, cover1, cover2, passed);
  }

  /**
   * Matches as (index in A, index in B) pairs: B's nearest to A's descriptor, when the second
   * nearest is clearly further and A's descriptor is also the nearest to it.
   */
  static int[] match(long[] a, long[] b) {
    int w = LocalFeatures.WORDS;
    int na = a.length / w;
    int nb = b.length / w;
    int[] bestOfA = new int[na];
    int[] bestDistA = new int[na];
    int[] secondDistA = new int[na];
    int[] bestOfB = new int[nb];
    int[] bestDistB = new int[nb];
    java.util.Arrays.fill(bestDistB, Integer.MAX_VALUE);
    for (int i = 0; i < na; i++) {
      long a0 = a[i * w];
      long a1 = a[i * w + 1];
      long a2 = a[i * w + 2];
      long a3 = a[i * w + 3];
      int best = Integer.MAX_VALUE;
      int second = Integer.MAX_VALUE;
      int arg = -1;
      for (int j = 0, o = 0; j < nb; j++, o += w) {
        int d = Long.bitCount(a0 ^ b[o]) + Long.bitCount(a1 ^ b[o + 1])
            + Long.bitCount(a2 ^ b[o + 2]) + Long.bitCount(a3 ^ b[o + 3]);
        if (d < best) {
          second = best;
          best = d;
          arg = j;
        } else if (d < second) {
          second = d;
        }
        if (d < bestDistB[j]) {
          bestDistB[j] = d;
          bestOfB[j] = i;
        }
      }
      bestOfA[i] = arg;
      bestDistA[i] = best;
      secondDistA[i] = second;
    }
    int[] out = new int[2 * na];
    int n = 0;
    for (int i = 0; i < na; i++) {
      int j = bestOfA[i];
      if (j >= 0 && bestDistA[i] <= MAX_HAMMING && bestOfB[j] == i
          && (secondDistA[i] == Integer.MAX_VALUE || bestDistA[i] < LOWE * secondDistA[i])) {
        out[n++] = i;
        out[n++] = j;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
