package lshbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Pareto frontier and best-for-target queries over configurations. */
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

  /** The fastest configuration whose mean recall reaches {@code target}, or null. */
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
