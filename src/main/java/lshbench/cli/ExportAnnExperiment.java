package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.experiment.AnnExport;
import lshbench.experiment.SweepConfig;
import lshbench.family.FamilyRegistry;

/** Writes a dataset and its split as an ann-benchmarks HDF5 file; no run folder. */
final class ExportAnnExperiment implements Experiment<AnnExport> {
  @Override
  public String type() {
    return SweepConfig.EXPORT;
  }

  @Override
  public String summary() {
    return "writes a dataset and its query split as an ann-benchmarks .hdf5 file; no run folder";
  }

  @Override
  public List<Key> keys(FamilyRegistry families) {
    return SweepConfig.keys(SweepConfig.EXPORT, families);
  }

  @Override
  public AnnExport settings(Settings raw, FamilyRegistry families) {
    return AnnExport.from(raw, families);
  }

  @Override
  public int run(AnnExport export, PrintStream out, PrintStream log) throws IOException {
    Path file = export.run(log);
    out.println("ann-benchmarks file: " + file);
    out.println("sweep it: mvn -q exec:java -Dexperiment=sweep -Ddataset=" + file);
    return 0;
  }
}
