package lshbench.experiment;

import lshbench.io.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import lshbench.data.Dataset;
import lshbench.features.FeatureCache;
import lshbench.features.GeometricVerifier;
import lshbench.features.LocalFeatures;
import lshbench.features.OrbExtractor;
import lshbench.features.Verification;
import lshbench.lsh.NearPairs;
import lshbench.vector.Parallel;

/**
 * The finder's second stage: keypoints for every image that has at least one candidate (from
 * the cache when it has them), then the geometric check of every candidate pair. Both loops
 * run on {@code threads} threads and report progress. The Spark engine runs the same steps as
 * Spark jobs and reports through the same {@link Result}.
 */
public final class SecondStage {
  private final Path root;
  private final OrbExtractor extractor;
  private final FeatureCache cache;
  private final GeometricVerifier verifier;
  private final int threads;
  private final PrintStream log;

  /**
   * What the stage found.
   *
   * @param features per dataset row, null for rows without a candidate or whose file no
   *     longer decodes
   * @param checks per candidate pair, in the pairs' order
   */
  public record Result(LocalFeatures[] features, Verification[] checks, int images,
      int extracted, double keypointSeconds, double verifySeconds) {
    public int passed() {
      int n = 0;
      for (Verification v : checks) {
        n += v.passed() ? 1 : 0;
      }
      return n;
    }
  }

  public SecondStage(Path root, OrbExtractor extractor, FeatureCache cache,
      GeometricVerifier verifier, int threads, PrintStream log) {
    this.root = root;
    this.extractor = extractor;
    this.cache = cache;
    this.verifier = verifier;
    this.threads = threads;
    this.log = log;
  }

  public Result run(Dataset data, NearPairs candidates) {
    long k0 = System.nanoTime();
    boolean[] needed = new boolean[data.size()];
    for (int p = 0; p < candidates.size(); p++) {
      needed[candidates.first(p)] = true;
      needed[candidates.second(p)] = true;
    }
    int[] rows = java.util.stream.IntStream.range(0, data.size()).filter(i -> needed[i])
        .toArray();
    AtomicInteger extracted = new AtomicInteger();
    LocalFeatures[] features = keypoints(data, rows, extracted);
    double keypointSeconds = (System.nanoTime() - k0) / 1e9;
    log.printf(Locale.ROOT, "[keypoints] %d images with a candidate: %d extracted, %d from the "
        + "cache, %.1f s%n", rows.length, extracted.get(), rows.length - extracted.get(),
        keypointSeconds);
    long v0 = System.nanoTime();
    Verification[] checks = new Verification[candidates.size()];
    AtomicInteger checked = new AtomicInteger();
    Progress verifying = new Progress("verify", Math.max(1, checks.length), log);
    int block = 256;
    Parallel.forBlocks("lshbench-verify", threads, checks.length, block, start -> {
      for (int p = start, end = Math.min(checks.length, start + block); p < end; p++) {
        LocalFeatures a = features[candidates.first(p)];
        LocalFeatures b = features[candidates.second(p)];
        checks[p] = a == null || b == null ? Verification.none(0) : verifier.verify(a, b);
      }
      report(verifying, checked.addAndGet(Math.min(block, checks.length - start)),
          checks.length, block);
    });
    double verifySeconds = (System.nanoTime() - v0) / 1e9;
    Result r = new Result(features, checks, rows.length, extracted.get(), keypointSeconds,
        verifySeconds);
    log.printf(Locale.ROOT, "[verify] %d candidate pairs checked, %d pass (%s), %.1f s%n",
        checks.length, r.passed(), verifier.describe(), verifySeconds);
    return r;
  }

  /**
   * Keypoints of the listed rows (null for a file that no longer decodes), per dataset row;
   * {@code extracted} counts those not found in the cache.
   */
  public LocalFeatures[] keypoints(Dataset data, int[] rows, AtomicInteger extracted) {
    LocalFeatures[] features = new LocalFeatures[data.size()];
    AtomicInteger done = new AtomicInteger();
    Progress progress = new Progress("keypoints", Math.max(1, rows.length), log);
    Parallel.forBlocks("lshbench-keypoints", threads, rows.length, 16, start -> {
      for (int i = start, end = Math.min(rows.length, start + 16); i < end; i++) {
        features[rows[i]] = load(data.id(rows[i]), extracted);
      }
      report(progress, done.addAndGet(Math.min(16, rows.length - start)), rows.length, 16);
    });
    return features;
  }

  /** Progress about every 5 %, not every block. */
  private static void report(Progress p, int done, int total, int block) {
    int step = Math.max(1, total / 20);
    synchronized (p) {
      if (done / step != Math.max(0, done - block) / step || done == total) {
        p.at(done, "");
      }
    }
  }

  private LocalFeatures load(String relative, AtomicInteger extracted) {
    try {
      FeatureCache.Loaded f = cache.readOrExtract(root.resolve(relative), extractor);
      if (f.extracted()) {
        extracted.incrementAndGet();
      }
      return f.features();
    } catch (IOException e) {
      log.println("[keypoints] " + relative + ": " + e.getMessage() + "; not verified");
      return null;
    }
  }
}
