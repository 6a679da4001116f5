package lshbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto frontier and best-for-target queries over configurations, on {@link
 * ConfigPoint#queryUs}: the median over timing rounds on the run's clock, never a mean a burst
 * of load could inflate.
 */
public final class Frontier {
  private Frontier() {}

  /**
   * The configurations no other beats on both axes: sorted by query time, each with strictly
   * higher recall than every faster one.
   */
  public static List<ConfigPoint> pareto(List<ConfigPoint> points, Recall recall) {
    List<ConfigPoint> sorted = new ArrayList<>();
    for (ConfigPoint p : points) {
      if (!Double.isNaN(recall.of(p))) {
        sorted.add(p);
      }
    }
    sorted.sort(Comparator.comparingDouble(ConfigPoint::queryUs)
        .thenComparing(Comparator.comparingDouble(recall::of).reversed()));
    List<ConfigPoint> out = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    for (ConfigPoint p : sorted) {
      if (recall.of(p) > best) {
        out.add(p);
        best = recall.of(p);
      }
    }
    return out;
  }

  /** Whether {@code p} is slower than the exact scan {@code exact} (false without one). */
  public static boolean slowerThan(ConfigPoint p, ConfigPoint exact) {
    return exact != null && !p.isExact() && p.queryUs() > exact.queryUs();
  }

  /**
   * The fastest configuration whose mean recall reaches {@code target}, or null. Given the
   * exact scan among the points, it is the answer whenever nothing faster reaches the target.
   */
  public static ConfigPoint fastestReaching(List<ConfigPoint> points, Recall recall, double target) {
    ConfigPoint best = null;
    for (ConfigPoint p : points) {
      if (recall.of(p) >= target && (best == null || p.queryUs() < best.queryUs())) {
        best = p;
      }
    }
    return best;
  }
}
