package lshbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lshbench.experiment.DedupBench;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The benchmark's pictures: pair precision and recall against the distance threshold (exact
 * all-pairs and the operating LSH configuration), and recall and speed-up over the (k, L) grid
 * at the operating threshold.
 */
public final class DedupBenchPlots {
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
  };

  private DedupBenchPlots() {}

  /** Writes the plots (PNG and SVG) into the run folder; returns the PNGs. */
  public static List<Path> write(DedupBench.Result r) throws IOException {
    Path folder = r.folder().path();
    List<Path> out = new ArrayList<>();
    SweepPlots.save(vsThreshold(r), folder, "pr-vs-threshold");
    out.add(folder.resolve("pr-vs-threshold.png"));
    SweepPlots.save(vsKl(r, false), folder, "recall-vs-kl");
    out.add(folder.resolve("recall-vs-kl.png"));
    SweepPlots.save(vsKl(r, true), folder, "speedup-vs-kl");
    out.add(folder.resolve("speedup-vs-kl.png"));
    return out;
  }

  static XYChart vsThreshold(DedupBench.Result r) {
    XYChart chart = new XYChart(1100, 750);
    chart.setTitle(String.format(Locale.ROOT, "Near-duplicate pairs: precision and recall vs "
        + "threshold — %d images, %s", r.images(), shortModel(r.model())));
    chart.setXAxisTitle("threshold (cosine distance 1 − cos)");
    chart.setYAxisTitle("pair precision / recall vs ground truth");
    style(chart);
    series(chart, r, "exact", 0, 0, true, "precision, exact all-pairs", PALETTE[0], false);
    series(chart, r, "exact", 0, 0, false, "recall, exact all-pairs", PALETTE[1], false);
    String lsh = String.format(Locale.ROOT, "LSH k=%d L=%d", r.operatingK(), r.operatingL());
    series(chart, r, "lsh", r.operatingK(), r.operatingL(), true, "precision, " + lsh,
        PALETTE[0], true);
    series(chart, r, "lsh", r.operatingK(), r.operatingL(), false, "recall, " + lsh, PALETTE[1],
        true);
    return chart;
  }

  private static void series(XYChart chart, DedupBench.Result r, String method, int k, int l,
      boolean precision, String name, Color colour, boolean dashed) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (DedupBench.Row row : r.rows()) {
      if (row.method().equals(method) && row.k() == k && row.l() == l) {
        x.add(row.threshold());
        y.add(precision ? row.precision() : row.recall());
      }
    }
    if (x.isEmpty()) {
      return;
    }
    XYSeries s = chart.addSeries(name, x, y);
    s.setLineColor(colour);
    s.setMarkerColor(colour);
    s.setMarker(dashed ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
    if (dashed) {
      s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
          new float[] {6f, 4f}, 0f));
    }
  }

  /** Recall (vs ground truth and vs exact) or speed-up against k, one series per L. */
  static XYChart vsKl(DedupBench.Result r, boolean speedup) {
    XYChart chart = new XYChart(1100, 750);
    double t = r.operatingThreshold();
    chart.setTitle(String.format(Locale.ROOT, speedup
        ? "LSH speed-up over exact all-pairs (one thread) vs k, threshold %.3f — %d images"
        : "LSH pair recall vs k at threshold %.3f — %d images", t, r.images()));
    chart.setXAxisTitle("k (bits per table); one colour per L");
    chart.setYAxisTitle(speedup ? "speed-up (exact time / LSH build + pairs time), log"
        : "pair recall: solid vs ground truth, dashed vs exact all-pairs");
    style(chart);
    if (speedup) {
      chart.getStyler().setYAxisLogarithmic(true);
    }
    int colour = 0;
    for (int l : r.ls()) {
      Color c = PALETTE[colour++ % PALETTE.length];
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      List<Double> y2 = new ArrayList<>();
      for (DedupBench.Row row : r.rows()) {
        if (row.method().equals("lsh") && row.l() == l && Math.abs(row.threshold() - t) < 1e-9) {
          x.add((double) row.k());
          y.add(speedup ? row.speedup() : row.recall());
          y2.add(row.recallVsExact());
        }
      }
      if (x.isEmpty()) {
        continue;
      }
      XYSeries s = chart.addSeries((speedup ? "" : "vs truth, ") + "L=" + l, x, y);
      s.setLineColor(c);
      s.setMarkerColor(c);
      s.setMarker(SeriesMarkers.CIRCLE);
      if (!speedup) {
        XYSeries e = chart.addSeries("vs exact, L=" + l, x, y2);
        e.setLineColor(c);
        e.setMarkerColor(c);
        e.setMarker(SeriesMarkers.DIAMOND);
        e.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
            new float[] {6f, 4f}, 0f));
      }
    }
    if (!speedup) {
      for (DedupBench.Row row : r.rows()) {
        if (row.method().equals("exact") && Math.abs(row.threshold() - t) < 1e-9) {
          XYSeries e = chart.addSeries("exact all-pairs vs truth", new double[] {r.ks()[0],
              r.ks()[r.ks().length - 1]}, new double[] {row.recall(), row.recall()});
          e.setLineColor(Color.BLACK);
          e.setMarker(SeriesMarkers.NONE);
        }
      }
    }
    return chart;
  }

  private static void style(XYChart chart) {
    var s = chart.getStyler();
    s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(0xe0e0e0));
    s.setMarkerSize(7);
    s.setDecimalPattern("#,##0.###");
  }

  private static String shortModel(String model) {
    int paren = model.indexOf(')');
    int comma = model.indexOf(',', Math.max(0, paren));
    return comma > 0 ? model.substring(0, comma) : model;
  }
}
