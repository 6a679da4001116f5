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
import lshbench.family.FamilyRegistry;
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

  /** Longest title that fits 1,200 px in the 16-point bold title font, with margins. */
  static final int TITLE_CHARS = 105;

  private SweepPlots() {}

  /**
   * "{@code head} — {@code subtitle}" within {@link #TITLE_CHARS}: when too long, the model's
   * name (the subtitle before ", n=") is shortened with an ellipsis, so the sizes and the
   * family at the end stay readable rather than running off the edge.
   */
  static String title(String head, String subtitle) {
    String full = head + " — " + subtitle;
    int over = full.length() - TITLE_CHARS;
    int cut = subtitle.indexOf(", n=");
    if (over <= 0) {
      return full;
    }
    if (cut > 0 && cut - over - 1 >= 12) {
      return head + " — " + subtitle.substring(0, cut - over - 1).stripTrailing() + "…"
          + subtitle.substring(cut);
    }
    return full.substring(0, TITLE_CHARS - 1) + "…";
  }

  /** "43 µs", "728 µs", "2.5 ms", "12 ms": a time for a label or legend. */
  static String time(double us) {
    if (Double.isNaN(us)) {
      return "–";
    }
    if (us < 10) {
      return fmt("%.1f µs", us);
    }
    if (us < 1000) {
      return fmt("%.0f µs", us);
    }
    return us < 10_000 ? fmt("%.2f ms", us / 1000) : fmt("%,.1f ms", us / 1000);
  }

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
    chart.setTitle(title(recall.title() + " vs query time", subtitle));
    chart.setXAxisTitle("median query time, µs (log, one thread, the run's clock); frontier points "
        + "labelled k,L[,T probes][/R kept]");
    chart.setYAxisTitle(recall.title());
    style(chart);
    // One series per (R, T, L): along it k grows and queries get cheaper.
    TreeMap<List<Integer>, List<ConfigPoint>> byL = new TreeMap<>((a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int c = Integer.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    for (ConfigPoint p : points) {
      if (!Double.isNaN(recall.of(p))) {
        byL.computeIfAbsent(List.of(p.rerankKeep(), p.probes(), p.l()), x -> new ArrayList<>())
            .add(p);
      }
    }
    int colour = 0;
    for (var e : byL.entrySet()) {
      List<ConfigPoint> series = e.getValue();
      double[] x = series.stream().mapToDouble(ConfigPoint::queryUs).toArray();
      double[] y = series.stream().mapToDouble(recall::of).toArray();
      int probes = e.getKey().get(1);
      int keep = e.getKey().get(0);
      String name = "L=" + e.getKey().get(2) + (probes > 0 ? " T=" + probes : "")
          + (keep > 0 ? " R=" + keep : "");
      boolean repeated = series.stream().anyMatch(p -> p.repeats() > 1);
      XYSeries s = repeated
          ? chart.addSeries(name, x, y, series.stream().mapToDouble(recall::std).toArray())
          : chart.addSeries(name, x, y);
      s.setMarker(keep > 0 ? SeriesMarkers.SQUARE
          : probes > 0 ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.CIRCLE);
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
    // Only the frontier is labelled: most of a grid sits within a decade of time, where every
    // label would overlap every other (the run's page shows the rest on hover).
    double yMin = yMin(points, recall);
    labelFrontier(chart, frontier, recall, yMin);
    if (recommended != null && !Double.isNaN(recall.of(recommended))) {
      XYSeries star = chart.addSeries("recommended " + recommended.label(),
          new double[] {recommended.queryUs()}, new double[] {recall.of(recommended)});
      star.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      star.setMarker(SeriesMarkers.DIAMOND);
      star.setMarkerColor(new Color(0xe03131));
      chart.getStyler().setMarkerSize(9);
    }
    return withExactScan(chart, points, exactUs, yMin);
  }

  /**
   * Recall against query time for several index families on the same queries: one colour per
   * family, its Pareto frontier drawn as a line, every point labelled, the exact scan marked.
   */
  public static XYChart families(List<ConfigPoint> points, Recall recall, String subtitle,
      double exactUs) {
    XYChart chart = new XYChart(WIDTH, HEIGHT);
    chart.setTitle(title(recall.title() + " vs query time by family", subtitle));
    chart.setXAxisTitle("median query time, µs (log, one thread); lines: each family's frontier, "
        + "labelled k,L[,T][/R] (cp: cross-polytope, pca: PCA planes), ef for HNSW");
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
        labelFrontier(chart, frontier, recall, yMin(points, recall));
      }
    }
    return withExactScan(chart, points, exactUs, yMin(points, recall));
  }

  /**
   * Labels frontier points, skipping one that would sit on the previous label (closer than
   * {@code LABEL_GAP} of the plot in both directions): a frontier's left end can be dense too.
   */
  private static void labelFrontier(XYChart chart, List<ConfigPoint> frontier, Recall recall,
      double yMin) {
    for (ConfigPoint p : labelled(frontier, recall, yMin)) {
      chart.addAnnotation(new AnnotationText(p.shortLabel(), p.queryUs(),
          recall.of(p) + 0.018 * (1 - yMin), false));
    }
  }

  /** The frontier points that get a label, on a recall axis from {@code yMin} to 1. */
  static List<ConfigPoint> labelled(List<ConfigPoint> frontier, Recall recall, double yMin) {
    double span = 1 - yMin;
    List<ConfigPoint> out = new ArrayList<>();
    double lastX = Double.NaN;
    double lastY = Double.NaN;
    for (ConfigPoint p : frontier) {
      double x = Math.log10(p.queryUs());
      double y = recall.of(p);
      if (!Double.isNaN(lastX) && Math.abs(x - lastX) < 0.09 && Math.abs(y - lastY) < 0.035 * span) {
        continue;
      }
      out.add(p);
      lastX = x;
      lastY = y;
    }
    return out;
  }


  /**
   * Marks the exact scan's time and fixes the axes of a recall-vs-time chart: recall up to 1,
   * and from 0 unless every point is high, when the axis starts just below the lowest (a tuner's
   * candidates all near its target would otherwise share a sliver of the plot).
   */
  private static XYChart withExactScan(XYChart chart, List<ConfigPoint> points, double exactUs,
      double yMin) {
    if (exactUs > 0) {
      chart.addAnnotation(new AnnotationLine(exactUs, true, false));
      chart.addAnnotation(new AnnotationText("exact scan " + time(exactUs), exactUs,
          (yMin + 1) / 2, false));
    }
    chart.getStyler().setXAxisMax(exactUs > 0 ? Math.max(exactUs * 1.5, maxTime(points)) : null);
    chart.getStyler().setYAxisMin(yMin);
    chart.getStyler().setYAxisMax(1.0);
    return chart;
  }

  /** 0, or just below the lowest recall when every point is above 0.5. */
  static double yMin(List<ConfigPoint> points, Recall recall) {
    double low = points.stream().mapToDouble(recall::of).filter(v -> !Double.isNaN(v)).min()
        .orElse(0);
    return low > 0.5 ? Math.floor((low - 0.03) * 20) / 20 : 0.0;
  }


  /**
   * Measured against predicted (collision theory) for both recalls, with the y = x line: points
   * on the line mean 1 − (1 − p^k)^L explains the index.
   */
  public static XYChart theoryRecall(List<ConfigPoint> points, String subtitle) {
    XYChart chart = new XYChart(WIDTH, HEIGHT);
    chart.setTitle(title("measured vs predicted recall, 1 − (1 − p^k)^L", subtitle));
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
    return theoryLogLog(points, title("measured vs predicted candidates per query", subtitle),
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
    return theoryLogLog(points, title("measured vs modelled query time", subtitle),
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
    // No point labels: a grid's points crowd along y = x, where labels would only overlap.
    return chart;
  }

  /**
   * Per-query time of each stage (hash, lookup, union, rerank) for the configurations on the
   * kNN-recall frontier, cheapest first, beside the query's time as the run timed it: shows
   * whether a configuration is paying for hashing (large k·L) or for candidates (small k). Bars
   * stand side by side on a log axis, so a 10 µs hash stage is as readable as a 5 ms rerank.
   * The stages are profiled in one pass on the wall clock, the timed figure comes from the
   * interleaved rounds on the run's clock; the axis title says by how much they differ.
   *
   * @param family the family the points belong to: its spec names the hash stage's work
   * @param clock the run's ranking clock ("cpu" or "wall")
   */
  public static org.knowm.xchart.CategoryChart costBreakdown(List<ConfigPoint> points,
      String family, String clock, String subtitle) {
    List<ConfigPoint> frontier = Frontier.pareto(points, Recall.KNN).stream()
        .filter(p -> !Double.isNaN(p.hashUs())).toList();
    double[] ratio = frontier.stream().mapToDouble(p -> (p.hashUs() + p.lookupUs() + p.unionUs()
        + p.rerankUs()) / p.queryUs()).sorted().toArray();
    String differ = ratio.length == 0 ? "" : fmt("; sum %.2f× the timed figure (median)%s",
        ratio[ratio.length / 2], "cpu".equals(clock) ? ", which is cpu time: wall time counts "
            + "waits for a busy core" : "");
    org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder()
        .width(WIDTH).height(HEIGHT)
        .title(title("query time by stage, kNN-recall frontier", subtitle))
        .xAxisTitle("stages: wall clock, one pass, ≤ 100 queries, 4 clock reads (~1 µs)" + differ)
        .yAxisTitle("µs per query (log, one thread)").build();
    var s = chart.getStyler();
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setXAxisLabelRotation(30);
    s.setAvailableSpaceFill(0.85);
    s.setYAxisLogarithmic(true);
    s.setDecimalPattern("#,##0.#");
    List<String> names = frontier.stream().map(p -> String.format(Locale.ROOT, "%s (%.2f)",
        p.shortLabel(), p.knnRecall())).toList();
    if (names.isEmpty()) {
      s.setYAxisLogarithmic(false);
      names = List.of("none");
      chart.addSeries("no profiled configuration", names, List.of(0));
      return chart;
    }
    boolean probed = frontier.stream().anyMatch(p -> p.probes() > 0);
    String[] stage = {"hash (" + FamilyRegistry.standard().hashCost(family)
        + (probed ? ", probe sequence" : "") + ")", "bucket lookup", "union + dedup",
        "exact rerank", "whole query as timed (" + clock + " clock, summary)"};
    List<java.util.function.ToDoubleFunction<ConfigPoint>> value = List.of(ConfigPoint::hashUs,
        ConfigPoint::lookupUs, ConfigPoint::unionUs, ConfigPoint::rerankUs, ConfigPoint::queryUs);
    double floor = 0.1;
    for (int i = 0; i < stage.length; i++) {
      var f = value.get(i);
      // a log axis has no zero: a stage under 0.1 µs is drawn at the floor
      List<Double> ys = frontier.stream().map(p -> Math.max(floor, f.applyAsDouble(p))).toList();
      chart.addSeries(stage[i], names, ys).setFillColor(i == 4 ? Color.DARK_GRAY : PALETTE[i]);
    }
    s.setYAxisMin(floor);
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
    chart.setTitle(title(recall.title() + " vs index memory, by probes per table", subtitle));
    chart.setXAxisTitle("index memory, MB (log; planes + tables, data excluded); envelope points "
        + "labelled k,L[,T]");
    chart.setYAxisTitle(recall.title());
    style(chart);
    TreeMap<Integer, List<ConfigPoint>> byProbes = new TreeMap<>();
    for (ConfigPoint p : points) {
      byProbes.computeIfAbsent(p.probes(), x -> new ArrayList<>()).add(p);
    }
    int colour = 0;
    List<ConfigPoint> labelled = new ArrayList<>();
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
      labelled.addAll(envelopePoints(ps, recall));
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(c);
      line.setLineStyle(new BasicStroke(2f));
    }
    for (ConfigPoint p : labelled) {
      chart.addAnnotation(new AnnotationText(p.shortLabel(), p.memoryBytes() / 1e6,
          recall.of(p) + 0.018, false));
    }
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    // inside, the legend would hide the envelopes' small-memory end
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    return chart;
  }

  /** The points of {@code sorted} (by memory) that raise the best recall so far. */
  private static List<ConfigPoint> envelopePoints(List<ConfigPoint> sorted, Recall recall) {
    List<ConfigPoint> out = new ArrayList<>();
    double best = -1;
    for (ConfigPoint p : sorted) {
      if (recall.of(p) > best) {
        best = recall.of(p);
        out.add(p);
      }
    }
    return out;
  }

  /** A k × L grid of one measure, values printed in the cells, on a linear colour scale. */
  public static HeatMapChart heatmap(List<ConfigPoint> allPoints, String measure, String subtitle,
      java.util.function.ToDoubleFunction<ConfigPoint> value, String pattern) {
    return heatmap(allPoints, measure, subtitle, value, pattern, false,
        v -> new java.text.DecimalFormat(pattern, java.text.DecimalFormatSymbols.getInstance(
            Locale.ROOT)).format(v));
  }

  /** Query time over the k × L grid: a log colour scale, since times span decades. */
  public static HeatMapChart heatmapTime(List<ConfigPoint> allPoints, String clock,
      String subtitle) {
    return heatmap(allPoints, "median query time (µs, " + clock + " clock, log colour)", subtitle,
        ConfigPoint::queryUs, "#,##0", true, SweepPlots::time);
  }

  /**
   * The grid, one cell per (k, L) of the plain configurations (fewest probes, no two-pass
   * rerank), the legend's ends written by {@code legend}. With {@code log}, colours follow the
   * logarithm of the value: XChart's gradient is linear in the value, so the ramp gets many
   * stops, each coloured at its value's logarithmic position (cells keep their real values).
   */
  private static HeatMapChart heatmap(List<ConfigPoint> allPoints, String measure,
      String subtitle, java.util.function.ToDoubleFunction<ConfigPoint> value, String pattern,
      boolean log, java.util.function.Function<Double, String> legend) {
    // One value per cell: the plain-LSH (fewest probes) configurations reranked exactly.
    int fewest = allPoints.stream().mapToInt(ConfigPoint::probes).min().orElse(0);
    int keep = allPoints.stream().mapToInt(ConfigPoint::rerankKeep).min().orElse(0);
    List<ConfigPoint> points = allPoints.stream()
        .filter(p -> p.probes() == fewest && p.rerankKeep() == keep).toList();
    TreeSet<Integer> ks = new TreeSet<>();
    TreeSet<Integer> ls = new TreeSet<>();
    for (ConfigPoint p : points) {
      ks.add(p.gridK());
      ls.add(p.l());
    }
    List<Integer> kList = new ArrayList<>(ks);
    List<Integer> lList = new ArrayList<>(ls);
    List<Number[]> cells = new ArrayList<>();
    for (ConfigPoint p : points) {
      double v = value.applyAsDouble(p);
      if (!Double.isNaN(v)) {
        cells.add(new Number[] {kList.indexOf(p.gridK()), lList.indexOf(p.l()), v});
      }
    }
    double lo = cells.stream().mapToDouble(c -> c[2].doubleValue()).min().orElse(1);
    double hi = cells.stream().mapToDouble(c -> c[2].doubleValue()).max().orElse(1);
    HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).build();
    chart.setTitle(title(measure + " over k × L" + (fewest > 0 ? " (T=" + fewest + ")" : ""),
        subtitle));
    chart.setXAxisTitle("k (bits per table); colour: " + (log ? "log scale" : "linear") + " from "
        + legend.apply(lo) + " (white) to " + legend.apply(hi) + " (blue)");
    chart.setYAxisTitle("L (tables)");
    chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    chart.getStyler().setShowValue(true);
    chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    chart.getStyler().setHeatMapValueDecimalPattern(pattern);
    // A light-to-medium ramp, so the dark cell values stay readable on every cell.
    Color[] ramp = {new Color(0xf7fbff), new Color(0x9ecae1), new Color(0x4292c6)};
    chart.getStyler().setRangeColors(log && lo > 0 && hi > lo ? logRamp(ramp, lo, hi) : ramp);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    // XChart's colour bar prints its ends unformatted ("42.9821"): the axis title says them
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setValueFontColor(new Color(0x111111));
    chart.addSeries(measure, kList, lList, cells);
    return chart;
  }

  /**
   * Stops evenly spaced in value from {@code lo} to {@code hi}, each the colour {@code ramp}
   * gives its value's position on a log scale: a linear gradient through them is a log scale.
   */
  static Color[] logRamp(Color[] ramp, double lo, double hi) {
    Color[] stops = new Color[65];
    for (int i = 0; i < stops.length; i++) {
      double v = lo + (hi - lo) * i / (stops.length - 1);
      double t = Math.log(v / lo) / Math.log(hi / lo) * (ramp.length - 1);
      int a = Math.min((int) t, ramp.length - 2);
      double f = t - a;
      stops[i] = new Color(mix(ramp[a].getRed(), ramp[a + 1].getRed(), f),
          mix(ramp[a].getGreen(), ramp[a + 1].getGreen(), f),
          mix(ramp[a].getBlue(), ramp[a + 1].getBlue(), f));
    }
    return stops;
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * Math.min(1, Math.max(0, f)));
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
