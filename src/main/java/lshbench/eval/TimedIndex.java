package lshbench.eval;

import java.util.Arrays;
import lshbench.lsh.Index;
import lshbench.lsh.Neighbours;

/**
 * Times every {@link #search} of the index it wraps, so that indexes hold no timing code
 * (hnswlib's StatisticsDecorator idea). Wall-clock nanoseconds of the calling thread's view.
 */
public final class TimedIndex implements Index {
  private final Index delegate;
  private long[] nanos = new long[1024];
  private int count;

  public TimedIndex(Index delegate) {
    this.delegate = delegate;
  }

  @Override
  public Neighbours search(float[] query, int n) {
    long start = System.nanoTime();
    Neighbours result = delegate.search(query, n);
    long elapsed = System.nanoTime() - start;
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = elapsed;
    return result;
  }

  /** Nanoseconds of each timed search since the last {@link #reset}. */
  public long[] nanos() {
    return Arrays.copyOf(nanos, count);
  }

  public void reset() {
    count = 0;
  }

  @Override
  public int[] candidates(float[] query) {
    return delegate.candidates(query);
  }

  @Override
  public int size() {
    return delegate.size();
  }

  @Override
  public long memoryBytes() {
    return delegate.memoryBytes();
  }

  @Override
  public String name() {
    return delegate.name();
  }
}
