package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.data.download.ArchiveDownload;
import lshbench.experiment.DownloadAnnConfig;
import lshbench.family.FamilyRegistry;

/** Fetches one ann-benchmarks .hdf5 file; writes no run folder. */
final class DownloadAnnExperiment implements Experiment<DownloadAnnConfig> {
  @Override
  public String type() {
    return "download-ann";
  }

  @Override
  public String summary() {
    return "fetches an ann-benchmarks dataset (.hdf5; resumable, SHA-256 checked); no run folder";
  }

  @Override
  public List<Key> keys(FamilyRegistry families) {
    return DownloadAnnConfig.KEYS;
  }

  @Override
  public DownloadAnnConfig settings(Settings raw, FamilyRegistry families) {
    return DownloadAnnConfig.from(raw);
  }

  @Override
  public int run(DownloadAnnConfig config, PrintStream out, PrintStream log) throws IOException {
    Path file = ArchiveDownload.fetchFile(config.spec(), log);
    out.println("dataset: " + file);
    out.println("next:    mvn -q exec:java -Dexperiment=sweep -Ddataset=" + file);
    return 0;
  }
}
