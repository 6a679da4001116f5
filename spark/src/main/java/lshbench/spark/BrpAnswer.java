package lshbench.spark;

import java.io.Serializable;

/**
 * One query's answer from MLlib's join, built pair by pair: how many distinct members collided
 * with it in some table (its candidates), how many of them share its label, and the n nearest
 * by MLlib's distance (ties to the smaller row, as the exact scan keeps them).
 */
final class BrpAnswer implements Serializable {
  private static final long serialVersionUID = 1L;

  long candidates;
  long sameLabel;
  int size;
  final int[] rows;
  final double[] distances;

  BrpAnswer(int n) {
    rows = new int[n];
    distances = new double[n];
  }

  BrpAnswer add(int row, double distance, boolean same) {
    candidates++;
    sameLabel += same ? 1 : 0;
    keep(row, distance);
    return this;
  }

  BrpAnswer merge(BrpAnswer other) {
    candidates += other.candidates;
    sameLabel += other.sameLabel;
    for (int i = 0; i < other.size; i++) {
      keep(other.rows[i], other.distances[i]);
    }
    return this;
  }

  private void keep(int row, double distance) {
    int n = rows.length;
    int at = size;
    while (at > 0 && (distances[at - 1] > distance
        || distances[at - 1] == distance && rows[at - 1] > row)) {
      at--;
    }
    if (at >= n) {
      return;
    }
    int last = Math.min(size, n - 1);
    System.arraycopy(rows, at, rows, at + 1, last - at);
    System.arraycopy(distances, at, distances, at + 1, last - at);
    rows[at] = row;
    distances[at] = distance;
    size = Math.min(n, size + 1);
  }
}
