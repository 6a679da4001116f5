package lshbench.vector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Batch work over row ranges on named threads. Results must not depend on the thread count:
 * every task writes only its own rows.
 */
public final class Parallel {
  private Parallel() {}

  /** Threads to use for batch work: all cores unless {@code lshbench.threads} says otherwise. */
  public static int defaultThreads() {
    return Math.max(1, Integer.getInteger("lshbench.threads",
        Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Runs {@code body} for every block start in [0, n) step {@code block}, blocks handed out
   * dynamically to {@code threads} threads named {@code name-N}.
   */
  public static void forBlocks(String name, int threads, int n, int block, IntConsumer body) {
    if (threads <= 1 || n <= block) {
      for (int start = 0; start < n; start += block) {
        body.accept(start);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int start; (start = next.getAndAdd(block)) < n; ) {
            body.accept(start);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + " interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(name + " failed", cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
