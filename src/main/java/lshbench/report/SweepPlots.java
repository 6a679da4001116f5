package lshbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import lshbench.io.AtomicFiles;

/** The sweep's pictures: recall-vs-time trade-offs and k × L heat maps, as PNG and SVG. */
public final class SweepPlots {
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 800;
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  private SweepPlots() {}

  /**
   * Recall against median query time (log scale), one series per L with k growing along it,
   * every point labelled, the Pareto frontier drawn over them and the exact scan marked.
   */
  public static XYChart tradeoff(List<ConfigPoint> points, Recall recall, String subtitle,
      double exactUs) {
    return tradeoff(points, recall, subtitle, exactUs, null);
  }

  /**
   * As above; with several repeats each point carries ±1 standard deviation over hash seeds as
   * an error bar, and {@code recommended} (the tuner's answer, or null) is marked with a star.
   */
  public static XYChart tradeoff(List<ConfigPoint> points, Recall recall, String subtitle,
      double exactUs, ConfigPoint recommended) {
    XYChart chart = new XYChart(WIDTH, HEIGHT);
    chart.setTitle(recall.title() + " vs query time — " + subtitle);
    chart.setXAxisTitle("median query time, µs (log scale, one thread, the run's clock); points labelled k,L[,T probes]");
    chart.setYAxisTitle(recall.title());
    style(chart);
    // One series per (L, T): along it k grows and queries get cheaper.
    TreeMap<Long, List<ConfigPoint>> byL = new TreeMap<>();
    for (ConfigPoint p : points) {
      if (!Double.isNaN(recall.of(p))) {
        byL.computeIfAbsent(((long) p.probes() << 32) | p.l(), x -> new ArrayList<>()).add(p);
      }
    }
    int colour = 0;
    for (var e : byL.entrySet()) {
      List<ConfigPoint> series = e.getValue();
      double[] x = series.stream().mapToDouble(ConfigPoint::queryUs).toArray();
      double[] y = series.stream().mapToDouble(recall::of).toArray();
      int probes = (int) (e.getKey() >>> 32);
      String name = "L=" + (int) (long) e.getKey() + (probes > 0 ? " T=" + probes : "");
      boolean repeated = series.stream().anyMatch(p -> p.repeats() > 1);
      XYSeries s = repeated
          ? chart.addSeries(name, x, y, series.stream().mapToDouble(recall::std).toArray())
          : chart.addSeries(name, x, y);
      s.setMarker(probes > 0 ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.CIRCLE);
      s.setMarkerColor(PALETTE[colour % PALETTE.length]);
      s.setLineColor(withAlpha(PALETTE[colour % PALETTE.length], 110));
      s.setLineStyle(probes > 0 ? new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
          BasicStroke.JOIN_MITER, 1f, new float[] {2f, 3f}, 0f) : new BasicStroke(1.2f));
      colour++;
    }
    List<ConfigPoint> frontier = Frontier.pareto(points, recall);
    if (!frontier.isEmpty()) {
      XYSeries f = chart.addSeries("Pareto frontier",
          frontier.stream().mapToDouble(ConfigPoint::queryUs).toArray(),
          frontier.stream().mapToDouble(recall::of).toArray());
      f.setLineColor(Color.BLACK);
      f.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
          new float[] {8f, 5f}, 0f));
      f.setMarker(SeriesMarkers.DIAMOND);
      f.setMarkerColor(Color.BLACK);
    }
    for (ConfigPoint p : points) {
      if (!Double.isNaN(recall.of(p))) {
        chart.addAnnotation(new AnnotationText(p.shortLabel(), p.queryUs(),
            recall.of(p) + 0.018, false));
      }
    }
    if (recommended != null && !Double.isNaN(recall.of(recommended))) {
      XYSeries star = chart.addSeries("recommended " + recommended.label(),
          new double[] {recommended.queryUs()}, new double[] {recall.of(recommended)});
      star.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      star.setMarker(SeriesMarkers.DIAMOND);
      star.setMarkerColor(new Color(0xe03131));
      chart.getStyler().setMarkerSize(9);
    }
    return withExactScan(chart, points, exactUs);
  }

  /**
   * Recall against query time for several index families on the same queries: one colour per
   * family, its Pareto frontier drawn as a line, every point labelled, the exact scan marked.
   */
  public static XYChart families(List<ConfigPoint> points, Recall recall, String subtitle,
      double exactUs) {
    XYChart chart = new XYChart(WIDTH, HEIGHT);
    chart.setTitle(recall.title() + " vs query time by family — " + subtitle);
    chart.setXAxisTitle("median query time, µs (log scale, one thread, the run's clock); lines: each family's Pareto "
        + "frontier; labels k,L[,T][/R kept by a two-pass rerank] (cp: cross-polytope, pca: PCA "
        + "hyperplanes), efSearch for HNSW");
    chart.setYAxisTitle(recall.title());
    style(chart);
    java.util.LinkedHashMap<String, List<ConfigPoint>> byFamily = new java.util.LinkedHashMap<>();
    for (ConfigPoint p : points) {
      if (!Double.isNaN(recall.of(p))) {
        byFamily.computeIfAbsent(p.family(), x -> new ArrayList<>()).add(p);
      }
    }
    int colour = 0;
    for (var e : byFamily.entrySet()) {
      Color c = PALETTE[colour++ % PALETTE.length];
      List<ConfigPoint> all = e.getValue();
      XYSeries dots = chart.addSeries(e.getKey() + " (" + all.size() + " configurations)",
          all.stream().mapToDouble(ConfigPoint::queryUs).toArray(),
          all.stream().mapToDouble(recall::of).toArray());
      dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      dots.setMarker(SeriesMarkers.CIRCLE);
      dots.setMarkerColor(withAlpha(c, 150));
      List<ConfigPoint> frontier = Frontier.pareto(all, recall);
      if (!frontier.isEmpty()) {
        XYSeries f = chart.addSeries(e.getKey() + " frontier",
            frontier.stream().mapToDouble(ConfigPoint::queryUs).toArray(),
            frontier.stream().mapToDouble(recall::of).toArray());
        f.setLineColor(c);
        f.setLineStyle(new BasicStroke(2.5f));
        f.setMarker(SeriesMarkers.DIAMOND);
        f.setMarkerColor(c);
        for (ConfigPoint p : frontier) {
          chart.addAnnotation(new AnnotationText(p.shortLabel(), p.queryUs(), recall.of(p) + 0.018,
              false));
        }
      }
    }
    return withExactScan(chart, points, exactUs);
  }

  /** Marks the exact scan's time and fixes the axes of a recall-vs-time chart. */
  private static XYChart withExactScan(XYChart chart, List<ConfigPoint> points, double exactUs) {
    if (exactUs > 0) {
      chart.addAnnotation(new AnnotationLine(exactUs, true, false));
      chart.addAnnotation(new AnnotationText("exact scan " + Math.round(exactUs) + " µs", exactUs,
          0.5, false));
    }
    chart.getStyler().setXAxisMax(exactUs > 0 ? Math.max(exactUs * 1.5, maxTime(points)) : null);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.05);
    return chart;
  }

  /**
   * Measured against predicted (collision theory) for both recalls, with the y = x line: points
   * on the line mean 1 − (1 − p^k)^L explains the index.
   */
  public static XYChart theoryRecall(List<ConfigPoint> points, String subtitle) {
    XYChart chart = new XYChart(WIDTH, HEIGHT);
    chart.setTitle("measured vs predicted recall, 1 − (1 − p^k)^L — " + subtitle);
    chart.setXAxisTitle("predicted from query–neighbour angles");
    chart.setYAxisTitle("measured");
    style(chart);
    chart.getStyler().setXAxisLogarithmic(false);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    XYSeries diagonal = chart.addSeries("y = x", new double[] {0, 1}, new double[] {0, 1});
    diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    diagonal.setMarker(SeriesMarkers.NONE);
    diagonal.setLineColor(Color.GRAY);
    int colour = 0;
    for (Recall r : Recall.values()) {
      double[] x = points.stream().mapToDouble(r::predicted).filter(v -> !Double.isNaN(v)).toArray();
      double[] y = points.stream().filter(p -> !Double.isNaN(r.predicted(p))).mapToDouble(r::of).toArray();
      if (x.length > 0) {
        XYSeries s = chart.addSeries(r.title() + String.format(Locale.ROOT, " (MAE %.3f)",
            meanAbsoluteError(points, r)), x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(PALETTE[colour++]);
      }
    }
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(1.0);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    return chart;
  }

  /** Measured against predicted candidates per query, log–log, with y = x. */
  public static XYChart theoryCandidates(List<ConfigPoint> points, String subtitle) {
    return theoryLogLog(points, "measured vs predicted candidates per query — " + subtitle,
        "predicted: Σ over items of 1 − (1 − p^k)^L (log)",
        "measured mean distinct candidates (log)", ConfigPoint::predictedCandidates,
        ConfigPoint::candidates);
  }

  /**
   * Measured query time against the cost model k·L·(µs per hash function) + E[candidates]·(µs
   * per scattered row), both measured on this data: how far hashing and reranking explain a
   * query.
   */
  public static XYChart theoryTime(List<ConfigPoint> points, String subtitle) {
    return theoryLogLog(points, "measured vs modelled query time — " + subtitle,
        "modelled: k·L × measured µs per hash function + predicted candidates × measured µs per "
            + "scattered row (log)",
        "measured median query µs (log)", ConfigPoint::predictedQueryUs, ConfigPoint::queryUs);
  }

  private static XYChart theoryLogLog(List<ConfigPoint> points, String title, String xTitle,
      String yTitle, java.util.function.ToDoubleFunction<ConfigPoint> predicted,
      java.util.function.ToDoubleFunction<ConfigPoint> measured) {
    XYChart chart = new XYChart(WIDTH, HEIGHT);
    chart.setTitle(title);
    chart.setXAxisTitle(xTitle);
    chart.setYAxisTitle(yTitle);
    style(chart);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    double lo = Math.max(0.01, points.stream().mapToDouble(p -> Math.min(measured.applyAsDouble(p),
        predicted.applyAsDouble(p))).filter(v -> v > 0).min().orElse(0.01));
    double hi = points.stream().mapToDouble(p -> Math.max(measured.applyAsDouble(p),
        predicted.applyAsDouble(p))).filter(v -> !Double.isNaN(v)).max().orElse(1);
    XYSeries diagonal = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
    diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    diagonal.setMarker(SeriesMarkers.NONE);
    diagonal.setLineColor(Color.GRAY);
    List<ConfigPoint> positive = points.stream()
        .filter(p -> measured.applyAsDouble(p) > 0 && predicted.applyAsDouble(p) > 0).toList();
    XYSeries s = chart.addSeries("configurations",
        positive.stream().mapToDouble(predicted).toArray(),
        positive.stream().mapToDouble(measured).toArray());
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(PALETTE[0]);
    for (ConfigPoint p : positive) {
      chart.addAnnotation(new AnnotationText(p.shortLabel(), predicted.applyAsDouble(p),
          measured.applyAsDouble(p) * 1.12, false));
    }
    return chart;
  }

  /**
   * Stacked per-query time of each stage (hash, lookup, union, rerank) for the configurations
   * on the kNN-recall frontier, cheapest first: shows whether a configuration is paying for
   * hashing (large k·L) or for candidates (small k).
   */
  public static org.knowm.xchart.CategoryChart costBreakdown(List<ConfigPoint> points,
      String subtitle) {
    List<ConfigPoint> frontier = Frontier.pareto(points, Recall.KNN).stream()
        .filter(p -> !Double.isNaN(p.hashUs())).toList();
    org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder()
        .width(WIDTH).height(HEIGHT)
        .title("query time by stage, kNN-recall frontier — " + subtitle)
        .xAxisTitle("configuration k,L[,T] (kNN recall@n in brackets)")
        .yAxisTitle("µs per query (one thread)").build();
    var s = chart.getStyler();
    s.setStacked(true);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.InsideNW);
    s.setXAxisLabelRotation(45);
    s.setAvailableSpaceFill(0.8);
    List<String> names = frontier.stream().map(p -> String.format(Locale.ROOT, "%s (%.2f)",
        p.shortLabel(), p.knnRecall())).toList();
    if (names.isEmpty()) {
      names = List.of("none");
      chart.addSeries("no profiled configuration", names, List.of(0));
      return chart;
    }
    String[] stage = {"hash (k·L dot products, probes)", "bucket lookup", "union + dedup",
        "exact rerank"};
    List<java.util.function.ToDoubleFunction<ConfigPoint>> value = List.of(ConfigPoint::hashUs,
        ConfigPoint::lookupUs, ConfigPoint::unionUs, ConfigPoint::rerankUs);
    for (int i = 0; i < stage.length; i++) {
      var f = value.get(i);
      List<Double> ys = frontier.stream().map(p -> f.applyAsDouble(p)).toList();
      chart.addSeries(stage[i], names, ys).setFillColor(PALETTE[i]);
    }
    return chart;
  }

  /** Mean |measured − predicted| over configurations with both. */
  public static double meanAbsoluteError(List<ConfigPoint> points, Recall r) {
    return points.stream().filter(p -> !Double.isNaN(r.predicted(p)) && !Double.isNaN(r.of(p)))
        .mapToDouble(p -> Math.abs(r.of(p) - r.predicted(p))).average().orElse(Double.NaN);
  }

  private static double maxTime(List<ConfigPoint> points) {
    return points.stream().mapToDouble(ConfigPoint::queryUs).max().orElse(1) * 1.2;
  }

  /**
   * Recall against index memory, one colour per number of probes, each with its upper
   * envelope: where a multi-probe envelope lies left of the plain one, probing reached the same
   * recall with fewer tables.
   */
  public static XYChart recallVsMemory(List<ConfigPoint> points, Recall recall, String subtitle) {
    XYChart chart = new XYChart(WIDTH, HEIGHT);
    chart.setTitle(recall.title() + " vs index memory, by probes per table — " + subtitle);
    chart.setXAxisTitle("index memory, MB (log; planes + tables, data excluded); points labelled k,L[,T]");
    chart.setYAxisTitle(recall.title());
    style(chart);
    TreeMap<Integer, List<ConfigPoint>> byProbes = new TreeMap<>();
    for (ConfigPoint p : points) {
      byProbes.computeIfAbsent(p.probes(), x -> new ArrayList<>()).add(p);
    }
    int colour = 0;
    for (var e : byProbes.entrySet()) {
      List<ConfigPoint> ps = new ArrayList<>(e.getValue());
      ps.sort(java.util.Comparator.comparingDouble(ConfigPoint::memoryBytes));
      Color c = PALETTE[colour++ % PALETTE.length];
      XYSeries dots = chart.addSeries("T=" + e.getKey() + " configurations",
          ps.stream().mapToDouble(p -> p.memoryBytes() / 1e6).toArray(),
          ps.stream().mapToDouble(recall::of).toArray());
      dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      dots.setMarker(e.getKey() > 0 ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.CIRCLE);
      dots.setMarkerColor(c);
      List<double[]> envelope = new ArrayList<>();
      double best = -1;
      for (ConfigPoint p : ps) {
        if (recall.of(p) > best) {
          best = recall.of(p);
          envelope.add(new double[] {p.memoryBytes() / 1e6, best});
        }
      }
      XYSeries line = chart.addSeries("T=" + e.getKey() + " best recall for its memory",
          envelope.stream().mapToDouble(v -> v[0]).toArray(),
          envelope.stream().mapToDouble(v -> v[1]).toArray());
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(c);
      line.setLineStyle(new BasicStroke(2f));
    }
    for (ConfigPoint p : points) {
      if (recall.of(p) >= 0.5) {
        chart.addAnnotation(new AnnotationText(p.shortLabel(), p.memoryBytes() / 1e6,
            recall.of(p) + 0.018, false));
      }
    }
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.05);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    return chart;
  }

  /** A k × L grid of one measure, values printed in the cells. */
  public static HeatMapChart heatmap(List<ConfigPoint> allPoints, String measure, String subtitle,
      java.util.function.ToDoubleFunction<ConfigPoint> value, String pattern) {
    // One value per cell: the plain-LSH (fewest probes) configurations.
    int fewest = allPoints.stream().mapToInt(ConfigPoint::probes).min().orElse(0);
    List<ConfigPoint> points = allPoints.stream().filter(p -> p.probes() == fewest).toList();
    TreeSet<Integer> ks = new TreeSet<>();
    TreeSet<Integer> ls = new TreeSet<>();
    for (ConfigPoint p : points) {
      ks.add(p.k());
      ls.add(p.l());
    }
    List<Integer> kList = new ArrayList<>(ks);
    List<Integer> lList = new ArrayList<>(ls);
    List<Number[]> cells = new ArrayList<>();
    for (ConfigPoint p : points) {
      double v = value.applyAsDouble(p);
      if (!Double.isNaN(v)) {
        cells.add(new Number[] {kList.indexOf(p.k()), lList.indexOf(p.l()), v});
      }
    }
    HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).build();
    chart.setTitle(measure + " over k × L" + (fewest > 0 ? " (T=" + fewest + ")" : "") + " — " + subtitle);
    chart.setXAxisTitle("k (bits per table)");
    chart.setYAxisTitle("L (tables)");
    chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    chart.getStyler().setShowValue(true);
    chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    chart.getStyler().setHeatMapValueDecimalPattern(pattern);
    // A light-to-medium ramp, so the dark cell values stay readable on every cell.
    chart.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x9ecae1),
        new Color(0x4292c6)});
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setValueFontColor(new Color(0x111111));
    chart.addSeries(measure, kList, lList, cells);
    return chart;
  }

  private static void style(XYChart chart) {
    var s = chart.getStyler();
    s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setXAxisLogarithmic(true);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    s.setAnnotationTextFontColor(new Color(0x333333));
    s.setAnnotationLineColor(new Color(0xc92a2a));
    s.setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
        1f, new float[] {4f, 4f}, 0f));
    s.setLegendPosition(Styler.LegendPosition.InsideSE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(0xe0e0e0));
    s.setMarkerSize(7);
    s.setDecimalPattern("#,##0.##");
  }

  private static Color withAlpha(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /** Saves {@code name}.png and {@code name}.svg in {@code folder}, each atomically. */
  public static void save(Chart<?, ?> chart, Path folder, String name) throws IOException {
    AtomicFiles.write(folder.resolve(name + ".png"), tmp -> {
      // closed here: an open stream would keep a failed file's blocks on a full disk
      try (var out = Files.newOutputStream(tmp)) {
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
      }
    });
    AtomicFiles.write(folder.resolve(name + ".svg"), tmp -> {
      try (var out = Files.newOutputStream(tmp)) {
        VectorGraphicsEncoder.saveVectorGraphic(chart, out,
            VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      }
    });
  }

  static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
