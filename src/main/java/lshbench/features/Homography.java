package lshbench.features;

/** A 3×3 projective map, row-major, and what an edit can plausibly do with one. */
final class Homography {
  private final double[] h;

  Homography(double[] h) {
    this.h = h.clone();
  }

  double[] apply(double x, double y) {
    double z = h[6] * x + h[7] * y + h[8];
    return new double[] {(h[0] * x + h[1] * y + h[2]) / z, (h[3] * x + h[4] * y + h[5]) / z};
  }

  /** The local linear map at (x, y): d(u, v) / d(x, y), row-major 2×2. */
  double[] jacobian(double x, double y) {
    double z = h[6] * x + h[7] * y + h[8];
    double u = (h[0] * x + h[1] * y + h[2]) / z;
    double v = (h[3] * x + h[4] * y + h[5]) / z;
    return new double[] {(h[0] - u * h[6]) / z, (h[1] - u * h[7]) / z,
        (h[3] - v * h[6]) / z, (h[4] - v * h[7]) / z};
  }

  Homography inverse() {
    double a = h[0];
    double b = h[1];
    double c = h[2];
    double d = h[3];
    double e = h[4];
    double f = h[5];
    double g = h[6];
    double k = h[7];
    double l = h[8];
    double det = a * (e * l - f * k) - b * (d * l - f * g) + c * (d * k - e * g);
    if (Math.abs(det) < 1e-12) {
      return null;
    }
    return new Homography(new double[] {
        (e * l - f * k) / det, (c * k - b * l) / det, (b * f - c * e) / det,
        (f * g - d * l) / det, (a * l - c * g) / det, (c * d - a * f) / det,
        (d * k - e * g) / det, (b * g - a * k) / det, (a * e - b * d) / det});
  }

  /**
   * Whether an edit could have made this map of a {@code w}×{@code h} image: the corners map in
   * front of the camera and keep their order and orientation (a flip is handled by fitting to
   * the mirror image), the scale stays within 1/8–8 and one axis is squashed at most 3:1.
   */
  boolean plausible(int w, int hgt) {
    double[][] c = {{0, 0}, {w, 0}, {w, hgt}, {0, hgt}};
    double[][] m = new double[4][];
    for (int i = 0; i < 4; i++) {
      double z = h[6] * c[i][0] + h[7] * c[i][1] + h[8];
      if (!(z > 0)) {
        return false;
      }
      m[i] = apply(c[i][0], c[i][1]);
    }
    for (int i = 0; i < 4; i++) {
      double[] p = m[i];
      double[] q = m[(i + 1) % 4];
      double[] r = m[(i + 2) % 4];
      double cross = (q[0] - p[0]) * (r[1] - q[1]) - (q[1] - p[1]) * (r[0] - q[0]);
      if (cross <= 0) {
        return false;
      }
    }
    double[] j = jacobian(w / 2.0, hgt / 2.0);
    double det = Math.abs(j[0] * j[3] - j[1] * j[2]);
    double scale = Math.sqrt(det);
    if (!(scale > 1.0 / 8 && scale < 8)) {
      return false;
    }
    // singular values of the 2×2 Jacobian: their ratio is the squash
    double s1 = j[0] * j[0] + j[1] * j[1] + j[2] * j[2] + j[3] * j[3];
    double disc = Math.sqrt(Math.max(0, s1 * s1 - 4 * det * det));
    double big = Math.sqrt((s1 + disc) / 2);
    double small = Math.sqrt(Math.max(1e-12, (s1 - disc) / 2));
    return big / small < 3;
  }

  /** Share of the points (x, y pairs) that map inside a {@code w}×{@code h} frame. */
  double shareInside(float[] xy, int w, int hgt) {
    int n = xy.length / 2;
    if (n == 0) {
      return 0;
    }
    int inside = 0;
    for (int i = 0; i < n; i++) {
      double z = h[6] * xy[2 * i] + h[7] * xy[2 * i + 1] + h[8];
      if (z <= 0) {
        continue;
      }
      double[] p = apply(xy[2 * i], xy[2 * i + 1]);
      if (p[0] >= 0 && p[1] >= 0 && p[0] <= w && p[1] <= hgt) {
        inside++;
      }
    }
    return (double) inside / n;
  }
}
