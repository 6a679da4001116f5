package lshbench.experiment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lshbench.features.GeometricVerifier;
import lshbench.features.LocalFeatures;
import lshbench.features.Verification;
import lshbench.lsh.NearPairs;
import lshbench.lsh.UnionFind;

/**
 * Groups that do not chain distinct photos: connected components of the verified pairs are
 * only a start; the keep file is chosen in each ({@link KeepRule}) and only the members that
 * verify against it stay. The others are grouped again among themselves, the same way. So a
 * chain photo 1 ~ crop of 1 and 2 ~ photo 2 (two shots of one subject, each matching the
 * crop's part) becomes two groups, not one. Checks not made in the second stage (members that
 * were not candidates of each other) are made here, once.
 */
final class VerifiedGroups {
  private final Map<Long, Verification> checks = new HashMap<>();
  private final LocalFeatures[] features;
  private final GeometricVerifier verifier;

  /**
   * @param checks per candidate pair; null when the run does not verify (every candidate then
   *     counts as passed)
   */
  VerifiedGroups(NearPairs candidates, Verification[] checks, LocalFeatures[] features,
      GeometricVerifier verifier) {
    for (int p = 0; p < candidates.size(); p++) {
      this.checks.put(candidates.key(p), checks == null ? PASSED : checks[p]);
    }
    this.features = features;
    this.verifier = verifier;
  }

  /** Stands in for a check when verification is off. */
  static final Verification PASSED = new Verification(0, 0, 0, Double.NaN, Double.NaN, false, 1,
      1, true);

  /** The check of (a, b), a first: from the second stage, or made now. */
  synchronized Verification check(int a, int b) {
    long key = NearPairs.key(a, b);
    Verification v = checks.get(key);
    if (v == null) {
      int lo = Math.min(a, b);
      int hi = Math.max(a, b);
      v = features == null || features[lo] == null || features[hi] == null
          ? (features == null ? PASSED : Verification.none(0))
          : verifier.verify(features[lo], features[hi]);
      checks.put(key, v);
    }
    return a < b ? v : v.swapped();
  }

  /**
   * Rows grouped: each returned array lists a group's rows, keep row first.
   *
   * @param keep picks the keep row among a group's rows
   */
  List<int[]> groups(int n, java.util.function.ToIntFunction<int[]> keep) {
    UnionFind uf = new UnionFind(n);
    for (var e : checks.entrySet()) {
      if (e.getValue().passed()) {
        uf.union((int) (e.getKey() >>> 32), (int) (long) e.getKey());
      }
    }
    List<int[]> out = new ArrayList<>();
    Deque<int[]> todo = new ArrayDeque<>(uf.groups());
    while (!todo.isEmpty()) {
      int[] rows = todo.pollFirst();
      if (rows.length < 2) {
        continue;
      }
      int k = keep.applyAsInt(rows);
      List<Integer> in = new ArrayList<>(List.of(k));
      List<Integer> rest = new ArrayList<>();
      for (int r : rows) {
        if (r != k) {
          (check(k, r).passed() ? in : rest).add(r);
        }
      }
      if (in.size() >= 2) {
        out.add(in.stream().mapToInt(Integer::intValue).toArray());
      }
      if (rest.size() >= 2) {
        todo.addAll(regroup(rest));
      }
    }
    return out;
  }

  /** Components of the verified pairs among {@code rows} only. */
  private List<int[]> regroup(List<Integer> rows) {
    int[] r = rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    UnionFind uf = new UnionFind(r.length);
    for (int i = 0; i < r.length; i++) {
      for (int j = i + 1; j < r.length; j++) {
        Verification v = checks.get(NearPairs.key(r[i], r[j]));
        if (v != null && v.passed()) {
          uf.union(i, j);
        }
      }
    }
    List<int[]> out = new ArrayList<>();
    for (int[] g : uf.groups()) {
      out.add(Arrays.stream(g).map(i -> r[i]).toArray());
    }
    return out;
  }
}
