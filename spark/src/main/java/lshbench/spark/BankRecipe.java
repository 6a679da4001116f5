package lshbench.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lshbench.config.Settings;
import lshbench.data.Dataset;
import lshbench.data.Provenance;
import lshbench.experiment.SweepConfig;
import lshbench.family.BuildInput;
import lshbench.family.FamilyRegistry;
import lshbench.family.LshGrid;
import lshbench.family.TrainingSample;
import lshbench.lsh.HashFamily;

/**
 * How to draw one bank of hash functions on an executor: the experiment's settings (parsed
 * there by the core into the same grid), which family of the grid, the seed, and the members a
 * data-aware family trains on. Banks are not shipped: a task draws its own from the core's
 * family code with the same input, so it holds the same functions as the driver's and the local
 * engine's (banks keep scratch space and are not thread-safe, so each task draws one).
 *
 * <p>Only the training sample travels, not the data: a family learns from
 * {@link TrainingSample#draw}{@code (members, sampleSize, seed)} (rows in row order), so the
 * recipe carries exactly those rows as a small dataset whose members are all of them, which the
 * same draw returns whole and in the same order.
 */
final class BankRecipe implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<Map<String, String>, SweepConfig> PARSED = new ConcurrentHashMap<>();

  private final String experiment;
  private final HashMap<String, String> settings;
  private final int family;
  private final long seed;
  private final float[] sample;
  private final int dim;
  private final int sampleSize;
  private final float[] centre;

  BankRecipe(SweepConfig config, int family, long seed, Dataset data, int[] members,
      float[] centre) {
    this.experiment = config.experiment();
    this.settings = new HashMap<>(config.settings());
    this.family = family;
    this.seed = seed;
    this.sampleSize = config.families().pcaSample();
    this.sample = data.rows(TrainingSample.draw(members, sampleSize, seed));
    this.dim = data.dim();
    this.centre = centre;
  }

  /** The bank the local sweep draws for this family and repeat: max(k) × max(L) functions. */
  HashFamily draw() {
    SweepConfig config = PARSED.computeIfAbsent(settings,
        s -> SweepConfig.from(Settings.of(experiment, s), FamilyRegistry.standard()));
    LshGrid<?> grid = config.families().lsh().get(family);
    Dataset rows = new Dataset(sample, dim, null, null, null,
        new Provenance("spark training sample", "rows of the driver's data", "", false));
    int[] all = new int[rows.size()];
    java.util.Arrays.setAll(all, i -> i);
    return grid.build(new BuildInput(rows, all, sampleSize, centre, 1), grid.maxK(),
        grid.maxL(), seed);
  }
}
