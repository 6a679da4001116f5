package lshbench.cli;

import java.util.List;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.experiment.SweepConfig;
import lshbench.family.FamilyRegistry;

/**
 * The experiments over a vector dataset (sweep, tune, compare, scale): their settings are a
 * {@link SweepConfig}, whose key lists say which keys each type reads.
 */
abstract class VectorExperiment implements Experiment<SweepConfig> {
  @Override
  public final List<Key> keys(FamilyRegistry families) {
    return SweepConfig.keys(type(), families);
  }

  @Override
  public final SweepConfig settings(Settings raw, FamilyRegistry families) {
    return SweepConfig.from(raw, families);
  }
}
