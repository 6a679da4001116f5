package lshbench.experiment;

import lshbench.io.Progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lshbench.config.Settings;
import lshbench.eval.Clock;
import lshbench.eval.Evaluation;
import lshbench.eval.Stopwatch;
import lshbench.eval.TimingPlan;
import lshbench.lsh.HyperplaneBank;
import lshbench.lsh.Index;
import lshbench.lsh.LshIndex;
import lshbench.lsh.Neighbours;
import lshbench.report.ConfigPoint;
import lshbench.report.Frontier;
import lshbench.report.Recall;
import lshbench.report.ResultsTable;
import lshbench.report.SweepReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a fake clock whose cost per query is chosen round by round, the whole path from timing
 * to report — {@link Evaluation}'s rounds, {@link GroupTimer}, {@link Workbench#row}, the CSV,
 * {@link ResultsTable}, {@link Frontier} and the summary — ranks on the median over rounds, not
 * on a mean one bad round can swing, and names the exact scan when it is the fastest.
 */
class MedianRankingTest {
  @TempDir
  static Path dir;
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  static SweepConfig config;
  static Workbench real;

  /** Both clocks, advanced only by the indexes below: wall twice the CPU time, as under load. */
  static final class FakeWatch implements Stopwatch {
    long cpu;
    long wall;

    void spend(double us) {
      cpu += Math.round(us * 1e3);
      wall += Math.round(2 * us * 1e3);
    }

    @Override
    public long wallNanos() {
      return wall;
    }

    @Override
    public long cpuNanos() {
      return cpu;
    }
  }

  /**
   * An index whose timed queries cost {@code usPerRound[r]} in round r: timed queries are
   * recognised by identity (warm-up queries are indexed items, never these), and every round
   * asks each of them once, in order.
   */
  static final class Costed implements Index {
    private final Index delegate;
    private final FakeWatch watch;
    private final Set<float[]> timed;
    private final double[] usPerRound;
    private int calls;

    Costed(Index delegate, FakeWatch watch, float[][] queries, double... usPerRound) {
      this.delegate = delegate;
      this.watch = watch;
      this.timed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      this.timed.addAll(Arrays.asList(queries));
      this.usPerRound = usPerRound;
    }

    @Override
    public Neighbours search(float[] query, int n) {
      if (timed.contains(query)) {
        watch.spend(usPerRound[calls++ / timed.size()]);
      } else {
        watch.spend(1);
      }
      return delegate.search(query, n);
    }

    @Override
    public int[] candidates(float[] query) {
      return delegate.candidates(query);
    }

    @Override
    public int size() {
      return delegate.size();
    }

    @Override
    public long memoryBytes() {
      return delegate.memoryBytes();
    }

    @Override
    public String name() {
      return "costed " + delegate.name();
    }
  }

  @BeforeAll
  static void data() throws IOException {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("timing.rounds", "5");
    config = SweepConfig.from(Settings.of("fake-clock", m));
    real = Workbench.prepare(config, Workbench.loadDataset(config, QUIET).data(), QUIET);
  }

  /** A workbench whose evaluation reads {@code watch}, with the exact scan costing as given. */
  static Workbench fake(FakeWatch watch, double... exactUs) {
    Evaluation eval = new Evaluation(real.data(), real.split(), real.truth(), real.topN(),
        new TimingPlan(watch, Clock.CPU, 5, 0.1, 2, 0));
    Index exact = new Costed(real.exactIndex(), watch, eval.queryVectors(), exactUs);
    return new Workbench(real.data(), real.split(), real.topN(), real.truth(), eval, exact,
        real.centre(), real.familyTheories(), QUIET, real.candidateUs(), real.metric());
  }

  /** An LSH index of the tiny data (recall below 1): what the costed configurations answer. */
  static LshIndex lsh(int k, int l) {
    HyperplaneBank bank = new HyperplaneBank(real.data().dim(), k, l, 7, real.centre());
    return LshIndex.build(bank, real.data(), real.split().members(), k, l, 0, 1);
  }

  /** Times the configurations with the exact scan, writes the CSV, reads it back. */
  static ResultsTable sweep(Workbench bench, String name, List<Costed> configs, int[][] kl)
      throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    GroupTimer timer = new GroupTimer(bench, new Progress("test", 100, QUIET));
    GroupTimer.Group g = timer.time(configs, name);
    try (ResultsCsv csv = new ResultsCsv(folder)) {
      for (int i = 0; i < configs.size(); i++) {
        csv.add(bench.row(config, Workbench.lshParameters("hyperplane", 0, kl[i][0], kl[i][1], 0),
            1, g.measured().get(i), g.exact(), 0, 0, 0, configs.get(i), null, null));
      }
      csv.add(bench.row(config, Workbench.exactParameters(), 0, timer.exact(), timer.exact(), 0, 0,
          0, bench.exactIndex(), null, null));
      return ResultsTable.read(csv.finish());
    }
  }

  @Test
  void theFrontierAndTargetsRankOnTheMedianOfRoundsNotTheMean() throws IOException {
    FakeWatch watch = new FakeWatch();
    Workbench bench = fake(watch, 100, 100, 100, 100, 100);
    float[][] q = bench.eval().queryVectors();
    // spiky: 5 µs in four rounds, 500 µs in one (mean 104); steady: 20 µs every round. Both
    // answer with the same index, so both reach the same recall.
    LshIndex index = lsh(6, 2);
    Costed spiky = new Costed(index, watch, q, 5, 5, 500, 5, 5);
    Costed steady = new Costed(index, watch, q, 20, 20, 20, 20, 20);
    ResultsTable t = sweep(bench, "medians", List.of(spiky, steady), new int[][] {{6, 2}, {6, 3}});
    List<ConfigPoint> all = t.candidates();
    ConfigPoint s = all.stream().filter(p -> p.l() == 2).findFirst().orElseThrow();
    ConfigPoint st = all.stream().filter(p -> p.l() == 3).findFirst().orElseThrow();
    assertTrue(Recall.KNN.of(s) < 1, "an index that misses some neighbours: " + Recall.KNN.of(s));
    assertEquals(5, s.queryUs(), 1e-9, "median of 5, 5, 500, 5, 5");
    assertEquals(20, st.queryUs(), 1e-9);
    assertEquals(100.0 / 5, s.speedup(), 1e-9, "ratio of the medians from the same rounds");
    assertFalse(s.noisy(), "one spoilt round of five leaves the quartiles alone");
    // The pooled per-query mean would have ranked the steady one first: 104 µs against 20.
    assertTrue(t.table().doubleColumn(ResultColumns.QUERY_MEAN).getDouble(0)
        > t.table().doubleColumn(ResultColumns.QUERY_MEAN).getDouble(1));
    double target = Math.floor(Recall.KNN.of(s) * 100) / 100;
    assertEquals(s, Frontier.fastestReaching(all, Recall.KNN, target));
    assertEquals(s, Frontier.pareto(all, Recall.KNN).get(0), "fastest point of the frontier");
    assertFalse(Frontier.pareto(all, Recall.KNN).contains(st), "dominated by the spiky one");
    assertEquals(t.exact(), Frontier.pareto(all, Recall.KNN).get(1), "then the exact scan, recall 1");
    // 20x the exact scan: no pointer to the tuner, unless this index cannot reach kNN recall 0.9.
    assertEquals(Recall.KNN.of(s) < 0.9, SweepReport.summaryText(t).contains("Auto-tuner"));
  }

  @Test
  void theExactScanWinsATargetWhenNothingIsFaster() throws IOException {
    FakeWatch watch = new FakeWatch();
    Workbench bench = fake(watch, 10, 10, 10, 10, 10);
    float[][] q = bench.eval().queryVectors();
    Costed slow = new Costed(lsh(4, 4), watch, q, 50, 50, 50, 50, 50);
    Costed slower = new Costed(lsh(2, 16), watch, q, 80, 80, 900, 80, 80);
    ResultsTable t = sweep(bench, "exact-wins", List.of(slow, slower), new int[][] {{4, 4}, {2, 16}});
    ConfigPoint exact = t.exact();
    assertEquals(10, exact.queryUs(), 1e-9);
    for (double target : new double[] {0.5, 0.8, 0.9, 0.95}) {
      assertEquals(exact, Frontier.fastestReaching(t.candidates(), Recall.KNN, target), "at " + target);
    }
    assertEquals(List.of(exact), Frontier.pareto(t.candidates(), Recall.KNN));
    String summary = SweepReport.summaryText(t);
    assertTrue(summary.contains("  0.90    exact scan"), summary);
    assertTrue(summary.contains("1.0x"), summary);
    assertTrue(summary.strip().endsWith("(see README, Auto-tuner)."), "a pointer to the tuner "
        + "when nothing in the grid beats the exact scan at kNN recall 0.9: " + summary);
  }

  @Test
  void roundsThatDisagreeBeyondTheToleranceAreFlaggedNoisy() throws IOException {
    FakeWatch watch = new FakeWatch();
    Workbench bench = fake(watch, 100, 100, 100, 100, 100);
    float[][] q = bench.eval().queryVectors();
    Costed calm = new Costed(lsh(6, 2), watch, q, 10, 10.5, 10, 10.5, 10);
    Costed jumpy = new Costed(lsh(6, 2), watch, q, 10, 20, 10, 20, 15);
    ResultsTable t = sweep(bench, "noisy", List.of(calm, jumpy), new int[][] {{6, 2}, {6, 3}});
    ConfigPoint c = t.points().get(0);
    ConfigPoint j = t.points().get(1);
    assertFalse(c.noisy(), "quartiles 10 and 10.5: 5% of the median");
    assertTrue(j.noisy(), "quartiles 10 and 20: 67% of the median 15");
    assertEquals(15, j.queryUs(), 1e-9);
    assertTrue(SweepReport.summaryText(t).contains("noisy: 1 of 2 configurations"),
        SweepReport.summaryText(t));
  }
}
