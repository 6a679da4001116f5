package lshbench.bench;

import java.util.concurrent.TimeUnit;
import lshbench.data.Dataset;
import lshbench.data.SyntheticGenerator;
import lshbench.data.SyntheticSpec;
import lshbench.eval.QuerySplit;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.HyperplaneBank;
import lshbench.lsh.Neighbours;
import lshbench.lsh.RotatedHyperplaneFamily;
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
 * The batch work of a sweep: signing every indexed row against the default grid's 768
 * hyperplanes, as dense Gaussian planes (register-tiled matrix work) and as rows of fast
 * pseudo-random rotations (the default sweep's family), and the exact 10-NN of 500 queries
 * (the ground truth, the expanded-form batch search) on one thread and on both cores.
 * Single-shot: each runs once per sweep.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class BatchBenchmark {
  Dataset data;
  QuerySplit split;
  float[] queryRows;
  HyperplaneBank bank;
  RotatedHyperplaneFamily rotated;

  /** Threads for the ground truth: compare with FAISS's batched IndexFlatL2 at the same count. */
  @Param({"1", "2"})
  int threads;

  @Setup(Level.Trial)
  public void setup() {
    data = SyntheticGenerator.generate(SyntheticSpec.caltech101(4096, 64, 1.2, 0.1, 101));
    split = QuerySplit.draw(data.size(), 500, 42);
    queryRows = new float[500 * 4096];
    for (int q = 0; q < 500; q++) {
      System.arraycopy(data.vectors(), split.queries()[q] * 4096, queryRows, q * 4096, 4096);
    }
    // The default grid's bank: k up to 24 bits, L up to 32 tables = 768 planes.
    float[] mean = HyperplaneBank.mean(data, split.members());
    bank = new HyperplaneBank(4096, 24, 32, 1, mean);
    rotated = new RotatedHyperplaneFamily(4096, 24, 32, 1, mean);
  }

  @Benchmark
  public long[] signaturesOfTheDefaultGrid() {
    return bank.signatures(data, split.members(), threads);
  }

  @Benchmark
  public long[] signaturesOfTheDefaultGridFromRotations() {
    return rotated.signatures(data, split.members(), threads);
  }

  @Benchmark
  public Neighbours[] groundTruth500Queries() {
    return new ExactIndex(data, split.members()).searchBatch(queryRows, 10, threads);
  }
}
