package lshbench.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lshbench.config.Settings;
import lshbench.experiment.SweepConfig;
import lshbench.family.BuildInput;
import lshbench.family.FamilyRegistry;
import lshbench.family.LshGrid;
import lshbench.lsh.HashFamily;

/**
 * How to draw one bank of hash functions on an executor: the experiment's settings (parsed
 * there by the core into the same grid), which family of the grid, and the seed. Banks are not
 * shipped: a task draws its own from the core's family code with the same input, so it holds the
 * same functions as the driver's and the local engine's (banks keep scratch space and are not
 * thread-safe, so each task draws one).
 */
final class BankRecipe implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<Map<String, String>, SweepConfig> PARSED = new ConcurrentHashMap<>();

  private final String experiment;
  private final HashMap<String, String> settings;
  private final int family;
  private final long seed;
  private final int[] members;
  private final float[] centre;

  BankRecipe(SweepConfig config, int family, long seed, int[] members, float[] centre) {
    this.experiment = config.experiment();
    this.settings = new HashMap<>(config.settings());
    this.family = family;
    this.seed = seed;
    this.members = members;
    this.centre = centre;
  }

  /** The bank the local sweep draws for this family and repeat: max(k) × max(L) functions. */
  HashFamily draw(SharedData data) {
    SweepConfig config = PARSED.computeIfAbsent(settings,
        s -> SweepConfig.from(Settings.of(experiment, s), FamilyRegistry.standard()));
    LshGrid<?> grid = config.families().lsh().get(family);
    return grid.build(new BuildInput(data.dataset(), members, config.families().pcaSample(),
        centre, 1), grid.maxK(), grid.maxL(), seed);
  }
}
