package lshbench.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lshbench.io.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The scale curve: query time and memory against n, exact scan vs tuned LSH, log–log. */
public final class ScalePlots {
  private ScalePlots() {}

  public static final String TABLE = "scale.txt";

  /** Reads {@code scale.csv} in {@code folder}; writes the two plots and {@code scale.txt}. */
  public static Path write(Path folder) throws IOException {
    List<CSVRecord> rows;
    try (Reader r = Files.newBufferedReader(folder.resolve("scale.csv"))) {
      rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)
          .getRecords();
    }
    if (rows.isEmpty()) {
      throw new IOException(folder + "/scale.csv: no rows");
    }
    double[] n = col(rows, "n");
    String target = rows.get(0).get("target_recall");
    String dim = rows.get(0).get("dim");
    XYChart time = chart("query time vs n at kNN recall@10 ≥ " + target + " (d=" + dim + ", SYNTHETIC clusters)",
        "µs per query (log, one thread)");
    add(time, "exact scan", n, col(rows, "exact_us"), new Color(0xc92a2a));
    add(time, "LSH, tuned at each n", n, col(rows, "lsh_us"), new Color(0x1f77b4));
    for (CSVRecord r : rows) {
      time.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "k=%s L=%s, %s×", r.get("k"),
          r.get("L"), r.get("speedup")), Double.parseDouble(r.get("n")),
          Double.parseDouble(r.get("lsh_us")) * 0.75, false));
    }
    SweepPlots.save(time, folder, "scale-time");
    XYChart memory = chart("memory vs n (d=" + dim + ")", "MB (log)");
    add(memory, "the vectors themselves (exact scan needs nothing more)", n,
        scaled(col(rows, "data_bytes")), new Color(0x7f7f7f));
    add(memory, "LSH index (planes + tables)", n, scaled(col(rows, "lsh_memory_bytes")),
        new Color(0x1f77b4));
    SweepPlots.save(memory, folder, "scale-memory");
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "%10s %10s %14s %12s %9s %9s %12s %10s %10s %11s%n", "n", "exact µs", "k,L,T", "LSH µs",
        "speed-up", "recall", "LSH MB", "B/item", "peak heap", "load"));
    for (CSVRecord r : rows) {
      s.append(String.format(Locale.ROOT, "%10s %10s %14s %12s %8sx %9s %12.1f %10s %10s %11s%s%n",
          r.get("n"), r.get("exact_us"), r.get("k") + "," + r.get("L") + ","
              + (get(r, "probes_total", "0").equals("0") ? get(r, "probes", "0")
                  : "B" + r.get("probes_total")),
          r.get("lsh_us"), r.get("speedup"), r.get("knn_recall"),
          Double.parseDouble(r.get("lsh_memory_bytes")) / 1e6, get(r, "lsh_bytes_per_item", "?"),
          r.isMapped("peak_heap_bytes") ? String.format(Locale.ROOT, "%.2f GB",
              Double.parseDouble(r.get("peak_heap_bytes")) / 1e9) : "?",
          get(r, "load_start", "?") + "-" + get(r, "load_end", "?"),
          Boolean.parseBoolean(r.get("accepted")) ? "" : "  (target not confirmed)"));
    }
    s.append(slopes(n, col(rows, "exact_us"), col(rows, "lsh_us")));
    Path txt = folder.resolve(TABLE);
    AtomicFiles.writeString(txt, s.toString());
    return txt;
  }

  /**
   * The local growth exponent between successive sizes, Δlog t / Δlog n: 1 is linear (the exact
   * scan), below 1 is the sub-linear growth LSH promises; where LSH's exponent jumps is where
   * the curve bends.
   */
  static String slopes(double[] n, double[] exact, double[] lsh) {
    if (n.length < 2) {
      return "";
    }
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "%ngrowth exponent between successive n (Δlog time / Δlog n; 1 = linear)%n%21s %8s %8s%n",
        "n range", "exact", "LSH"));
    int bend = -1;
    double largest = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < n.length; i++) {
      double dn = Math.log(n[i] / n[i - 1]);
      double e = Math.log(exact[i] / exact[i - 1]) / dn;
      double l = Math.log(lsh[i] / lsh[i - 1]) / dn;
      s.append(String.format(Locale.ROOT, "%10.0f-%-10.0f %8.2f %8.2f%n", n[i - 1], n[i], e, l));
      if (i > 1) {
        double prev = Math.log(lsh[i - 1] / lsh[i - 2]) / Math.log(n[i - 1] / n[i - 2]);
        if (l - prev > largest) {
          largest = l - prev;
          bend = i - 1;
        }
      }
    }
    double overall = Math.log(lsh[n.length - 1] / lsh[0]) / Math.log(n[n.length - 1] / n[0]);
    s.append(String.format(Locale.ROOT, "LSH overall: %.2f (%s)%n", overall,
        overall < 0.9 ? "sub-linear" : "not clearly sub-linear"));
    if (bend > 0) {
      s.append(String.format(Locale.ROOT, "LSH's exponent rises most after n = %.0f (by %+.2f)%n",
          n[bend], largest));
    }
    return s.toString();
  }

  private static String get(CSVRecord r, String column, String absent) {
    return r.isMapped(column) ? r.get(column) : absent;
  }

  private static XYChart chart(String title, String yTitle) {
    XYChart c = new XYChart(1200, 800);
    c.setTitle(title);
    c.setXAxisTitle("n (log)");
    c.setYAxisTitle(yTitle);
    var s = c.getStyler();
    s.setXAxisLogarithmic(true);
    s.setYAxisLogarithmic(true);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.InsideNW);
    s.setMarkerSize(8);
    return c;
  }

  private static void add(XYChart c, String name, double[] x, double[] y, Color colour) {
    XYSeries s = c.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(colour);
    s.setLineColor(colour);
  }

  private static double[] col(List<CSVRecord> rows, String name) {
    return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(name))).toArray();
  }

  private static double[] scaled(double[] bytes) {
    double[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] /= 1e6;
    }
    return out;
  }
}
