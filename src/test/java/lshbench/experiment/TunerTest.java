package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lshbench.config.Settings;
import lshbench.eval.Measurement;
import lshbench.lsh.LshIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunerTest {
  @TempDir
  Path dir;

  /** A small tuning problem: 10 classes of 60 in 96-d, 80 queries, target kNN recall 0.85. */
  private Map<String, String> tuneSettings() {
    Map<String, String> m = SweepDeterminismTest.tiny(dir);
    m.put("type", "tune");
    m.put("synthetic.shape", "10x60");
    m.put("synthetic.dim", "96");
    m.put("synthetic.latent", "12");
    m.put("queries", "80");
    m.put("target.recall", "0.85");
    return m;
  }

  @Test
  void theRecommendationMeetsItsTargetWithFreshSeeds() throws IOException {
    Map<String, String> m = tuneSettings();
    m.put("tune.k.max", "16");
    m.put("tune.L.max", "64");
    m.put("tune.confirm", "3");
    m.put("tune.seeds", "3");
    SweepConfig config = SweepConfig.from(Settings.of("tune", m));
    Tuner.Outcome o = new Tuner(config, new PrintStream(new ByteArrayOutputStream())).run();
    Tuner.Candidate best = o.recommended();
    assertNotNull(best, Files.readString(o.folder().resolve("tune.txt")));
    assertTrue(Files.readString(o.folder().resolve("tune.txt")).contains("RECOMMENDED: hyperplane k=" + best.k()));

    // Re-measure with seeds the tuner never used.
    Workbench bench = Workbench.prepare(config, Workbench.loadDataset(config,
        new PrintStream(new ByteArrayOutputStream())).data(), new PrintStream(new ByteArrayOutputStream()));
    double recall = 0;
    int seeds = 5;
    for (int s = 0; s < seeds; s++) {
      LshIndex index = LshIndex.builder().bitsPerTable(best.k()).tables(best.l())
          .seed(987_654 + s).build(bench.data(), bench.split().members());
      Measurement measured = bench.eval().run(index);
      recall += measured.knnRecall() / seeds;
    }
    // The tuner picks the cheapest configuration whose mean over its own seeds meets 0.85, and
    // which one is cheapest moves with the machine's load; five fresh seeds of a configuration
    // sitting right at the target scatter by about 0.01-0.02 around it, so allow that much.
    assertTrue(recall >= 0.82, "fresh-seed recall " + recall + " for k=" + best.k() + " L=" + best.l());
  }

  @Test
  void everyListedFamilyIsMeasuredAndTheWinnerHoldsWithFreshSeeds() throws IOException {
    Map<String, String> m = tuneSettings();
    m.put("families", "hyperplane, crosspolytope, pca-hyperplane");
    m.put("pca.dim", "16");
    m.put("pca.sample", "300");
    m.put("crosspolytope.theory.samples", "400");
    m.put("tune.k.max", "16");
    m.put("tune.L.max", "64");
    m.put("tune.confirm", "2");
    m.put("tune.seeds", "3");
    SweepConfig config = SweepConfig.from(Settings.of("tune", m));
    Tuner.Outcome o = new Tuner(config, new PrintStream(new ByteArrayOutputStream())).run();
    for (String f : java.util.List.of("hyperplane", "crosspolytope", "pca-hyperplane")) {
      assertTrue(o.measured().stream().anyMatch(c -> c.family().equals(f)), f + " measured");
    }
    Tuner.Candidate best = o.recommended();
    assertNotNull(best, Files.readString(o.folder().resolve("tune.txt")));
    Workbench bench = Workbench.prepare(config, Workbench.loadDataset(config,
        new PrintStream(new ByteArrayOutputStream())).data(), new PrintStream(new ByteArrayOutputStream()));
    double recall = 0;
    int seeds = 5;
    for (int s = 0; s < seeds; s++) {
      var family = config.families().grid(best.family()).build(bench.buildInput(config),
          best.k(), best.l(), 987_654 + s);
      LshIndex index = LshIndex.build(family, bench.data(), bench.split().members(), best.k(),
          best.l(), 0, 2);
      recall += bench.eval().run(index).knnRecall() / seeds;
    }
    assertTrue(recall >= 0.85, "fresh-seed recall " + recall + " for " + best.family() + " k="
        + best.k() + " L=" + best.l());
  }

  @Test
  void theProbeSearchReachesTheTargetAndRecallGrowsWithProbes() throws IOException {
    Map<String, String> m = tuneSettings();
    m.put("families", "hyperplane, crosspolytope");
    m.put("crosspolytope.theory.samples", "300");
    m.put("tune.probes.max", "64");
    m.put("tune.probes.L", "2,4");
    SweepConfig config = SweepConfig.from(Settings.of("tune", m));
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    Workbench bench = Workbench.prepare(config, Workbench.loadDataset(config, quiet).data(), quiet);
    Tuner tuner = new Tuner(config, quiet);
    for (String family : java.util.List.of("hyperplane", "crosspolytope")) {
      var grid = config.families().grid(family);
      var sampleBank = grid.build(bench.buildInput(config), 1, 4, 1);
      java.util.List<Tuner.Ranked> found = tuner.searchProbes(bench, grid, sampleBank,
          java.util.List.of());
      assertTrue(!found.isEmpty(), family + ": some (k, L) reaches 0.85 within 64 probes");
      for (Tuner.Ranked r : found) {
        assertTrue(r.recall() >= 0.85, family + " " + r);
        if (r.probes() > 0) {
          var bank = grid.build(bench.buildInput(config), r.k(), r.l(), config.hashSeed(998));
          // The search's bank (largest k and L) is private to it; on a fresh bank, probing
          // must not lose recall against plain LSH.
          var fewer = LshIndex.build(bank, bench.data(), bench.split().members(), r.k(), r.l(), 0, 2);
          var more = LshIndex.build(bank, bench.data(), bench.split().members(), r.k(), r.l(),
              r.probes(), 2);
          assertTrue(bench.eval().knnRecall(more, 1000) >= bench.eval().knnRecall(fewer, 1000));
        }
      }
    }
  }

  @Test
  void theBudgetSearchFindsTheFewestTotalProbesReachingTheTarget() throws IOException {
    Map<String, String> m = tuneSettings();
    m.put("families", "hyperplane, crosspolytope");
    m.put("crosspolytope.theory.samples", "300");
    m.put("tune.probes.total.max", "4096");
    m.put("tune.probes.L", "2,4");
    SweepConfig config = SweepConfig.from(Settings.of("tune", m));
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    Workbench bench = Workbench.prepare(config, Workbench.loadDataset(config, quiet).data(), quiet);
    Tuner tuner = new Tuner(config, quiet);
    for (String family : java.util.List.of("hyperplane", "crosspolytope")) {
      var grid = config.families().grid(family);
      var sampleBank = grid.build(bench.buildInput(config), 1, 4, 1);
      java.util.List<Tuner.Ranked> found = tuner.searchBudgets(bench, grid, sampleBank,
          java.util.List.of());
      assertTrue(!found.isEmpty(), family + ": some (k, L) reaches the target within 4096 probes");
      for (Tuner.Ranked r : found) {
        assertTrue(r.recall() >= 0.85, family + " " + r);
        assertTrue(r.total() >= r.l() && r.probes() == 0, family + " " + r);
      }
    }
  }
}
