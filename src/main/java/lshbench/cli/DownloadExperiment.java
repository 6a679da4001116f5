package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.data.download.ArchiveDownload;
import lshbench.experiment.DownloadConfig;
import lshbench.family.FamilyRegistry;

/** Fetches and unpacks an image collection; writes no run folder. */
final class DownloadExperiment implements Experiment<DownloadConfig> {
  @Override
  public String type() {
    return "download";
  }

  @Override
  public String summary() {
    return "fetches and unpacks an image collection (resumable, SHA-256 checked); no run folder";
  }

  @Override
  public List<Key> keys(FamilyRegistry families) {
    return DownloadConfig.KEYS;
  }

  @Override
  public DownloadConfig settings(Settings raw, FamilyRegistry families) {
    return DownloadConfig.from(raw);
  }

  @Override
  public int run(DownloadConfig config, PrintStream out, PrintStream log) throws IOException {
    Path folder = ArchiveDownload.fetch(config.spec(), log);
    out.println("images: " + folder);
    out.println("next:   mvn -q exec:java -Dexperiment=caltech101 -Ddataset.root=" + folder);
    return 0;
  }
}
