package lshbench.features;

/**
 * One image's keypoints with their binary descriptors, in the image's own pixel coordinates,
 * and the same for its mirror image (a left-right flip is a common edit that no rotation- and
 * scale-invariant descriptor matches), the mirror's keypoints in the mirror image's own frame:
 * a fit to them then keeps orientation, which RANSAC's sample checks require.
 *
 * @param width the image's width in pixels
 * @param height the image's height in pixels
 * @param xy x, y per keypoint
 * @param bits {@link #WORDS} longs per keypoint: the 256-bit ORB descriptor
 * @param mirrorXy keypoints found on the mirrored image, in its pixels
 * @param mirrorBits their descriptors
 */
public record LocalFeatures(int width, int height, float[] xy, long[] bits, float[] mirrorXy,
    long[] mirrorBits) {
  /** 64-bit words per descriptor (ORB: 256 bits). */
  public static final int WORDS = 4;

  public LocalFeatures {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("width and height must be positive");
    }
    if (xy.length % 2 != 0 || bits.length != xy.length / 2 * WORDS
        || mirrorXy.length % 2 != 0 || mirrorBits.length != mirrorXy.length / 2 * WORDS) {
      throw new IllegalArgumentException("keypoints and descriptors do not pair up");
    }
  }

  public int size() {
    return xy.length / 2;
  }

  public int mirrorSize() {
    return mirrorXy.length / 2;
  }
}
