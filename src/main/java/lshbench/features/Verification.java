package lshbench.features;

/**
 * The geometric check of one pair (first image A, second image B).
 *
 * @param matches descriptor matches that passed the ratio and mutual tests (plain or mirrored,
 *     whichever fit won)
 * @param inliers matches the fitted homography explains within the reprojection tolerance
 * @param inlierRatio inliers / matches
 * @param scale B pixels per A pixel at A's centre (&gt; 1: B is the larger rendering)
 * @param rotation degrees B is turned relative to A (counter-clockwise in image coordinates)
 * @param mirrored whether the fit is to B's mirror image
 * @param coverFirst share of A's keypoints that land inside B's frame: below 1 when B shows
 *     only part of A (B is a crop of A)
 * @param coverSecond share of B's keypoints that land inside A's frame
 * @param passed whether the pair is a near-duplicate: enough inliers, a high enough ratio and a
 *     plausible transform
 */
public record Verification(int matches, int inliers, double inlierRatio, double scale,
    double rotation, boolean mirrored, double coverFirst, double coverSecond, boolean passed) {
  /** No fit at all. */
  public static Verification none(int matches) {
    return new Verification(matches, 0, 0, Double.NaN, Double.NaN, false, 0, 0, false);
  }

  /** The same check seen from B. */
  public Verification swapped() {
    return new Verification(matches, inliers, inlierRatio, 1 / scale,
        mirrored ? rotation : -rotation, mirrored, coverSecond, coverFirst, passed);
  }
}
