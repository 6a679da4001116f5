package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import lshbench.experiment.CompareExport;
import lshbench.experiment.RunLifecycle;
import lshbench.experiment.SweepConfig;

/** Exports a split in TEXMEX files and measures lshbench on it, for FAISS and FALCONN. */
final class CompareExperiment extends VectorExperiment {
  @Override
  public String type() {
    return SweepConfig.COMPARE;
  }

  @Override
  public String summary() {
    return "exports the split (fvecs/ivecs) and lshbench's measurements on it, for "
        + "src/bench/faiss_compare.py and ../shared/peers";
  }

  @Override
  public int run(SweepConfig config, PrintStream out, PrintStream log) throws IOException {
    Path folder = RunLifecycle.run(new CompareExport(config, log), RunLifecycle.Report.none(), log);
    out.println("exported: " + folder);
    out.println("next:     /usr/bin/python3 src/bench/faiss_compare.py " + folder);
    return 0;
  }
}
