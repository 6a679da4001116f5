package lshbench.report;

import java.util.List;
import java.util.Locale;

/**
 * How much of a two-pass configuration's speed-up comes from hashing and how much from its
 * subspace prefilter: its speed-up over the exact scan is the {@code pca-scan} baseline's at the
 * same R (the prefilter alone, every item scored in the subspace) times the rest, which is what
 * the hash tables add. Says plainly when hashing does not pay: the best hashing configuration
 * reaching kNN recall 0.9 is slower than the best subspace scan reaching it.
 */
final class HashingShare {
  private HashingShare() {}

  /** The summary's paragraph, or null when the run has no pca-scan rows. */
  static String text(ResultsTable r, List<ConfigPoint> candidates, double[] targets) {
    List<ConfigPoint> scans = candidates.stream().filter(ConfigPoint::isPcaScan).toList();
    if (scans.isEmpty()) {
      return null;
    }
    List<ConfigPoint> hashed = candidates.stream()
        .filter(p -> !p.isPcaScan() && !p.isExact() && !p.isHnsw()).toList();
    StringBuilder s = new StringBuilder("Hashing or the prefilter? The fastest hashing "
        + "configuration at each kNN target, its speed-up split into the pca-scan baseline's at "
        + "the same R (every item scored in the same subspace, the best R compared exactly) × "
        + "what the hash tables add:\n");
    for (double target : targets) {
      ConfigPoint best = Frontier.fastestReaching(hashed, Recall.KNN, target);
      ConfigPoint scan = Frontier.fastestReaching(scans, Recall.KNN, target);
      String t = String.format(Locale.ROOT, "  %-7.2f ", target);
      if (best == null) {
        s.append(t).append("no hashing configuration reaches it").append(scan == null ? ""
            : String.format(Locale.ROOT, "; %s does, %.1fx the exact scan", scan.label(),
                scan.speedup())).append('\n');
        continue;
      }
      ConfigPoint same = best.rerankKeep() == 0 ? null : scans.stream()
          .filter(p -> p.rerankKeep() == best.rerankKeep()).findFirst().orElse(null);
      if (same != null) {
        s.append(t).append(String.format(Locale.ROOT,
            "%s %.1fx = pca-scan R=%d %.1fx (the prefilter, recall %.3f) × %.2f from hashing%n",
            best.label(), best.speedup(), same.rerankKeep(), same.speedup(), same.knnRecall(),
            best.speedup() / same.speedup()));
      } else {
        s.append(t).append(String.format(Locale.ROOT,
            "%s %.1fx, every candidate compared exactly (no prefilter: all from hashing)%n",
            best.label(), best.speedup()));
      }
      if (scan != null) {
        boolean pays = best.queryUs() < scan.queryUs();
        s.append(String.format(Locale.ROOT, "          %s%n", pays
            ? String.format(Locale.ROOT, "hashing pays: %.2fx faster than the fastest subspace scan "
                + "reaching it (%s, %s µs)", scan.queryUs() / best.queryUs(), scan.label(),
                Html.fmt("%,.1f", scan.queryUs()))
            : String.format(Locale.ROOT, "HASHING DOES NOT PAY at n = %s: %s (%s µs) is slower "
                + "than %s (%s µs), which hashes nothing", r.first(
                    lshbench.experiment.ResultColumns.N_INDEXED), best.label(),
                Html.fmt("%,.1f", best.queryUs()), scan.label(), Html.fmt("%,.1f", scan.queryUs()))));
      }
    }
    return s.toString();
  }
}
