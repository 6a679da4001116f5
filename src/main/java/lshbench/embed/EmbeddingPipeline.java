package lshbench.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import lshbench.data.Dataset;
import lshbench.data.Provenance;
import lshbench.data.images.ImageDecodeException;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.ImageItem;
import lshbench.data.images.ImageListing;
import lshbench.data.images.RgbImage;
import lshbench.data.images.Skipped;
import lshbench.io.Progress;

/**
 * Embeds a whole image listing as producer and consumer: decoding and preprocessing (JPEG
 * decode and resize cost more than the int8 model: about 6 ms against 2 ms an image here) run
 * on a small pool of decode threads, one batch ahead of the model thread, joined by a bounded
 * queue so memory stays at a few batches whatever the set size. With one decode thread the
 * model sat idle two thirds of the time; the pool size is {@code -Dlshbench.decodeThreads}
 * (default: the core count).
 *
 * <p>Images are processed in fixed chunks of the listing; each finished chunk is handed to a
 * {@link ChunkStore}, and chunks already stored are loaded instead of recomputed, so a killed
 * run resumes where it stopped. Progress is a bar on a terminal, a line every few seconds in a log.
 */
public final class EmbeddingPipeline {

  private final Embedder embedder;
  private final int batchSize;
  private final int chunkSize;
  private final int decodeThreads;
  private final PrintStream log;

  /**
   * @param batchSize images per model call
   * @param chunkSize images per resumable chunk (a multiple of nothing in particular)
   */
  public EmbeddingPipeline(Embedder embedder, int batchSize, int chunkSize, PrintStream log) {
    this(embedder, batchSize, chunkSize, Math.max(1, Integer.getInteger("lshbench.decodeThreads",
        Runtime.getRuntime().availableProcessors())), log);
  }

  /**
   * @param decodeThreads decoding threads beside the model's: an engine that runs several
   *     pipelines side by side (one per Spark task) gives each its share of the cores
   */
  public EmbeddingPipeline(Embedder embedder, int batchSize, int chunkSize, int decodeThreads,
      PrintStream log) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be positive, got " + chunkSize);
    }
    this.embedder = embedder;
    this.batchSize = batchSize;
    this.chunkSize = chunkSize;
    if (decodeThreads < 1) {
      throw new IllegalArgumentException("decodeThreads must be positive, got " + decodeThreads);
    }
    this.decodeThreads = decodeThreads;
    this.log = log;
  }

  /** Where finished chunks are kept between runs. */
  public interface ChunkStore {
    Optional<EmbeddingCache.Entry> load(int chunk);

    void save(int chunk, Dataset vectors, List<Skipped> skipped) throws IOException;

    /** Keeps nothing: every run starts from scratch. */
    ChunkStore NONE = new ChunkStore() {
      @Override
      public Optional<EmbeddingCache.Entry> load(int chunk) {
        return Optional.empty();
      }

      @Override
      public void save(int chunk, Dataset vectors, List<Skipped> skipped) {}
    };
  }

  /**
   * What a run produced.
   *
   * @param vectors {@code items.length × dim} floats, in listing order
   * @param items listing indices of the embedded images
   * @param skipped images that failed to decode or preprocess
   * @param resumed images taken from stored chunks rather than computed
   * @param computed images decoded and embedded in this run (including failures)
   * @param seconds wall time of the run
   */
  public record Outcome(float[] vectors, int dim, int[] items, List<Skipped> skipped,
      int resumed, int computed, double seconds) {
    public double imagesPerSecond() {
      return seconds > 0 ? computed / seconds : 0;
    }
  }

  public Outcome run(ImageListing listing, ChunkStore store) {
    List<ImageItem> items = listing.items();
    int n = items.size();
    int dim = embedder.dimension();
    int chunks = (n + chunkSize - 1) / chunkSize;
    float[] vectors = new float[n * dim];
    boolean[] embedded = new boolean[n];
    List<List<Skipped>> skippedByChunk = new ArrayList<>();
    boolean[] pending = new boolean[chunks];
    int resumed = 0;
    for (int c = 0; c < chunks; c++) {
      skippedByChunk.add(new ArrayList<>());
      Optional<EmbeddingCache.Entry> stored = store.load(c);
      if (stored.isPresent() && fill(stored.get(), listing, c, vectors, embedded, dim)) {
        skippedByChunk.get(c).addAll(stored.get().skipped());
        resumed += Math.min(n, (c + 1) * chunkSize) - c * chunkSize;
      } else {
        pending[c] = true;
      }
    }
    if (resumed > 0) {
      log.printf(Locale.ROOT, "[embed] resuming: %d of %d images from finished chunks%n",
          resumed, n);
    }
    int toCompute = n - resumed;
    long start = System.nanoTime();
    if (toCompute > 0) {
      compute(listing, store, pending, vectors, embedded, skippedByChunk, dim, resumed);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int count = 0;
    for (boolean e : embedded) {
      count += e ? 1 : 0;
    }
    int[] which = new int[count];
    float[] out = new float[count * dim];
    for (int i = 0, k = 0; i < n; i++) {
      if (embedded[i]) {
        which[k] = i;
        System.arraycopy(vectors, i * dim, out, k * dim, dim);
        k++;
      }
    }
    List<Skipped> skipped = new ArrayList<>();
    skippedByChunk.forEach(skipped::addAll);
    return new Outcome(out, dim, which, List.copyOf(skipped), resumed, toCompute, seconds);
  }

  /** Copies a stored chunk in if it matches this listing item for item; false if stale. */
  private boolean fill(EmbeddingCache.Entry entry, ImageListing listing, int chunk,
      float[] vectors, boolean[] embedded, int dim) {
    Dataset d = entry.dataset();
    int from = chunk * chunkSize;
    int to = Math.min(listing.items().size(), from + chunkSize);
    if (d.dim() != dim || d.size() + entry.skipped().size() != to - from) {
      return false;
    }
    int[] rows = new int[d.size()];
    int pos = from;
    for (int r = 0; r < d.size(); r++) {
      while (pos < to && !listing.items().get(pos).relative().equals(d.id(r))) {
        pos++;
      }
      if (pos == to) {
        return false;
      }
      rows[r] = pos++;
    }
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(d.vectors(), d.offset(r), vectors, rows[r] * dim, dim);
      embedded[rows[r]] = true;
    }
    return true;
  }

  /** A unit of work on the queue: a preprocessed batch, maybe closing a chunk. */
  private record Work(int chunk, int[] items, float[] tensors, int count, List<Skipped> skipped,
      boolean endOfChunk, boolean end) {}

  private void compute(ImageListing listing, ChunkStore store, boolean[] pending,
      float[] vectors, boolean[] embedded, List<List<Skipped>> skippedByChunk, int dim,
      int alreadyDone) {
    int n = listing.items().size();
    BlockingQueue<Work> queue = new ArrayBlockingQueue<>(3);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread producer = new Thread(() -> {
      try {
        produce(listing, pending, queue, stop);
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
        stop.set(true);
      }
    }, "lshbench-embed-decode");
    producer.setDaemon(true);
    Thread consumer = new Thread(() -> {
      try {
        consume(queue, stop, store, listing, vectors, embedded, skippedByChunk, dim, n,
            alreadyDone);
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
        stop.set(true);
      }
    }, "lshbench-embed-model");
    consumer.setDaemon(true);
    producer.start();
    consumer.start();
    try {
      consumer.join();
      stop.set(true);
      producer.join();
    } catch (InterruptedException e) {
      stop.set(true);
      Thread.currentThread().interrupt();
      throw new EmbeddingException("embedding interrupted", e);
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t != null) {
      throw new EmbeddingException("embedding failed: " + t, t);
    }
  }

  private void produce(ImageListing listing, boolean[] pending, BlockingQueue<Work> queue,
      AtomicBoolean stop) throws InterruptedException, ExecutionException {
    int n = listing.items().size();
    int len = embedder.preprocessing().tensorLength();
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService decoders = Executors.newFixedThreadPool(decodeThreads, r -> {
      Thread t = new Thread(r, "lshbench-embed-decode-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      for (int c = 0; c < pending.length && !stop.get(); c++) {
        if (!pending[c]) {
          continue;
        }
        int from = c * chunkSize;
        int to = Math.min(n, from + chunkSize);
        for (int b = from; b < to && !stop.get(); b += batchSize) {
          int m = Math.min(batchSize, to - b);
          float[] tensors = new float[m * len];
          String[] failed = new String[m];
          List<Future<?>> jobs = new ArrayList<>(m);
          for (int k = 0; k < m; k++) {
            ImageItem item = listing.items().get(b + k);
            int slot = k;
            jobs.add(decoders.submit(() -> {
              try {
                // decoded at no less than twice the resize target: memory bounded by the
                // model's input, and the bilinear resize still only shrinks
                RgbImage image = ImageFolder.decodeAtLeast(item.file(),
                    2 * embedder.preprocessing().resizeShort()).image();
                System.arraycopy(embedder.preprocess(image), 0, tensors, slot * len, len);
              } catch (ImageDecodeException e) {
                failed[slot] = e.getMessage();
              } catch (RuntimeException e) {
                failed[slot] = "preprocessing failed: " + e;
              }
            }));
          }
          for (Future<?> job : jobs) {
            job.get();
          }
          int[] which = new int[m];
          int count = 0;
          List<Skipped> skipped = new ArrayList<>();
          for (int k = 0; k < m; k++) {
            if (failed[k] != null) {
              skipped.add(new Skipped(listing.items().get(b + k).relative(), failed[k]));
            } else {
              if (count != k) {
                System.arraycopy(tensors, k * len, tensors, count * len, len);
              }
              which[count++] = b + k;
            }
          }
          put(queue, new Work(c, Arrays.copyOf(which, count), tensors, count, skipped,
              b + m == to, false), stop);
        }
      }
      put(queue, new Work(-1, new int[0], new float[0], 0, List.of(), false, true), stop);
    } finally {
      decoders.shutdownNow();
    }
  }

  private static void put(BlockingQueue<Work> queue, Work work, AtomicBoolean stop)
      throws InterruptedException {
    while (!stop.get()) {
      if (queue.offer(work, 100, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  private void consume(BlockingQueue<Work> queue, AtomicBoolean stop, ChunkStore store,
      ImageListing listing, float[] vectors, boolean[] embedded,
      List<List<Skipped>> skippedByChunk, int dim, int n, int alreadyDone)
      throws InterruptedException, IOException {
    Progress progress = new Progress("embed", n, alreadyDone, "images", log);
    int done = 0;
    boolean keepChunks = true;
    while (true) {
      Work w = queue.poll(100, TimeUnit.MILLISECONDS);
      if (w == null) {
        if (stop.get()) {
          return;
        }
        continue;
      }
      if (w.end()) {
        break;
      }
      if (w.count() > 0) {
        float[] out = embedder.embedTensors(w.tensors(), w.count());
        for (int k = 0; k < w.count(); k++) {
          System.arraycopy(out, k * dim, vectors, w.items()[k] * dim, dim);
          embedded[w.items()[k]] = true;
        }
      }
      skippedByChunk.get(w.chunk()).addAll(w.skipped());
      done += w.count() + w.skipped().size();
      if (w.endOfChunk() && keepChunks) {
        try {
          saveChunk(store, listing, w.chunk(), vectors, embedded, skippedByChunk.get(w.chunk()),
              dim);
        } catch (IOException e) {
          // a full cache disk costs the resume points, never the images embedded so far
          keepChunks = false;
          log.println("[embed] warning: cannot keep finished images for a resume ("
              + e.getMessage() + "); embedding goes on in memory");
        }
      }
      progress.at(alreadyDone + done, "");
    }
    progress.close();
  }



  private void saveChunk(ChunkStore store, ImageListing listing, int chunk, float[] vectors,
      boolean[] embedded, List<Skipped> skipped, int dim) throws IOException {
    int from = chunk * chunkSize;
    int to = Math.min(listing.items().size(), from + chunkSize);
    int count = 0;
    for (int i = from; i < to; i++) {
      count += embedded[i] ? 1 : 0;
    }
    float[] v = new float[count * dim];
    String[] ids = new String[count];
    for (int i = from, k = 0; i < to; i++) {
      if (embedded[i]) {
        System.arraycopy(vectors, i * dim, v, k * dim, dim);
        ids[k++] = listing.items().get(i).relative();
      }
    }
    store.save(chunk, new Dataset(v, dim, null, null, ids, new Provenance("embedding chunk",
        embedder.provenance(), "chunk " + chunk + " of " + listing.root(), false)),
        List.copyOf(skipped));
  }
}
