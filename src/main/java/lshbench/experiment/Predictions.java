package lshbench.experiment;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import lshbench.eval.CollisionTheory;
import lshbench.eval.Evaluation;
import lshbench.eval.GroundTruth;
import lshbench.family.LshGrid;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.HashFamily;

/**
 * The local sweep's predictions for an LSH configuration, for rows another engine measured: the
 * family's collision theory (recall and candidates at k, L) and the query time the cost model
 * gives, computed by the same code as the local sweep's rows ({@link Workbench#putPredictions}),
 * on this process's copy of the data.
 */
public final class Predictions {
  private final Workbench bench;
  private final SweepConfig config;
  private final Map<String, Family> families = new HashMap<>();

  private record Family(CollisionTheory theory, Workbench.HashCost cost) {}

  private Predictions(Workbench bench, SweepConfig config) {
    this.bench = bench;
    this.config = config;
  }

  /**
   * Prices a candidate as the local sweep does (a small index profiled here) against the given
   * exact lists.
   */
  public static Predictions of(SweepConfig config, PreparedData p, GroundTruth truth,
      PrintStream log) {
    Evaluation eval = new Evaluation(p.data(), p.split(), truth, p.topN(), config.timingPlan());
    ExactIndex exact = new ExactIndex(p.data(), p.split().members());
    double measured = Workbench.candidateUs(p.data(), p.split(), eval, p.centre(),
        config.threads());
    double candidateUs = Double.isNaN(measured) ? Workbench.streamingUs(exact, eval, p.split())
        : measured;
    log.printf(Locale.ROOT, "[%s] rerank cost of a candidate %.3f µs, profiled on a small index "
        + "(for the predicted query times)%n", config.type(), candidateUs);
    return new Predictions(new Workbench(p.data(), p.split(), p.topN(), truth, eval, exact,
        p.centre(), new HashMap<>(), log, candidateUs, config.metric()), config);
  }

  /**
   * Puts the predicted columns of configuration (k, L) of {@code grid}'s family, whose bank is
   * {@code bank}, into {@code row}; nothing for probed configurations (no closed form) or a
   * family without a theory, as in the local sweep.
   */
  public void put(Map<String, Object> row, LshGrid<?> grid, HashFamily bank, int k, int l,
      int probes) {
    Family f = families.computeIfAbsent(grid.family(),
        x -> new Family(bench.theoryFor(grid, bank, config), bench.hashCost(bank)));
    if (probes == 0 && f.theory() != null) {
      bench.putPredictions(row, f.theory(), f.cost(), k, l);
    }
  }
}
