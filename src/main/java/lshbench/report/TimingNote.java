package lshbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far a run's timings can be trusted, in a few lines for summary.txt and the run's page:
 * the clock and rounds, how much the exact scan's rounds disagreed, how many configurations
 * were flagged noisy, and how busy the machine was (load average at start and end against its
 * cores). Read from results.csv and run.json only; an older run without them says so.
 */
record TimingNote(String clock, int rounds, double tolerance, ConfigPoint exact, int noisy,
    int configurations, String loadStart, String loadEnd, String cores, double exactOtherClockUs) {

  static TimingNote of(ResultsTable results, Map<String, String> runJson) {
    List<ConfigPoint> points = results.points();
    ConfigPoint exact = results.exact();
    int rounds = results.table().intColumn(lshbench.experiment.ResultColumns.ROUNDS).getInt(0);
    double tolerance = parse(runJson.get("timing_tolerance"));
    boolean cpu = !"wall".equals(results.clock());
    String other = cpu ? lshbench.experiment.ResultColumns.EXACT_WALL
        : lshbench.experiment.ResultColumns.EXACT_CPU;
    double otherUs = Double.NaN;
    var table = results.table();
    for (int r = 0; r < table.rowCount(); r++) {
      if (table.stringColumn(lshbench.experiment.ResultColumns.FAMILY).get(r)
          .equals(lshbench.experiment.ResultColumns.EXACT_FAMILY)) {
        otherUs = table.doubleColumn(other).getDouble(r);
      }
    }
    return new TimingNote(results.clock(), rounds, tolerance, exact,
        (int) points.stream().filter(ConfigPoint::noisy).count(), points.size(),
        runJson.get("load_average_start"), runJson.get("load_average_end"), runJson.get("cores"),
        otherUs);
  }

  private static double parse(String text) {
    try {
      return text == null ? Double.NaN : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The lines, without indentation or trailing newlines. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    String otherClock = "cpu".equals(clock) ? "wall" : "cpu";
    out.add(String.format(Locale.ROOT, "clock: %s (ranks the frontier and the targets); %d "
        + "interleaved rounds; a figure is each query's median over the rounds, averaged over the "
        + "queries; p25–p75 are the quartiles of the rounds' means", clock, rounds));
    if (exact != null) {
      out.add(String.format(Locale.ROOT, "exact scan: %,.0f µs (rounds p25–p75 %,.0f–%,.0f µs, "
          + "spread %.1f%%)%s; %s clock %,.0f µs", exact.queryUs(), exact.queryP25(),
          exact.queryP75(), 100 * (exact.queryP75() - exact.queryP25()) / exact.queryUs(),
          exact.noisy() ? ", NOISY" : "", otherClock, exactOtherClockUs));
    }
    out.add(String.format(Locale.ROOT, "noisy: %d of %d configurations (rounds' interquartile "
        + "range above %s of the figure)", noisy, configurations,
        Double.isNaN(tolerance) ? "the run's tolerance" : String.format(Locale.ROOT, "%.0f%%",
            100 * tolerance)));
    out.add(loadStart == null ? "load average: not recorded (run.json without it)"
        : String.format(Locale.ROOT, "load average (1 min): %s at start, %s at end, on %s cores",
            loadStart, loadEnd, cores == null ? "?" : cores));
    return out;
  }
}
