package lshbench.experiment;

import java.lang.management.ManagementFactory;

/**
 * The machine's one-minute load average, read at a run's start and end: how busy the cores
 * were while it timed queries, which summary.txt and the run's page report beside the
 * timings. Negative where the platform has none.
 */
final class LoadAverage {
  private LoadAverage() {}

  static double now() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
