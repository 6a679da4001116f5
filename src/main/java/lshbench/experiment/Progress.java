package lshbench.experiment;

import java.io.PrintStream;
import java.util.Locale;

/** "configs done / total, elapsed, ETA" lines for long loops, on stderr. */
final class Progress {
  /** {@link #tick} prints at most this often between the lines it must print. */
  private static final long QUIET_NANOS = 10_000_000_000L;

  private final String what;
  private final int total;
  private final long start = System.nanoTime();
  private final PrintStream out;
  private int done;
  private long printed = System.nanoTime();

  Progress(String what, int total, PrintStream out) {
    this.what = what;
    this.total = total;
    this.out = out;
  }

  void step(String detail) {
    at(done + 1, detail);
  }

  /** Reports {@code units} more done. */
  void advance(int units, String detail) {
    at(done + units, detail);
  }

  /**
   * Counts {@code units} more done, printing only when {@code always} or when nothing was
   * printed for ten seconds: for steps too many to print each (turns within a timing round).
   */
  void tick(int units, boolean always, String detail) {
    done += units;
    if (always || System.nanoTime() - printed > QUIET_NANOS) {
      at(done, detail);
    }
  }

  /** Reports {@code count} of the total done (for work that reports its own count). */
  void at(int count, String detail) {
    done = count;
    printed = System.nanoTime();
    double elapsed = (System.nanoTime() - start) / 1e9;
    // Nothing done yet (warm-up, the exact scan's turn): no rate to extrapolate from.
    String eta = done == 0 ? "?" : clock(elapsed / done * (total - done));
    out.printf(Locale.ROOT, "[%s] %d/%d %3.0f%%  %-40s  elapsed %s  ETA %s%n", what, done, total,
        100.0 * done / total, detail, clock(elapsed), eta);
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
