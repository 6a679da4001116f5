package lshbench.eval;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The two clocks a query is timed on, behind an interface so a test can drive them. Wall time
 * counts everything between the two reads, including time the thread spent waiting for a core
 * another process held; the thread's CPU time counts only the time it ran, which is what makes
 * it the clock that survives a busy machine.
 */
public interface Stopwatch {
  /** Monotonic wall-clock nanoseconds. */
  long wallNanos();

  /** Nanoseconds of CPU the calling thread has used. */
  long cpuNanos();

  /**
   * {@code System.nanoTime} and {@code ThreadMXBean.getCurrentThreadCpuTime} (on Linux
   * {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)}, nanosecond resolution). Where the JVM
   * cannot read thread CPU time, CPU falls back to the wall clock and {@link #cpuIsWall} says so.
   */
  static Stopwatch system() {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    boolean cpu = bean.isCurrentThreadCpuTimeSupported();
    if (cpu && !bean.isThreadCpuTimeEnabled()) {
      bean.setThreadCpuTimeEnabled(true);
    }
    return new Stopwatch() {
      @Override
      public long wallNanos() {
        return System.nanoTime();
      }

      @Override
      public long cpuNanos() {
        return cpu ? bean.getCurrentThreadCpuTime() : System.nanoTime();
      }

      @Override
      public boolean cpuIsWall() {
        return !cpu;
      }
    };
  }

  /** True when this JVM cannot read thread CPU time and {@link #cpuNanos} is the wall clock. */
  default boolean cpuIsWall() {
    return false;
  }
}
