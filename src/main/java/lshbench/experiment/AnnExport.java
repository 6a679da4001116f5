package lshbench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.data.AnnBenchmarksFile;
import lshbench.data.Dataset;
import lshbench.data.FixedQueries;
import lshbench.eval.GroundTruth;
import lshbench.eval.QuerySplit;
import lshbench.family.FamilyRegistry;
import lshbench.vector.Metric;

/**
 * Writes an experiment's dataset and split as an ann-benchmarks HDF5 file, so vectors made here
 * (Caltech101 through a CNN, a synthetic shape) can be run by ann-benchmarks or any tool that
 * reads its format, and read back by lshbench: {@code train} is what the indexes would hold,
 * {@code test} the queries the same settings would use (held out with the seed, or the fixed
 * set), {@code neighbors} their exact nearest, computed here in the experiment's metric.
 *
 * @param data the dataset keys, as a sweep reads them
 * @param out the file written
 * @param neighbours nearest neighbours stored per query (ann-benchmarks stores 100)
 */
public record AnnExport(SweepConfig data, Path out, int neighbours) {
  /** Keys only the export reads. */
  static final List<Key> KEYS = List.of(
      Key.of("out", "", "export-ann: the .hdf5 file written (default <results.dir>/<experiment>.hdf5)"),
      Key.of("export.neighbours", "100", "export-ann: exact nearest neighbours stored per query"));

  public static AnnExport from(Settings s, FamilyRegistry registry) {
    SweepConfig data = SweepConfig.from(s, registry);
    String out = s.string("out", "");
    Path file = out.isEmpty() ? data.resultsDir().resolve(data.experiment() + ".hdf5") : Path.of(out);
    if (!AnnBenchmarksFile.isHdf5(file)) {
      throw new lshbench.config.ConfigException("out: " + file + " should end in .hdf5");
    }
    return new AnnExport(data, file, s.intIn("export.neighbours", 100, 1, 10_000));
  }

  /** Loads, splits, computes the exact neighbours and writes the file; returns its path. */
  public Path run(PrintStream log) throws IOException {
    Workbench.Source raw = Workbench.loadDataset(data, log);
    Workbench.Source ready = Workbench.split(data, raw, log);
    Dataset rows = raw.fixed() == null ? raw.data()
        : FixedQueries.append(raw.data(), raw.fixed().first(data.queries()));
    QuerySplit split = ready.split() != null ? ready.split()
        : QuerySplit.draw(ready.data().size(), data.queries(), data.seed());
    int[] members = split.members();
    int n = Math.min(neighbours, members.length);
    long t0 = System.nanoTime();
    GroundTruth truth = GroundTruth.compute(ready.data(), split, n, data.threads());
    log.printf(Locale.ROOT, "[export-ann] exact %d nearest of %d queries in %.1f s%n", n,
        split.queries().length, (System.nanoTime() - t0) / 1e9);
    int[][] ids = new int[split.queries().length][n];
    float[][] dists = new float[split.queries().length][n];
    for (int q = 0; q < ids.length; q++) {
      for (int i = 0; i < n; i++) {
        ids[q][i] = Arrays.binarySearch(members, truth.neighbours(q)[i]);
        dists[q][i] = annDistance(truth.distances(q)[i], ready.metric());
      }
    }
    AnnBenchmarksFile.write(out, rows.rows(members), rows.rows(split.queries()), rows.dim(), ids,
        dists, ready.metric(), raw.data().provenance());
    log.printf(Locale.ROOT, "[export-ann] %s: train %d × %d, test %d, neighbors %d a query, "
        + "distance=%s%n", out, members.length, rows.dim(), ids.length, n,
        AnnBenchmarksFile.metricName(ready.metric()));
    return out;
  }

  /**
   * ann-benchmarks' units from a squared distance between the vectors as indexed: plain L2 for
   * euclidean, and for angular the cosine distance 1 − cos, which on unit vectors is half the
   * squared L2.
   */
  static float annDistance(float squared, Metric metric) {
    return metric == Metric.COSINE ? squared / 2 : (float) Math.sqrt(squared);
  }
}
