package lshbench.bench;

import java.util.concurrent.TimeUnit;
import lshbench.data.Dataset;
import lshbench.data.SyntheticGenerator;
import lshbench.data.SyntheticSpec;
import lshbench.eval.QuerySplit;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.LshIndex;
import lshbench.lsh.Neighbours;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One query, one thread, on the default synthetic collection (8,677 × 4,096, Caltech101's
 * class sizes): the exact scan, which streams all 8,177 indexed rows (134 MB), against LSH at a
 * few (k, L). Each invocation takes the next of 500 held-out queries, so caches see a stream of
 * different queries as in a sweep. {@code exactScan} is the baseline every LSH row divides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class QueryBenchmark {
  @Param({"4:16", "6:32", "8:32", "12:16"})
  String kL;

  Dataset data;
  float[][] queries;
  ExactIndex exact;
  LshIndex lsh;
  int next;

  @Setup(Level.Trial)
  public void setup() {
    data = SyntheticGenerator.generate(SyntheticSpec.caltech101(4096, 64, 1.2, 0.1, 101));
    QuerySplit split = QuerySplit.draw(data.size(), 500, 42);
    queries = new float[500][];
    for (int q = 0; q < 500; q++) {
      queries[q] = data.vector(split.queries()[q]);
    }
    exact = new ExactIndex(data, split.members());
    String[] p = kL.split(":");
    lsh = LshIndex.builder().bitsPerTable(Integer.parseInt(p[0])).tables(Integer.parseInt(p[1]))
        .seed(7).build(data, split.members());
  }

  private float[] nextQuery() {
    next = (next + 1) % queries.length;
    return queries[next];
  }

  @Benchmark
  public Neighbours exactScan() {
    return exact.search(nextQuery(), 10);
  }

  /**
   * The bound the exact scan is held to: one pass over all 8,677 rows (142 MB) with the same
   * SIMD kernel doing nothing else, i.e. the read bandwidth one core gets here, measured in the
   * same run. Bandwidth = 142.2 MB / this time; the exact scan reads 134.0 MB.
   */
  @Benchmark
  public float streamRead() {
    float[] v = data.vectors();
    return lshbench.vector.VectorOps.dot(v, 0, v, 0, v.length);
  }

  @Benchmark
  public Neighbours lshQuery() {
    return lsh.search(nextQuery(), 10);
  }
}
