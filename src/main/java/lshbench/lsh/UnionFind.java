package lshbench.lsh;

import java.util.ArrayList;
import java.util.List;

/**
 * Connected components of a pair graph (union by size, path halving). A duplicate finder groups
 * by components rather than by one query's neighbours so that a chain of copies (original →
 * crop → re-encoded crop) ends in one group even when its ends are farther apart than the
 * threshold.
 */
public final class UnionFind {
  private final int[] parent;
  private final int[] size;

  public UnionFind(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be non-negative, got " + n);
    }
    parent = new int[n];
    size = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      size[i] = 1;
    }
  }

  /** The union-find over {@code n} rows joined by every pair in {@code pairs}. */
  public static UnionFind of(int n, NearPairs pairs) {
    UnionFind uf = new UnionFind(n);
    for (int p = 0; p < pairs.size(); p++) {
      uf.union(pairs.first(p), pairs.second(p));
    }
    return uf;
  }

  public int find(int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  public void union(int x, int y) {
    int a = find(x);
    int b = find(y);
    if (a == b) {
      return;
    }
    if (size[a] < size[b]) {
      int t = a;
      a = b;
      b = t;
    }
    parent[b] = a;
    size[a] += size[b];
  }

  /**
   * Components of two or more rows, each sorted ascending, ordered by their smallest row:
   * a deterministic numbering for reports.
   */
  public List<int[]> groups() {
    int n = parent.length;
    int[] slot = new int[n];
    java.util.Arrays.fill(slot, -1);
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int r = find(i);
      if (size[r] < 2) {
        continue;
      }
      if (slot[r] < 0) {
        slot[r] = out.size();
        out.add(new ArrayList<>());
      }
      out.get(slot[r]).add(i);
    }
    List<int[]> groups = new ArrayList<>(out.size());
    for (List<Integer> g : out) {
      groups.add(g.stream().mapToInt(Integer::intValue).toArray());
    }
    return groups;
  }
}
