package lshbench.lsh;

import java.util.Arrays;
import lshbench.data.Dataset;
import lshbench.vector.Parallel;

/**
 * LSH over any {@link HashFamily}: L tables, each keyed by k concatenated hash functions (k
 * sign bits for random hyperplanes, the default). A query hashes into each table, takes the
 * union of its L buckets and reranks those candidates by exact distance.
 *
 * <p>Expected cost per query ≈ L·k·D (hashing) + D·|candidates| (reranking), where
 * |candidates| ≈ Σ over items of 1 − (1 − p^k)^L and p = 1 − θ/π for an item at angle θ.
 *
 * <p>Not thread-safe: a query reuses the index's scratch arrays so that it allocates nothing
 * but its answer. Use one index per thread.
 */
public final class LshIndex implements Index {
  /** Above 1/8 of the rows as candidates, the rerank visits them in row order. */
  private static final int DENSE_FRACTION = 8;
  private final Dataset data;
  private final int members;
  private final HashFamily family;
  private final int k;
  private final BucketTable[] tables;
  private final int probes;
  private final int budget;
  private final long[] queryKeys;
  private final int[] keyTable;
  private final int[] bucketOf;
  private long lastRawCandidates;
  /**
   * One bit a row: the union's marks, zeroed word by word after each query. A bit set, not an
   * int stamp a row, for the footprint: 128 KB for 1M rows instead of 4 MB, per batch worker.
   * Not for speed: a union of 749 candidates on 1M measured the same either way (29 against
   * 30–34 µs, JMH, load 2.5–3.1).
   */
  private final long[] seen;
  private final int rows;
  /** The union's marks are still set (many candidates: the rerank walks and clears them). */
  private boolean marked;
  private final int[] candidates;
  private TopK heap;
  private final ProjectedRerank prefilter;
  /** Per-thread copies for {@link #searchBatch}, made on first use. */
  private LshIndex[] workers;

  /**
   * Wraps tables already built from {@code family} at {@code k} bits (see {@link #buildTables}).
   * Only the first {@code tables.length} tables of the family are used.
   */
  public LshIndex(Dataset data, int members, HashFamily family, int k, BucketTable[] tables) {
    this(data, members, family, k, tables, 0);
  }

  /**
   * As above, probing {@code probes} extra buckets per table (multi-probe); 0 is plain LSH.
   */
  public LshIndex(Dataset data, int members, HashFamily family, int k, BucketTable[] tables,
      int probes) {
    this(data, members, family, k, tables, probes, null);
  }

  /**
   * As above; with a {@code prefilter}, candidates are first ranked in its subspace and only its
   * {@code keep} best are compared exactly (null = every candidate exactly).
   */
  public LshIndex(Dataset data, int members, HashFamily family, int k, BucketTable[] tables,
      int probes, ProjectedRerank prefilter) {
    this(data, members, family, k, tables, probes, prefilter, 0);
  }

  /**
   * As above; with {@code budget} > 0 (and {@code probes} = 0) the query visits {@code budget}
   * buckets in all, its own in every table and then the best perturbations across all tables
   * (FALCONN's {@code num_probes}, at least L; L is plain LSH). 0 = per-table probes.
   */
  public LshIndex(Dataset data, int members, HashFamily family, int k, BucketTable[] tables,
      int probes, ProjectedRerank prefilter, int budget) {
    this.prefilter = prefilter == null ? null : prefilter.copy();
    if (probes < 0) {
      throw new IllegalArgumentException("probes must be non-negative, got " + probes);
    }
    if (budget != 0 && (budget < tables.length || probes != 0)) {
      throw new IllegalArgumentException(probes != 0
          ? "a total probe budget replaces per-table probes: give one, got probes " + probes
              + " and budget " + budget
          : "a total probe budget covers each table's own bucket: needs at least L = "
              + tables.length + ", got " + budget);
    }
    this.probes = probes;
    this.budget = budget;
    if (k < 1 || k > family.maxKeyFunctions()) {
      throw new IllegalArgumentException(
          "k must be in 1.." + family.maxKeyFunctions() + ", got " + k);
    }
    if (tables.length < 1 || tables.length > family.tables()) {
      throw new IllegalArgumentException(
          "L must be in 1.." + family.tables() + ", got " + tables.length);
    }
    this.data = data;
    this.members = members;
    this.family = family;
    this.k = k;
    this.tables = tables.clone();
    this.rows = data.size();
    this.seen = new long[(rows + 63) >>> 6];
    int maxKeys = budget > 0 ? budget : tables.length * (1 + probes);
    this.queryKeys = new long[maxKeys];
    this.keyTable = new int[maxKeys];
    this.bucketOf = new int[maxKeys];
    this.candidates = new int[members];
  }

  /** A worker for another thread: same tables and functions, scratch space of its own. */
  private LshIndex(LshIndex other) {
    this.data = other.data;
    this.members = other.members;
    this.family = other.family.copy();
    this.k = other.k;
    this.tables = other.tables;
    this.probes = other.probes;
    this.budget = other.budget;
    this.prefilter = other.prefilter == null ? null : other.prefilter.copy();
    this.rows = other.rows;
    this.seen = new long[other.seen.length];
    this.queryKeys = new long[other.queryKeys.length];
    this.keyTable = new int[other.keyTable.length];
    this.bucketOf = new int[other.bucketOf.length];
    this.candidates = new int[other.candidates.length];
  }

  /**
   * Builds the first {@code count} tables of {@code family} at {@code k} bits from precomputed
   * full-width signatures ({@link HyperplaneBank#signatures}).
   */
  public static BucketTable[] buildTables(HashFamily family, long[] signatures, int[] members,
      int k, int count) {
    BucketTable[] out = new BucketTable[count];
    for (int t = 0; t < count; t++) {
      out[t] = buildTable(family, signatures, members, k, t);
    }
    return out;
  }

  /** Builds table {@code t} at {@code k} functions: the key is a prefix of the signature. */
  public static BucketTable buildTable(HashFamily family, long[] signatures, int[] members, int k,
      int t) {
    long mask = family.mask(k);
    int stride = family.tables();
    long[] keys = new long[members.length];
    for (int i = 0; i < members.length; i++) {
      keys[i] = signatures[i * stride + t] & mask;
    }
    return BucketTable.build(keys, members);
  }

  /** Hashes the listed rows with {@code family} and builds an index of its first L tables. */
  public static LshIndex build(HashFamily family, Dataset data, int[] members, int k, int tables,
      int probes, int threads) {
    long[] signatures = family.signatures(data, members, threads);
    return new LshIndex(data, members.length, family, k,
        buildTables(family, signatures, members, k, tables), probes);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Neighbours search(float[] query, int n) {
    int keys = hashStage(query);
    lookupStage(keys);
    int count = unionStage(keys);
    return rerankStage(query, n, count);
  }

  /**
   * Answers many queries in one call on {@code threads} threads (ann-benchmarks' batch mode);
   * queries are rows of {@code queries} (row-major, this index's dimension). Every answer is
   * the one {@link #search} gives. Each thread has its own worker (scratch arrays and hash
   * function scratch, tables shared), kept for the next call; queries are handed out in small
   * blocks, so a thread slowed by the machine's other work takes fewer.
   */
  public Neighbours[] searchBatch(float[] queries, int n, int threads) {
    int d = data.dim();
    if (queries.length % d != 0) {
      throw new IllegalArgumentException("query array is not a multiple of dimension " + d);
    }
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive, got " + n);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    int count = queries.length / d;
    int parts = Math.max(1, Math.min(threads, count));
    if (workers == null || workers.length < parts) {
      LshIndex[] grown = new LshIndex[parts];
      for (int p = 0; p < parts; p++) {
        grown[p] = workers != null && p < workers.length ? workers[p] : new LshIndex(this);
      }
      workers = grown;
    }
    Neighbours[] out = new Neighbours[count];
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    int block = Math.max(1, Math.min(16, count / (8 * parts)));
    LshIndex[] mine = workers;
    Parallel.forBlocks("lshbench-lsh-batch", parts, parts, 1, part -> {
      LshIndex worker = mine[part];
      float[] query = new float[d];
      for (int start; (start = next.getAndAdd(block)) < count; ) {
        for (int q = start, end = Math.min(count, start + block); q < end; q++) {
          System.arraycopy(queries, q * d, query, 0, d);
          out[q] = worker.search(query, n);
        }
      }
    });
    return out;
  }

  /** The distinct candidates of a query (the union of its L buckets), in discovery order. */
  @Override
  public int[] candidates(float[] query) {
    int keys = hashStage(query);
    lookupStage(keys);
    return Arrays.copyOf(candidates, unionStage(keys));
  }

  // The query in four stages, public so that a profiler in eval can time each from outside
  // (the index itself holds no timing code). search() is exactly their composition.

  /**
   * Stage 1, hashing: the family's k·L functions, then the probe sequence of each table.
   *
   * @return how many bucket keys the query visits, L·(1 + probes) at most (the budget with one)
   */
  public int hashStage(float[] query) {
    if (query.length != data.dim()) {
      throw new IllegalArgumentException(
          "query has dimension " + query.length + ", index has " + data.dim());
    }
    if (budget > 0) {
      return family.queryKeysTotal(query, k, tables.length, budget, queryKeys, keyTable);
    }
    return family.queryKeys(query, k, tables.length, probes, queryKeys, keyTable);
  }

  /** Stage 2, bucket lookup: one binary search per key. */
  public void lookupStage(int keys) {
    for (int i = 0; i < keys; i++) {
      bucketOf[i] = tables[keyTable[i]].find(queryKeys[i]);
    }
  }

  /**
   * Stage 3, union: distinct items of the looked-up buckets, deduplicated with a bit a row
   * instead of a set, so nothing is allocated.
   *
   * @return the number of distinct candidates
   */
  public int unionStage(int keys) {
    if (marked) {
      Arrays.fill(seen, 0); // the last query's rerank did not run: start clean
      marked = false;
    }
    int count = 0;
    long raw = 0;
    for (int i = 0; i < keys; i++) {
      int bucket = bucketOf[i];
      if (bucket < 0) {
        continue;
      }
      BucketTable table = tables[keyTable[i]];
      int[] ids = table.ids();
      int end = table.bucketEnd(bucket);
      raw += end - table.bucketStart(bucket);
      for (int j = table.bucketStart(bucket); j < end; j++) {
        int id = ids[j];
        long bit = 1L << id;
        if ((seen[id >>> 6] & bit) == 0) {
          seen[id >>> 6] |= bit;
          candidates[count++] = id;
        }
      }
    }
    lastRawCandidates = raw;
    if (count > rows / DENSE_FRACTION && (prefilter == null || count <= prefilter.keep())) {
      marked = true; // the rerank walks them in row order and clears them
    } else {
      unmark(count);
    }
    return count;
  }

  private void unmark(int count) {
    for (int i = 0; i < count; i++) {
      seen[candidates[i] >>> 6] = 0; // every bit set is this query's
    }
  }

  /** Bucket entries the last union visited, duplicates across tables included. */
  public long lastRawCandidates() {
    return lastRawCandidates;
  }

  /** Stage 4, reranking: exact distances to the {@code count} candidates of the last union. */
  public Neighbours rerankStage(float[] query, int n, int count) {
    if (heap == null || heap.capacity() != n) {
      heap = new TopK(n);
    }
    heap.clear();
    int selected = count;
    if (prefilter != null && count > prefilter.keep()) {
      selected = prefilter.select(query, candidates, count);
    } else if (marked) {
      // Many candidates: visit them in row order, so memory streams as in the exact scan
      // (discovery order jumps around and measured about half the bandwidth).
      int c = 0;
      for (int w = 0; c < count; w++) {
        long bits = seen[w];
        if (bits != 0) {
          seen[w] = 0;
          for (; bits != 0; bits &= bits - 1) {
            candidates[c++] = (w << 6) + Long.numberOfTrailingZeros(bits);
          }
        }
      }
      marked = false;
    }
    // Few candidates stay in discovery order: each is its own cache miss either way, and
    // sorting them cost more than it saved (1M × 128, random rows: +50 µs at 750 candidates,
    // +140 µs at 3,000, on a rerank of 80 and 360 µs). The heap's answer does not depend on
    // the order.
    heap.offerRows(query, 0, data.vectors(), data.dim(), candidates, selected);
    return heap.drain(count);
  }

  /** Extra buckets probed per table. */
  public int probes() {
    return probes;
  }

  /** Buckets visited in all with a total probe budget, or 0 when probes are per table. */
  public int probeBudget() {
    return budget;
  }

  public int k() {
    return k;
  }

  public int tableCount() {
    return tables.length;
  }

  /**
   * Table {@code t} (0 ≤ t < {@link #tableCount()}) itself, not a copy: its buckets, for
   * occupancy statistics in reports and for walking bucket-mates ({@link NearPairs}).
   */
  public BucketTable table(int t) {
    return tables[t];
  }

  @Override
  public int size() {
    return members;
  }

  /** The subspace first pass, or null when every candidate is compared exactly. */
  public ProjectedRerank prefilter() {
    return prefilter;
  }

  @Override
  public long memoryBytes() {
    long bytes = family.bytesFor(k, tables.length)
        + (prefilter == null ? 0 : prefilter.memoryBytes());
    for (BucketTable t : tables) {
      bytes += t.memoryBytes();
    }
    return bytes;
  }

  /** The hash functions behind the tables. */
  public HashFamily family() {
    return family;
  }

  @Override
  public String name() {
    return "lsh k=" + k + " L=" + tables.length + (probes > 0 ? " T=" + probes : "")
        + (budget > 0 ? " B=" + budget : "")
        + (prefilter != null ? " rerank " + prefilter.dim() + "d→" + prefilter.keep() : "");
  }

  /**
   * Builds a stand-alone index. Defaults: k = 12, L = 16, centring on, seed 42.
   */
  public static final class Builder {
    private int k = 12;
    private int tables = 16;
    private long seed = 42;
    private boolean center = true;
    private int probes = 0;
    private int threads = Parallel.defaultThreads();

    /**
     * Bits per table, 1..64. More bits make buckets smaller: fewer candidates, faster queries,
     * lower recall per table. A reasonable start is k ≈ log2(n) − 2 (about 11 for 8,677
     * images); the sweep tells the truth for your data.
     */
    public Builder bitsPerTable(int k) {
      if (k < 1 || k > HyperplaneBank.MAX_BITS) {
        throw new IllegalArgumentException("k must be in 1..64, got " + k);
      }
      this.k = k;
      return this;
    }

    /**
     * Number of tables L ≥ 1. Recall grows as 1 − (1 − p^k)^L; so do memory (≈ 4 bytes an
     * item a table) and hashing time (k·L dot products a query). 4–64 is the usual range.
     */
    public Builder tables(int tables) {
      if (tables < 1) {
        throw new IllegalArgumentException("L must be positive, got " + tables);
      }
      this.tables = tables;
      return this;
    }

    /**
     * Extra buckets probed per table, T ≥ 0, in order of the query's smallest margins
     * (multi-probe). Probing trades query time for memory: T = k probes about as many of the
     * near buckets as doubling L would, without the extra tables. 0 (the default) is plain LSH.
     */
    public Builder probes(int probes) {
      if (probes < 0) {
        throw new IllegalArgumentException("probes must be non-negative, got " + probes);
      }
      this.probes = probes;
      return this;
    }

    /** Seed of the hyperplanes; the same seed gives the same index. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Whether planes pass through the data mean (recommended for non-negative features). */
    public Builder center(boolean center) {
      this.center = center;
      return this;
    }

    /** Threads for projecting the data at build time (queries are always one thread). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Indexes the dataset rows listed in {@code members}. */
    public LshIndex build(Dataset data, int[] members) {
      if (members.length == 0) {
        throw new IllegalArgumentException("an index needs at least one item");
      }
      float[] mean = center ? HyperplaneBank.mean(data, members) : null;
      HyperplaneBank family = new HyperplaneBank(data.dim(), k, tables, seed, mean);
      long[] signatures = family.signatures(data, members, threads);
      return new LshIndex(data, members.length, family, k,
          buildTables(family, signatures, members, k, tables), probes);
    }
  }
}
