package lshbench.lsh;

/**
 * The min-heap both multi-probe sequences draw from: entries are a perturbation (packed in a
 * {@code long}), the position it was last extended at, and its score. Fixed capacity, no
 * allocation per query; a push into a full heap is dropped, which the callers size to never
 * happen for the probes they can pop.
 */
final class ProbeHeap {
  private final long[] sets;
  private final int[] last;
  private final double[] score;
  private int size;

  ProbeHeap(int capacity) {
    sets = new long[capacity];
    last = new int[capacity];
    score = new double[capacity];
  }

  void clear() {
    size = 0;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long topSet() {
    return sets[0];
  }

  int topLast() {
    return last[0];
  }

  double topScore() {
    return score[0];
  }

  void push(long set, int lastPosition, double s) {
    if (size == sets.length) {
      return;
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (score[parent] <= s) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    sets[i] = set;
    last[i] = lastPosition;
    score[i] = s;
  }

  void pop() {
    size--;
    if (size == 0) {
      return;
    }
    long set = sets[size];
    int l = last[size];
    double s = score[size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && score[child + 1] < score[child]) {
        child++;
      }
      if (score[child] >= s) {
        break;
      }
      move(child, i);
      i = child;
    }
    sets[i] = set;
    last[i] = l;
    score[i] = s;
  }

  private void move(int from, int to) {
    sets[to] = sets[from];
    last[to] = last[from];
    score[to] = score[from];
  }
}
