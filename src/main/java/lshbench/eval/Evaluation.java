package lshbench.eval;

import java.util.ArrayList;
import java.util.List;
import lshbench.data.Dataset;
import lshbench.lsh.Index;
import lshbench.lsh.Neighbours;

/**
 * Runs a query split against indexes: recall metrics from their answers, and their query times
 * measured in interleaved rounds.
 *
 * <p>Timing: each index is first warmed up on items that are not queries (indexed members,
 * a seeded draw), so no timed query has run before. Then, for every round, each index in turn
 * answers every query one at a time on the calling thread, each query timed on the wall clock
 * and on the thread's CPU clock; the order of indexes rotates by one each round, and a few
 * untimed warm-up queries precede each index's turn so it does not start on the previous
 * index's cache. An index's figure is each query's median over the rounds, averaged over the
 * queries (see {@link RoundStats}). Indexes timed together (an exact scan and the configurations it is compared
 * with) see the same bursts of load, so their ratio holds up when the absolute times do not.
 */
public final class Evaluation {
  /** Relative slack when comparing squared distances for k-NN recall (ties, rounding). */
  private static final double DISTANCE_SLACK = 1e-5;
  /** Untimed queries before each index's turn in a round. */
  public static final int TURN_WARMUP = 3;
  /** Warm-up items drawn from the indexed members. */
  private static final int WARMUP_ITEMS = 200;

  private final Dataset data;
  private final QuerySplit split;
  private final GroundTruth truth;
  private final int topN;
  private final TimingPlan plan;
  private final float[][] queries;
  private final float[][] warmupQueries;

  /** Is told after every index's turn in a round, so long rounds can show progress. */
  public interface RoundListener {
    RoundListener NONE = (index, round, rounds, turns) -> { };

    /**
     * @param index the position in the list given to {@link #measure} of the index whose turn
     *     ended
     * @param round the round under way, from 1, of {@code rounds}
     * @param turns turns done in this round (the round ends when it equals the list's size)
     */
    void turnDone(int index, int round, int rounds, int turns);
  }

  /**
   * @param topN neighbours asked of every query (the n of recall@n)
   * @param plan clocks, rounds and warm-up
   */
  public Evaluation(Dataset data, QuerySplit split, GroundTruth truth, int topN, TimingPlan plan) {
    if (topN < 1) {
      throw new IllegalArgumentException("top.n must be positive, got " + topN);
    }
    this.data = data;
    this.split = split;
    this.truth = truth;
    this.topN = topN;
    this.plan = plan;
    this.queries = new float[split.queries().length][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = data.vector(split.queries()[q]);
    }
    int[] members = split.members();
    java.util.SplittableRandom random = new java.util.SplittableRandom(0x3A5E_11L ^ members.length);
    this.warmupQueries = new float[Math.min(WARMUP_ITEMS, members.length)][];
    for (int i = 0; i < warmupQueries.length; i++) {
      warmupQueries[i] = data.vector(members[random.nextInt(members.length)]);
    }
  }

  /** The query vectors, in split order (shared; do not modify). */
  public float[][] queryVectors() {
    return queries;
  }

  public int topN() {
    return topN;
  }

  public TimingPlan plan() {
    return plan;
  }

  /** Mean kNN recall@n of answers to every query, in query order (a batch search's). */
  public double knnRecall(Neighbours[] answers) {
    if (answers.length != queries.length) {
      throw new IllegalArgumentException(answers.length + " answers for " + queries.length
          + " queries");
    }
    double sum = 0;
    for (int q = 0; q < answers.length; q++) {
      sum += knnRecall(answers[q], truth.distances(q));
    }
    return sum / answers.length;
  }

  /**
   * Mean kNN recall@n of {@code index} on the first {@code count} queries, untimed: for
   * searches (a tuner's binary search over probes) that need recall, not timings.
   */
  public double knnRecall(Index index, int count) {
    int n = Math.min(count, queries.length);
    double sum = 0;
    for (int q = 0; q < n; q++) {
      sum += knnRecall(index.search(queries[q], topN), truth.distances(q));
    }
    return sum / n;
  }

  /** Mean label recall on the first {@code count} queries, untimed; NaN without labels. */
  public double labelRecall(Index index, int count) {
    if (!data.hasLabels()) {
      return Double.NaN;
    }
    long[] same = new long[Math.min(count, queries.length)];
    for (int q = 0; q < same.length; q++) {
      same[q] = sameLabel(index.candidates(queries[q]), data.label(split.queries()[q]));
    }
    return labelRecall(same);
  }

  /**
   * Mean label recall of the first {@code sameLabel.length} queries given how many of each
   * query's candidates share its label (an index searched elsewhere, e.g. on Spark); queries
   * whose label has no member are left out; NaN without labels.
   */
  public double labelRecall(long[] sameLabel) {
    if (!data.hasLabels()) {
      return Double.NaN;
    }
    double sum = 0;
    int counted = 0;
    for (int q = 0; q < Math.min(sameLabel.length, queries.length); q++) {
      int relevant = truth.membersWithLabel(data.label(split.queries()[q]));
      if (relevant > 0) {
        sum += (double) sameLabel[q] / relevant;
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }

  /** One index timed alone in the plan's rounds (no exact scan beside it). */
  public Measurement run(Index index) {
    return measure(List.of(index), RoundListener.NONE).get(0);
  }

  /**
   * Times {@code indexes} together in interleaved rounds and measures each one's recall; the
   * measurements come back in the order given.
   */
  public List<Measurement> measure(List<? extends Index> indexes, RoundListener listener) {
    int n = indexes.size();
    int rounds = plan.rounds();
    for (Index index : indexes) {
      warmUp(index);
    }
    Stopwatch watch = plan.watch();
    long[][] wall = new long[n][rounds * queries.length];
    double[][][] wallUs = new double[n][rounds][queries.length];
    double[][][] cpuUs = new double[n][rounds][queries.length];
    Neighbours[][] answers = new Neighbours[n][];
    for (int r = 0; r < rounds; r++) {
      for (int turn = 0; turn < n; turn++) {
        int i = (turn + r) % n;
        Index index = indexes.get(i);
        for (int w = 0; w < TURN_WARMUP; w++) {
          index.search(warmupQueries[(r * TURN_WARMUP + w) % warmupQueries.length], topN);
        }
        Neighbours[] got = r == 0 ? new Neighbours[queries.length] : null;
        for (int q = 0; q < queries.length; q++) {
          long w0 = watch.wallNanos();
          long c0 = watch.cpuNanos();
          Neighbours answer = index.search(queries[q], topN);
          long c1 = watch.cpuNanos();
          long w1 = watch.wallNanos();
          wall[i][r * queries.length + q] = w1 - w0;
          wallUs[i][r][q] = (w1 - w0) / 1e3;
          cpuUs[i][r][q] = (c1 - c0) / 1e3;
          if (got != null) {
            got[q] = answer;
          }
        }
        if (got != null) {
          answers[i] = got;
        }
        listener.turnDone(i, r + 1, rounds, turn + 1);
      }
    }
    List<Measurement> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(score(indexes.get(i), answers[i], Measurement.Timing.of(wall[i]),
          RoundStats.of(cpuUs[i]), RoundStats.of(wallUs[i])));
    }
    return out;
  }

  /**
   * Untimed queries on indexed items until the JIT has compiled the index's hot path: at least
   * {@code warmup} of them and at least the plan's warm-up time, at most 20 per query.
   */
  private void warmUp(Index index) {
    long start = System.nanoTime();
    int cap = 20 * queries.length;
    for (int q = 0; q < cap && (q < plan.warmup() || System.nanoTime() - start < plan.warmupNanos());
        q++) {
      index.search(warmupQueries[q % warmupQueries.length], topN);
    }
  }

  private Measurement score(Index index, Neighbours[] answers, Measurement.Timing latency,
      RoundStats cpu, RoundStats wall) {
    double knn = 0;
    double precision = 0;
    double labelRecall = 0;
    int labelQueries = 0;
    double candidates = 0;
    for (int q = 0; q < queries.length; q++) {
      knn += knnRecall(answers[q], truth.distances(q));
      candidates += answers[q].candidates();
      if (data.hasLabels()) {
        int label = data.label(split.queries()[q]);
        precision += precision(answers[q], label);
        int relevant = truth.membersWithLabel(label);
        if (relevant > 0) {
          labelRecall += (double) sameLabel(index.candidates(queries[q]), label) / relevant;
          labelQueries++;
        }
      }
    }
    int count = queries.length;
    return new Measurement(
        labelQueries == 0 ? Double.NaN : labelRecall / labelQueries,
        knn / count,
        data.hasLabels() ? precision / count : Double.NaN,
        candidates / count,
        latency,
        index.memoryBytes(),
        cpu,
        wall);
  }

  /**
   * ann-benchmarks' definition: the share of returned items no farther than the true n-th
   * neighbour, so that ties at the boundary do not count against an index.
   */
  static double knnRecall(Neighbours answer, float[] trueDistances) {
    int n = trueDistances.length;
    if (n == 0) {
      return 1;
    }
    double threshold = trueDistances[n - 1] * (1 + DISTANCE_SLACK) + 1e-12;
    int hits = 0;
    for (int i = 0; i < Math.min(n, answer.size()); i++) {
      if (answer.distances()[i] <= threshold) {
        hits++;
      }
    }
    return (double) hits / n;
  }

  /** Same-label share of the top n; missing answers count as misses. */
  private double precision(Neighbours answer, int label) {
    int hits = 0;
    for (int id : answer.ids()) {
      if (data.label(id) == label) {
        hits++;
      }
    }
    return (double) hits / topN;
  }

  private int sameLabel(int[] items, int label) {
    int hits = 0;
    for (int id : items) {
      if (data.label(id) == label) {
        hits++;
      }
    }
    return hits;
  }
}
