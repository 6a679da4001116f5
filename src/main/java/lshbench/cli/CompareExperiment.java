package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.experiment.CompareExport;
import lshbench.experiment.RunLifecycle;
import lshbench.experiment.SweepConfig;
import lshbench.family.FamilyRegistry;

/** Exports a split in TEXMEX files and measures lshbench on it, for FAISS and FALCONN. */
final class CompareExperiment implements Experiment<SweepConfig> {
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
  public List<Key> keys(FamilyRegistry families) {
    return SweepConfig.keys(type(), families);
  }

  @Override
  public SweepConfig settings(Settings raw, FamilyRegistry families) {
    return SweepConfig.from(raw, families);
  }

  @Override
  public int run(SweepConfig config, PrintStream out, PrintStream log) throws IOException {
    Path folder = RunLifecycle.run(new CompareExport(config, log), RunLifecycle.Report.none(), log);
    out.println("exported: " + folder);
    out.println("next:     /usr/bin/python3 src/bench/faiss_compare.py " + folder);
    return 0;
  }
}
