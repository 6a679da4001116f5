package lshbench.cli;

import java.util.List;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.experiment.DedupConfig;
import lshbench.family.FamilyRegistry;

/** The near-duplicate experiments (finder, benchmark): their settings are a {@link DedupConfig}. */
abstract class PhotoExperiment implements Experiment<DedupConfig> {
  @Override
  public final List<Key> keys(FamilyRegistry families) {
    return DedupConfig.keys(type());
  }

  @Override
  public final DedupConfig settings(Settings raw, FamilyRegistry families) {
    return DedupConfig.from(raw);
  }
}
