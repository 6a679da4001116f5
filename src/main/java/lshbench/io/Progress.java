package lshbench.io;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long loop: "done / total, elapsed, ETA". On a terminal it is one progress bar
 * redrawn in place (me.tongfei:progressbar); anywhere else (a CI log, {@code mvn -q} piped to
 * a file, a test's captured stream) it is a line at the start, at most one every
 * {@link #LINE_NANOS}, and one at the end, so a log stays short and still shows the work moving.
 */
public final class Progress implements AutoCloseable {
  /** Between two lines of a log, at least this long (the first and last are always printed). */
  static final long LINE_NANOS = 5_000_000_000L;

  /** The bar being drawn, if any: a second progress meanwhile prints lines instead. */
  private static volatile ProgressBar active;
  /** The terminal's own stream, which bars draw on; null until {@link #console} wraps it. */
  private static volatile PrintStream terminal;

  private final String what;
  private final int total;
  /** Units done before this process started (a resumed run): counted, but not in the rate. */
  private final int already;
  /** What a unit is ("images"), shown with a rate; null for plain steps. */
  private final String unit;
  private final long start = System.nanoTime();
  private final PrintStream out;
  private final ProgressBar bar;
  private int done;
  private long printed;
  private boolean anyPrinted;
  private String detail = "";
  private boolean closed;

  /** A progress of {@code total} units printed to {@code out}: a bar when it is a terminal. */
  public Progress(String what, int total, PrintStream out) {
    this(what, total, 0, null, out);
  }

  /**
   * A progress counting {@code unit}s ("images") with their rate, of which {@code already}
   * were done before this process started.
   */
  public Progress(String what, int total, int already, String unit, PrintStream out) {
    this(what, total, already, unit, out, out == System.err && onTerminal());
  }

  Progress(String what, int total, int already, String unit, PrintStream out, boolean asBar) {
    this.what = what;
    this.total = Math.max(1, total);
    this.already = already;
    this.unit = unit;
    this.done = already;
    this.out = out;
    this.bar = asBar && active == null ? bar(what, this.total, already, unit,
        terminal != null ? terminal : out) : null;
    if (bar != null) {
      active = bar;
    }
  }

  /**
   * Wraps the terminal's stderr so that a line printed while a bar is drawn first clears the
   * bar's line; the bar is redrawn below it at its next update. Install it as
   * {@code System.err} once, before any progress starts; bars then draw on {@code raw}.
   */
  public static PrintStream console(PrintStream raw) {
    terminal = raw;
    OutputStream clearing = new OutputStream() {
      private boolean lineStart = true;

      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        // PrintStream locks itself, so the bar's own writes cannot land inside this line
        synchronized (raw) {
          for (int i = off; i < off + len; i++) {
            if (lineStart && active != null) {
              raw.print("\r\033[2K");
            }
            raw.write(b[i]);
            lineStart = b[i] == '\n';
          }
        }
      }

      @Override
      public void flush() {
        raw.flush();
      }
    };
    return new PrintStream(clearing, true, StandardCharsets.UTF_8);
  }

  /**
   * Whether the console is a terminal a bar can redraw on. {@code System.console()} is null
   * when standard input or output is redirected, as in CI, a pipe or a test; a child JVM
   * started with inherited I/O (the {@code java -jar} relaunch) keeps the terminal.
   */
  public static boolean onTerminal() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  private static ProgressBar bar(String what, int total, int already, String unit,
      PrintStream out) {
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(what).setInitialMax(total)
        .startsFrom(already, Duration.ZERO);
    if (unit != null) {
      b.setUnit(" " + unit, 1).showSpeed(new DecimalFormat("#,##0.0"));
    }
    return b
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(out))
        // the library's ETA assumes a steady rate since the start, as the log lines do
        .setEtaFunction(state -> state.getCurrent() <= state.getStart() ? Optional.empty()
            : Optional.of(Duration.ofMillis(Math.round(state.getTotalElapsed().toMillis()
                / (double) (state.getCurrent() - state.getStart())
                * (state.getMax() - state.getCurrent())))))
        .build();
  }

  public void step(String detail) {
    at(done + 1, detail);
  }

  /** Reports {@code units} more done. */
  public void advance(int units, String detail) {
    at(done + units, detail);
  }

  /**
   * Counts {@code units} more done; {@code always} marks a step worth a line of its own in a
   * log (the start of a timing round), otherwise a log gets a line only when one is due.
   */
  public void tick(int units, boolean always, String detail) {
    show(done + units, detail, always);
  }

  /** Reports {@code count} of the total done (for work that reports its own count). */
  public void at(int count, String detail) {
    show(count, detail, false);
  }

  private void show(int count, String detail, boolean always) {
    done = Math.min(count, total);
    this.detail = detail;
    if (bar != null) {
      if (!closed) {
        bar.setExtraMessage(detail);
        bar.stepTo(done);
        if (done >= total) {
          close();
        }
      }
      return;
    }
    long now = System.nanoTime();
    if (!anyPrinted || done >= total || now - printed >= LINE_NANOS || (always && now - printed
        >= LINE_NANOS / 5)) {
      line(now);
    }
  }

  private void line(long now) {
    anyPrinted = true;
    printed = now;
    double elapsed = (now - start) / 1e9;
    int here = done - already;
    // Nothing done yet (warm-up, the exact scan's turn): no rate to extrapolate from.
    String eta = here <= 0 ? "?" : clock(elapsed / here * (total - done));
    if (unit == null) {
      out.printf(Locale.ROOT, "[%s] %d/%d %3.0f%%  %-40s  elapsed %s  ETA %s%n", what, done,
          total, 100.0 * done / total, detail, clock(elapsed), eta);
    } else {
      out.printf(Locale.ROOT, "[%s] %d/%d %s %3.0f%%  %.1f %s/s%s  elapsed %s  ETA %s%n", what,
          done, total, unit, 100.0 * done / total, elapsed > 0 ? here / elapsed : 0, unit,
          detail.isEmpty() ? "" : "  " + detail, clock(elapsed), eta);
    }
  }

  /** Finishes a bar on its line (a bar left open would be redrawn over the next output). */
  @Override
  public void close() {
    // a finished bar closed again would draw its last line once more
    if (bar != null && !closed) {
      closed = true;
      bar.close();
      if (active == bar) {
        active = null;
      }
    }
  }

  public static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
