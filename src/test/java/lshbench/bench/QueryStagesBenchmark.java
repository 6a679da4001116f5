package lshbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import lshbench.data.ClusterGenerator;
import lshbench.data.ClusterSpec;
import lshbench.data.Dataset;
import lshbench.data.VectorFile;
import lshbench.eval.QuerySplit;
import lshbench.lsh.CrossPolytopeFamily;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.HashFamily;
import lshbench.lsh.HyperplaneBank;
import lshbench.lsh.LshIndex;
import lshbench.lsh.Neighbours;
import lshbench.lsh.RotatedHyperplaneFamily;
import lshbench.vector.VectorOps;
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
 * One LSH query taken apart, stage by stage, on the two collections the FALCONN comparison
 * uses, beside the exact scan and the memory bandwidth that bounds it.
 *
 * <p>The stages run cumulatively, because each feeds the next through the index's scratch
 * arrays: {@code hash} (k·L functions plus the probe sequence), {@code hashLookup} (+ finding
 * each key's bucket), {@code hashLookupUnion} (+ collecting the distinct candidates), and
 * {@code query} (+ the exact rerank and top n, i.e. {@code search}). A stage's cost is the
 * difference between two neighbours; divide the rerank's by {@code candidates} (printed at
 * setup) for the cost per scattered row, the figure FALCONN reaches in 0.105 µs at d = 128.
 *
 * <p>{@code exactScan} is the one-query baseline; {@code streamRead} is one pass over the same
 * indexed rows with the same SIMD kernel and nothing else: the scan's bytes (printed at setup)
 * over this time is the single-core read bandwidth it is held to, measured in the same run.
 *
 * <p>Collections ({@code set}): {@code caltech101} is the MobileNetV2 embedding cached by the
 * caltech101 experiments (7,738 × 1,280; the largest {@code datasets/cache/embedding-*.lshv},
 * or {@code -Dbench.caltech101=FILE}), 500 held-out queries; {@code clusters1m} is
 * compare-faiss-clusters1m's data (1,000,300 × 128, 1,000 centres on the sphere, seed 7), 300
 * queries, and needs {@code -Xmx} ≈ 3 GB. Each invocation takes the next query, so caches see a
 * stream of different queries as in a sweep. Run one set at a time, e.g.
 * {@code QueryStagesBenchmark -p set=clusters1m -p lsh=hyperplane-fht:20:10:16}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx5g",
    "-XX:+UseTransparentHugePages"})
public class QueryStagesBenchmark {
  /** Which collection. */
  @Param({"caltech101"})
  String set;

  /**
   * family:k:L:probes. The defaults are the hyperplane picks at kNN recall 0.8 of the last
   * peer run: k=10 L=16 T=8 on Caltech101, hyperplane-fht k=20 L=10 T=16 on the 1M set.
   */
  @Param({"hyperplane:10:16:8"})
  String lsh;

  Dataset data;
  float[][] queries;
  ExactIndex exact;
  LshIndex index;
  int next;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    int queryCount;
    if (set.equals("clusters1m")) {
      data = ClusterGenerator.generate(new ClusterSpec(1000, 1_000_300, 128, 0.5, 7));
      queryCount = 300;
    } else if (set.equals("caltech101")) {
      data = VectorFile.read(caltechFile());
      queryCount = 500;
    } else {
      throw new IllegalArgumentException("set must be caltech101 or clusters1m, got " + set);
    }
    QuerySplit split = QuerySplit.draw(data.size(), queryCount, 42);
    queries = new float[queryCount][];
    for (int q = 0; q < queryCount; q++) {
      queries[q] = data.vector(split.queries()[q]);
    }
    int[] members = split.members();
    exact = new ExactIndex(data, members);
    String[] p = lsh.split(":");
    int k = Integer.parseInt(p[1]);
    int tables = Integer.parseInt(p[2]);
    int probes = Integer.parseInt(p[3]);
    float[] mean = HyperplaneBank.mean(data, members);
    HashFamily family = switch (p[0]) {
      case "hyperplane" -> new HyperplaneBank(data.dim(), k, tables, 7, mean);
      case "hyperplane-fht" -> new RotatedHyperplaneFamily(data.dim(), k, tables, 7, mean);
      case "crosspolytope" -> new CrossPolytopeFamily(data.dim(), k, tables, 7, mean);
      default -> throw new IllegalArgumentException("unknown family " + p[0]);
    };
    long[] signatures = family.signatures(data, members, 2);
    index = new LshIndex(data, members.length, family, k,
        LshIndex.buildTables(family, signatures, members, k, tables), probes);
    long candidates = 0;
    for (float[] q : queries) {
      candidates += index.candidates(q).length;
    }
    System.out.printf("%n[setup] %s: %d indexed x %d, scan reads %.1f MB, streamRead %.1f MB; %s: %.0f candidates a "
        + "query; kernels %s%n", set, members.length, data.dim(),
        4.0 * members.length * data.dim() / 1e6, 4.0 * data.vectors().length / 1e6, lsh, (double) candidates / queries.length,
        VectorOps.implementation());
  }

  private static Path caltechFile() throws IOException {
    String given = System.getProperty("bench.caltech101");
    if (given != null) {
      return Path.of(given);
    }
    // The largest cached embedding: the full collection, not a smaller set embedded since.
    Path largest = null;
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(Path.of("datasets", "cache"), "embedding-*.lshv")) {
      for (Path f : files) {
        if (largest == null || Files.size(f) > Files.size(largest)) {
          largest = f;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("no datasets/cache to read the Caltech101 embedding from", e);
    }
    if (largest == null) {
      throw new IOException("no datasets/cache/embedding-*.lshv: run a caltech101 experiment "
          + "once, or pass -Dbench.caltech101=FILE");
    }
    return largest;
  }

  private float[] nextQuery() {
    next = (next + 1) % queries.length;
    return queries[next];
  }

  @Benchmark
  public int hash() {
    return index.hashStage(nextQuery());
  }

  @Benchmark
  public int hashLookup() {
    int keys = index.hashStage(nextQuery());
    index.lookupStage(keys);
    return keys;
  }

  @Benchmark
  public int hashLookupUnion() {
    int keys = index.hashStage(nextQuery());
    index.lookupStage(keys);
    return index.unionStage(keys);
  }

  @Benchmark
  public Neighbours query() {
    return index.search(nextQuery(), 10);
  }

  @Benchmark
  public Neighbours exactScan() {
    return exact.search(nextQuery(), 10);
  }

  /** One pass over the indexed rows' bytes (the whole matrix here) and nothing else. */
  @Benchmark
  public float streamRead() {
    float[] v = data.vectors();
    return VectorOps.dot(v, 0, v, 0, v.length);
  }
}
