package lshbench.spark;

import java.io.Serializable;
import java.nio.file.Path;
import lshbench.experiment.DedupConfig;
import lshbench.features.FeatureCache;
import lshbench.features.GeometricVerifier;
import lshbench.features.OrbExtractor;

/**
 * What a second-stage task needs to build the core's extractor, keypoint cache and verifier with
 * the finder's settings. Paths are absolute: an executor's working folder need not be the
 * driver's (the keypoint cache is keyed by the absolute path, so both engines share entries).
 */
final class Stage2Recipe implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String photos;
  private final String cacheDir;
  private final int features;
  private final int side;
  private final int inliers;
  private final double ratio;
  private final long seed;

  Stage2Recipe(DedupConfig config) {
    this.photos = config.photos().toAbsolutePath().toString();
    this.cacheDir = config.cacheDir().toAbsolutePath().toString();
    this.features = config.stage2().features();
    this.side = config.stage2().side();
    this.inliers = config.stage2().inliers();
    this.ratio = config.stage2().ratio();
    this.seed = config.seed();
  }

  Path file(String relative) {
    return Path.of(photos).resolve(relative);
  }

  OrbExtractor extractor() {
    return new OrbExtractor(features, side);
  }

  /** The cache; its rare complaints (a damaged entry, read as a miss) go to the task's stderr. */
  FeatureCache cache() {
    return new FeatureCache(Path.of(cacheDir), extractor().describe(), System.err);
  }

  /** The local finder's verifier: same bars, same RANSAC seed. */
  GeometricVerifier verifier() {
    return new GeometricVerifier(inliers, ratio, seed);
  }
}
