package lshbench.eval;

import java.util.Locale;

/**
 * Which of a query's two times ranks configurations ({@code timing.clock}). CPU is the default
 * because a busy machine delays a thread without making it do more work: the thread's CPU time
 * moves little when other processes hold the cores, its wall time moves with them.
 */
public enum Clock {
  CPU, WALL;

  /** "cpu" or "wall", as in the setting and the CSV. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Clock parse(String text) {
    for (Clock c : values()) {
      if (c.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is neither cpu nor wall");
  }
}
