package lshbench.spark;

import java.io.PrintStream;
import java.util.Locale;
import lshbench.io.Progress;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Progress of one job on the driver, a step per finished partition: its units (images) done,
 * the rate and ETA, from Spark's listener bus. Registered around the job only, and it counts
 * the stages of the first job started while it listens, each partition once (a retried task
 * is not counted twice).
 */
final class PartitionProgress extends SparkListener implements AutoCloseable {
  private final SparkContext sc;
  private final Progress progress;
  private final int[] sizes;
  private final boolean[] finished;
  private int stageOfJob = -1;
  private int partitions;

  private PartitionProgress(SparkContext sc, String what, int[] sizes, String unit,
      PrintStream log) {
    this.sc = sc;
    this.sizes = sizes.clone();
    this.finished = new boolean[sizes.length];
    int total = 0;
    for (int s : sizes) {
      total += s;
    }
    this.progress = new Progress(what, Math.max(1, total), 0, unit, log);
  }

  /** Listens from now until {@link #close}; {@code sizes[p]} = units of partition p. */
  static PartitionProgress start(SparkContext sc, String what, int[] sizes, String unit,
      PrintStream log) {
    PartitionProgress p = new PartitionProgress(sc, what, sizes, unit, log);
    sc.addSparkListener(p);
    return p;
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart job) {
    if (stageOfJob < 0 && job.stageIds().nonEmpty()) {
      // a mapPartitions + collect job is one stage; a later stage would be a shuffle's
      stageOfJob = (Integer) job.stageIds().last();
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    int index = end.taskInfo().index();
    if (end.stageId() != stageOfJob || !end.taskInfo().successful() || index >= sizes.length
        || finished[index]) {
      return;
    }
    finished[index] = true;
    partitions++;
    progress.tick(sizes[index], true, String.format(Locale.ROOT, "partition %d/%d",
        partitions, sizes.length));
  }

  @Override
  public void close() {
    sc.removeSparkListener(this);
    synchronized (this) {
      progress.close();
    }
  }
}
