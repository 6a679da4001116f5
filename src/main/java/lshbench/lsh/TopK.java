package lshbench.lsh;

import lshbench.vector.VectorOps;

/**
 * Keeps the n smallest (distance, id) pairs seen, as a max-heap of packed longs: the
 * non-negative distance's float bits in the high half (they order like the floats) and the id
 * in the low half, so ties break towards the smaller id and nothing is boxed.
 */
final class TopK {
  private final long[] heap;
  private final float[] quad = new float[4];
  private int size;

  TopK(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("n must be positive, got " + capacity);
    }
    heap = new long[capacity];
  }

  void clear() {
    size = 0;
  }

  int capacity() {
    return heap.length;
  }

  /** The current n-th best distance, or +infinity while fewer than n are held. */
  float worst() {
    return size < heap.length ? Float.POSITIVE_INFINITY : Float.intBitsToFloat((int) (heap[0] >>> 32));
  }

  void offer(int id, float distance) {
    assert distance >= 0 : "distances must be non-negative";
    long packed = ((long) Float.floatToRawIntBits(distance) << 32) | (id & 0xFFFFFFFFL);
    if (size < heap.length) {
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (heap[parent] >= packed) {
          break;
        }
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = packed;
    } else if (packed < heap[0]) {
      siftDown(packed);
    }
  }

  /**
   * Offers rows {@code ids[0..count)} of {@code v} (row-major, dimension d) at their squared
   * distance to the query row at {@code qOff}, in that order: four rows a kernel call so their
   * cache misses overlap, each distance the one-row kernel's float, so the heap ends exactly
   * as offering them one by one would leave it.
   */
  void offerRows(float[] query, int qOff, float[] v, int d, int[] ids, int count) {
    float[] four = quad;
    int i = 0;
    for (int end = count - 3; i < end; i += 4) {
      int i0 = ids[i];
      int i1 = ids[i + 1];
      int i2 = ids[i + 2];
      int i3 = ids[i + 3];
      VectorOps.squaredDistances4(query, qOff, v, i0 * d, i1 * d, i2 * d, i3 * d, d, four);
      offerIfBetter(i0, four[0]);
      offerIfBetter(i1, four[1]);
      offerIfBetter(i2, four[2]);
      offerIfBetter(i3, four[3]);
    }
    for (; i < count; i++) {
      offerIfBetter(ids[i], VectorOps.squaredDistance(query, qOff, v, ids[i] * d, d));
    }
  }

  /**
   * Offers rows {@code ids[0..count)} one kernel call each: faster than {@link #offerRows} when
   * the rows are consecutive and short, where the four-row kernel's interleaved reads defeat the
   * prefetcher (1M × 128: 26 against 44 ms a scan; see {@code ExactIndex}). Same distances, same
   * heap.
   */
  void offerEach(float[] query, int qOff, float[] v, int d, int[] ids, int count) {
    float worst = worst();
    for (int i = 0; i < count; i++) {
      int id = ids[i];
      float distance = VectorOps.squaredDistance(query, qOff, v, id * d, d);
      if (distance <= worst) {
        offer(id, distance);
        worst = worst();
      }
    }
  }

  private void offerIfBetter(int id, float distance) {
    if (distance <= worst()) {
      offer(id, distance);
    }
  }

  private void siftDown(long packed) {
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < size && heap[child + 1] > heap[child]) {
        child++;
      }
      if (heap[child] <= packed) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = packed;
  }

  /**
   * Empties the heap into {@code into[at..]} as packed (distance, id) longs, unordered; returns
   * the index after the last one written. Sorting packed longs orders them like {@link #drain}.
   */
  int moveTo(long[] into, int at) {
    System.arraycopy(heap, 0, into, at, size);
    int end = at + size;
    size = 0;
    return end;
  }

  static int id(long packed) {
    return (int) packed;
  }

  static float distance(long packed) {
    return Float.intBitsToFloat((int) (packed >>> 32));
  }

  /** Empties the heap into a result, closest first. */
  Neighbours drain(int candidates) {
    // Sorted in place: the heap is emptied anyway, so the answer is the only allocation.
    java.util.Arrays.sort(heap, 0, size);
    int[] ids = new int[size];
    float[] distances = new float[size];
    for (int i = 0; i < size; i++) {
      ids[i] = (int) heap[i];
      distances[i] = Float.intBitsToFloat((int) (heap[i] >>> 32));
    }
    size = 0;
    return new Neighbours(ids, distances, candidates);
  }
}
