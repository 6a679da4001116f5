package lshbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlotsTest {
  private static ConfigPoint point(String family, int k, int l, double recall, double us) {
    return new ConfigPoint(family, k, l, 0, 0, 0, new ConfigPoint.Hnsw(0, 0, 0), 1, recall, 0,
        recall, 0, recall, us, us, us, false, 10, 1e6, 1, 5, Double.NaN, Double.NaN, Double.NaN,
        us * 0.1, us * 0.01, us * 0.02, us * 0.8, Double.NaN, 0, 0);
  }

  @Test
  void titlesFitAndKeepTheirEnd() {
    String subtitle = "MobileNetV2 (pretrained ImageNet, int8) features 1280-d, n=7738, d=1280, "
        + "hyperplane";
    String t = SweepPlots.title("median query time (µs, cpu clock, log colour) over k × L", subtitle);
    assertTrue(t.length() <= SweepPlots.TITLE_CHARS, t);
    assertTrue(t.endsWith(", n=7738, d=1280, hyperplane"), t);
    assertTrue(t.contains("…"), t);
    assertEquals("a — b, n=1, d=2", SweepPlots.title("a", "b, n=1, d=2"));
  }

  @Test
  void theModelsDimensionIsNotRepeated() {
    assertEquals("MobileNetV2 (pretrained ImageNet, int8) features 1280-d", SweepReport.shortModel(
        "MobileNetV2 (pretrained ImageNet, int8) features 1280-d, 1280-d, TorchScript x.pt"));
    assertEquals("VGG16 fc7, 4096-d", SweepReport.shortModel("VGG16 fc7, 4096-d, TorchScript x"));
  }

  @Test
  void timesReadAsTimes() {
    assertEquals("4.2 µs", SweepPlots.time(4.2));
    assertEquals("728 µs", SweepPlots.time(728.4));
    assertEquals("2.53 ms", SweepPlots.time(2525.74));
    assertEquals("12.3 ms", SweepPlots.time(12_300));
  }

  @Test
  void aLogRampSpendsItsColoursOnTheLowDecades() {
    Color[] ramp = {Color.WHITE, Color.BLUE};
    Color[] stops = SweepPlots.logRamp(ramp, 10, 10_000);
    assertEquals(Color.WHITE, stops[0]);
    assertEquals(Color.BLUE, stops[stops.length - 1]);
    // 10 % of the way in value (≈ 1,000 µs) is two thirds of the way in log: mostly blue
    assertTrue(stops[stops.length / 10].getRed() < 128, stops[stops.length / 10].toString());
  }

  @Test
  void onlyTheFrontierIsLabelledAndRecallEndsAtOne() {
    List<ConfigPoint> points = new ArrayList<>();
    for (int k = 4; k <= 16; k += 2) {
      for (int l : new int[] {8, 16, 32}) {
        points.add(point("hyperplane", k, l, Math.min(1, l / 40.0 + 0.5 / k), 20 + 3000.0 * l / k / k));
      }
    }
    var chart = SweepPlots.tradeoff(points, Recall.KNN, "synthetic, n=1, d=2", 2000);
    List<ConfigPoint> frontier = Frontier.pareto(points, Recall.KNN);
    List<ConfigPoint> labelled = SweepPlots.labelled(frontier, Recall.KNN, 0);
    assertTrue(frontier.size() < points.size(), frontier.size() + " of " + points.size());
    assertTrue(frontier.containsAll(labelled) && !labelled.isEmpty(), labelled.toString());
    assertEquals(1.0, chart.getStyler().getYAxisMax());
  }

  @Test
  void aTunersPointsNearTheTargetGetTheYRange() {
    List<ConfigPoint> points = List.of(point("hyperplane", 10, 20, 0.912, 900),
        point("crosspolytope", 1, 20, 0.903, 600), point("pca-hyperplane", 13, 20, 0.914, 500));
    var chart = SweepPlots.families(points, Recall.KNN, "x, n=1, d=2", 2000);
    assertEquals(0.85, chart.getStyler().getYAxisMin(), 1e-9);
  }

  @Test
  void theHashStageIsNamedByItsFamily() {
    List<ConfigPoint> cp = List.of(point("crosspolytope", 1, 10, 0.5, 300),
        point("crosspolytope", 1, 20, 0.8, 600));
    var chart = SweepPlots.costBreakdown(cp, "crosspolytope", "cpu", "x, n=1, d=2");
    String legend = String.join("|", chart.getSeriesMap().keySet());
    assertTrue(legend.contains("fast rotations"), legend);
    assertFalse(legend.contains("dot products"), legend);
    assertTrue(legend.contains("whole query as timed (cpu clock"), legend);
    assertTrue(chart.getXAxisTitle().contains("timed figure"), chart.getXAxisTitle());
  }
}
