package lshbench.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import lshbench.cli.CsvReport;
import lshbench.cli.DedupBenchExperiment;
import lshbench.cli.DedupExperiment;
import lshbench.cli.Engine;
import lshbench.config.Key;
import lshbench.experiment.DedupConfig;
import lshbench.experiment.RunLifecycle;
import lshbench.experiment.SweepConfig;
import lshbench.report.SweepReport;

/**
 * {@code -Dengine=spark}: the sweep's ground truth and its k × L × probes grid computed as Spark
 * jobs (see {@link SparkSweep}), and the near-duplicate finder's pair stages
 * ({@link SparkPairStages}), on {@code spark.master} (default {@code local[*]}).
 */
public final class SparkEngine implements Engine {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public List<String> types() {
    return List.of(SweepConfig.SWEEP, DedupConfig.FINDER, DedupConfig.BENCH);
  }

  @Override
  public List<Key> keys() {
    return SparkBaselines.keys();
  }

  @Override
  public int run(String type, Object settings, PrintStream out, PrintStream log)
      throws IOException {
    if (settings instanceof DedupConfig dedup) {
      return runDedup(type, dedup, out, log);
    }
    SweepConfig config = (SweepConfig) settings;
    SparkSweep.Result result;
    try {
      result = RunLifecycle.run(new SparkSweep(SparkSessions.shared(log), config, log),
          new CsvReport<>(SparkSweep.Result::csv), log);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // Spark's job failures are checked exceptions thrown through Scala: one line, like ours
      throw new IOException("spark: " + firstLine(e), e);
    }
    out.println("results: " + result.csv());
    out.println("ground truth: " + result.folder().resolve(SparkSweep.TRUTH_FILE));
    out.println("summary: " + result.folder().resolve(SweepReport.SUMMARY));
    out.println("page:    " + result.folder().resolve("index.html"));
    return 0;
  }

  /** The near-duplicate finder or its benchmark, their pair stages on Spark. */
  private static int runDedup(String type, DedupConfig config, PrintStream out, PrintStream log)
      throws IOException {
    SparkPairStages stages = new SparkPairStages(log);
    try {
      return type.equals(DedupConfig.BENCH) ? DedupBenchExperiment.run(config, stages, out, log)
          : DedupExperiment.run(config, stages, out, log);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("spark: " + firstLine(e), e);
    }
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = String.valueOf(root.getMessage());
    int nl = m.indexOf('\n');
    return root.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
  }
}
