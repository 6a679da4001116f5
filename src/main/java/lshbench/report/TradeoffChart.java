package lshbench.report;

import static lshbench.report.Html.esc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * The run page's interactive trade-off chart: every configuration and the exact scan as a
 * point, recall against query time, memory or candidates (log axes), with a tooltip giving
 * every parameter, wheel zoom and drag pan, toggles per family, L, probes and rerank, and the
 * Pareto frontier of the shown points. The numbers are {@link ConfigPoint}'s, as read from
 * results.csv, written as JSON; {@code tradeoff.js} only draws them.
 */
final class TradeoffChart {
  static final String ID = "tradeoff";

  private TradeoffChart() {}

  /** The chart's container and its data; the scripts come from {@link #scripts()}. */
  static void section(StringBuilder h, List<ConfigPoint> candidates, boolean labelled, String clock) {
    ObjectNode data = PageJson.object();
    data.put("clock", clock);
    data.put("labelled", labelled);
    ArrayNode points = data.putArray("points");
    for (ConfigPoint p : candidates) {
      points.add(point(p));
    }
    h.append("<div class=\"chart-box\"><div class=\"chart-controls\" id=\"").append(ID)
        .append("-controls\"></div><div class=\"chart\" id=\"").append(ID).append("\" role=\"img\" ")
        .append("aria-label=\"").append(esc("recall against query time, every configuration"))
        .append("\"></div></div>\n<p class=\"muted chart-help\">Hover a point for its parameters; "
            + "wheel to zoom, drag to pan, the box icon (top right) zooms to a drawn box and ↺ "
            + "resets. Tick families and values to show or hide them; the dashed line is the "
            + "Pareto frontier of the points shown, the red diamond the exact scan.</p>\n")
        .append(PageJson.script(ID + "-data", data));
  }

  /**
   * One configuration: its parameters and measures as read from the CSV (means over repeats
   * for recalls and sizes, medians for times), NaN as null.
   */
  static ObjectNode point(ConfigPoint p) {
    ObjectNode o = PageJson.object();
    o.put("family", p.family());
    o.put("label", p.label());
    o.put("short", p.shortLabel());
    o.put("exact", p.isExact());
    if (p.isHnsw()) {
      o.put("M", p.hnsw().m());
      o.put("efC", p.hnsw().efConstruction());
      o.put("ef", p.hnsw().ef());
    } else if (!p.isExact()) {
      o.put("k", p.k());
      o.put("L", p.l());
      o.put("T", p.probes());
      o.put("R", p.rerankKeep());
    }
    o.put("repeats", p.repeats());
    PageJson.put(o, "knn", p.knnRecall());
    PageJson.put(o, "knnSd", p.knnRecallStd());
    PageJson.put(o, "labelRecall", p.labelRecall());
    PageJson.put(o, "labelSd", p.labelRecallStd());
    PageJson.put(o, "precision", p.precision());
    PageJson.put(o, "us", p.queryUs());
    PageJson.put(o, "p25", p.queryP25());
    PageJson.put(o, "p75", p.queryP75());
    PageJson.put(o, "speedup", p.speedup());
    PageJson.put(o, "memoryBytes", p.memoryBytes());
    PageJson.put(o, "candidates", p.candidates());
    PageJson.put(o, "buildMs", p.buildMs());
    o.put("noisy", p.noisy());
    return o;
  }

  /** The chart library and lshbench's chart code, for the end of the page's body. */
  static String scripts(String own) throws IOException {
    return "<script>\n" + ChartScript.library() + "\n</script>\n<script>\n"
        + ChartScript.own("chart-common.js") + "\n" + ChartScript.own(own) + "\n</script>\n";
  }
}
