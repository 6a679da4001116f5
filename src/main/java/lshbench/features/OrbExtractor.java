package lshbench.features;

import java.util.Locale;
import lshbench.data.images.RgbImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfKeyPoint;
import org.opencv.core.Size;
import org.opencv.features2d.ORB;
import org.opencv.imgproc.Imgproc;

/**
 * ORB keypoints (OpenCV): FAST corners at 8 scales with rotated BRIEF descriptors. Chosen over
 * BoofCV's SURF on the dedup benchmark: the same recall of true pairs, a third of the
 * extraction time, and binary descriptors that match with a popcount (README, "Two stages").
 *
 * <p>Images are reduced so that the longer side is at most {@code maxSide} pixels before
 * detection (never enlarged): a 24-megapixel photo and its 300-pixel thumbnail then yield
 * keypoints at comparable scales, and extraction costs the same for every photo. Coordinates
 * are returned in the full image's pixels.
 */
public final class OrbExtractor {
  private final int features;
  private final int maxSide;

  /**
   * @param features keypoints kept per image (and per mirror image); 300–1000 is the useful
   *     range: fewer misses heavily cropped copies, more costs quadratic matching time
   * @param maxSide longer side the image is reduced to before detection; 384–1024
   */
  public OrbExtractor(int features, int maxSide) {
    if (features < 16) {
      throw new IllegalArgumentException("features must be at least 16, got " + features);
    }
    if (maxSide < 64) {
      throw new IllegalArgumentException("maxSide must be at least 64, got " + maxSide);
    }
    this.features = features;
    this.maxSide = maxSide;
  }

  /** Everything that changes the result, for cache keys. */
  public String describe() {
    return String.format(Locale.ROOT, "opencv %s orb features=%d maxSide=%d scale=1.2 levels=8 "
        + "edge=15 patch=15 fast=10 harris", OpenCvLoader.version(), features, maxSide);
  }

  public LocalFeatures extract(RgbImage image) {
    OpenCvLoader.load();
    int w = image.width();
    int h = image.height();
    double s = Math.min(1.0, (double) maxSide / Math.max(w, h));
    Mat gray = luma(image, false);
    Mat mirror = luma(image, true);
    if (s < 1) {
      Size size = new Size(Math.max(1, Math.round(w * s)), Math.max(1, Math.round(h * s)));
      gray = resized(gray, size);
      mirror = resized(mirror, size);
    }
    Detected plain = detect(gray, s);
    Detected flipped = detect(mirror, s);
    return new LocalFeatures(w, h, plain.xy(), plain.bits(), flipped.xy(), flipped.bits());
  }

  private static Mat resized(Mat m, Size size) {
    Mat out = new Mat();
    Imgproc.resize(m, out, size, 0, 0, Imgproc.INTER_AREA);
    m.release();
    return out;
  }

  private record Detected(float[] xy, long[] bits) {}

  private Detected detect(Mat gray, double scale) {
    // patch 15 / edge 15 instead of 31: thumbnails of 200 pixels still give keypoints near edges
    ORB orb = ORB.create(features, 1.2f, 8, 15, 0, 2, ORB.HARRIS_SCORE, 15, 10);
    MatOfKeyPoint kp = new MatOfKeyPoint();
    Mat desc = new Mat();
    orb.detectAndCompute(gray, new Mat(), kp, desc);
    int n = desc.rows();
    float[] raw = new float[7 * Math.max(0, (int) kp.total())];
    if (kp.total() > 0) {
      kp.get(0, 0, raw);
    }
    float[] xy = new float[2 * n];
    for (int i = 0; i < n; i++) {
      xy[2 * i] = (float) (raw[7 * i] / scale);
      xy[2 * i + 1] = (float) (raw[7 * i + 1] / scale);
    }
    byte[] d = new byte[n * 32];
    if (n > 0) {
      if (desc.type() != CvType.CV_8UC1 || desc.cols() != 32) {
        throw new IllegalStateException("ORB descriptors are not 32 bytes: " + desc);
      }
      desc.get(0, 0, d);
    }
    gray.release();
    kp.release();
    desc.release();
    long[] bits = new long[d.length / 8];
    for (int i = 0; i < d.length; i++) {
      bits[i / 8] |= (d[i] & 0xFFL) << (8 * (i % 8));
    }
    return new Detected(xy, bits);
  }

  private static Mat luma(RgbImage image, boolean mirror) {
    int w = image.width();
    int h = image.height();
    byte[] px = image.pixels();
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = 3 * (y * w + (mirror ? w - 1 - x : x));
        out[y * w + x] = (byte) ((299 * (px[p] & 0xFF) + 587 * (px[p + 1] & 0xFF)
            + 114 * (px[p + 2] & 0xFF) + 500) / 1000);
      }
    }
    Mat m = new Mat(h, w, CvType.CV_8UC1);
    m.put(0, 0, out);
    return m;
  }
}
