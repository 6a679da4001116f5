package lshbench.lsh;

import com.github.jelmerk.knn.DistanceFunction;
import com.github.jelmerk.knn.Item;
import com.github.jelmerk.knn.SearchResult;
import com.github.jelmerk.knn.hnsw.HnswIndex;
import java.util.List;
import lshbench.data.Dataset;
import lshbench.vector.VectorOps;

/**
 * An HNSW graph index from a maintained library (jelmerk/hnswlib), behind lshbench's
 * {@link Index}, so graph search can be measured on the same queries and axes as LSH: where
 * LSH wins (build time, memory, simplicity) and where it loses (query time at high recall).
 *
 * <p>Distances are lshbench's own squared Euclidean kernel, so rankings agree with the exact
 * scan. The library draws node levels from its own unseeded random source, so two builds can
 * differ slightly: unlike the LSH indexes, this reference is not bit-for-bit reproducible.
 * Not thread-safe for search (the search width is set per index).
 */
public final class HnswReference implements Index {
  private final HnswIndex<Integer, float[], Row, Float> graph;
  private final int size;
  private final int dim;
  private final int m;
  private final int efConstruction;
  private int ef;

  private HnswReference(HnswIndex<Integer, float[], Row, Float> graph, int size, int dim, int m,
      int efConstruction, int ef) {
    this.graph = graph;
    this.size = size;
    this.dim = dim;
    this.m = m;
    this.efConstruction = efConstruction;
    this.ef = ef;
  }

  /**
   * Builds the graph over the listed rows, inserted one by one in order.
   *
   * @param m links per node; 8–48 is the usual range, more links cost memory and build time for
   *     recall at high dimension
   * @param efConstruction candidate list while inserting; 100–400 is usual
   * @param ef candidate list while searching, at least n; the knob swept for recall vs time
   */
  public static HnswReference build(Dataset data, int[] members, int m, int efConstruction, int ef) {
    return build(data, members, m, efConstruction, ef, 1);
  }

  /**
   * As above, inserting from {@code threads} threads (the library's own parallel insert). The
   * graph then depends on thread timing too, never only on the input order.
   */
  public static HnswReference build(Dataset data, int[] members, int m, int efConstruction, int ef,
      int threads) {
    return build(data, members, m, efConstruction, ef, threads, (done, total) -> { });
  }

  /** Inserted-so-far callback for long builds. */
  public interface BuildProgress {
    void inserted(int done, int total);
  }

  /** As above, reporting progress about every 2% of the items. */
  public static HnswReference build(Dataset data, int[] members, int m, int efConstruction, int ef,
      int threads, BuildProgress progress) {
    if (m < 2) {
      throw new IllegalArgumentException("hnsw M must be at least 2, got " + m);
    }
    if (efConstruction < 1 || ef < 1) {
      throw new IllegalArgumentException("hnsw efConstruction and ef must be positive");
    }
    if (members.length == 0) {
      throw new IllegalArgumentException("an index needs at least one item");
    }
    HnswIndex<Integer, float[], Row, Float> graph = HnswIndex
        .newBuilder(data.dim(), new SquaredEuclidean(), members.length)
        .withM(m).withEfConstruction(efConstruction).withEf(ef).build();
    if (threads <= 1) {
      int every = Math.max(1, members.length / 50);
      for (int i = 0; i < members.length; i++) {
        graph.add(new Row(members[i], data.vector(members[i])));
        if ((i + 1) % every == 0) {
          progress.inserted(i + 1, members.length);
        }
      }
    } else {
      java.util.List<Row> rows = new java.util.ArrayList<>(members.length);
      for (int id : members) {
        rows.add(new Row(id, data.vector(id)));
      }
      try {
        graph.addAll(rows, threads, progress::inserted, Math.max(1, members.length / 50));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while building the HNSW graph", e);
      }
    }
    return new HnswReference(graph, members.length, data.dim(), m, efConstruction, ef);
  }

  /** Sets the search width for the following queries (no rebuild). */
  public HnswReference withEf(int ef) {
    if (ef < 1) {
      throw new IllegalArgumentException("hnsw ef must be positive, got " + ef);
    }
    this.ef = ef;
    graph.setEf(ef);
    return this;
  }

  /**
   * A view that searches this graph at its own ef, setting it before every query (a field
   * write), so several ef values can be timed in one round over one graph.
   */
  public Index atEf(int viewEf) {
    if (viewEf < 1) {
      throw new IllegalArgumentException("hnsw ef must be positive, got " + viewEf);
    }
    HnswReference graphIndex = this;
    return new Index() {
      @Override
      public Neighbours search(float[] query, int n) {
        return graphIndex.withEf(viewEf).search(query, n);
      }

      @Override
      public int[] candidates(float[] query) {
        return graphIndex.withEf(viewEf).candidates(query);
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public long memoryBytes() {
        return graphIndex.memoryBytes();
      }

      @Override
      public String name() {
        return "hnsw M=" + m + " efC=" + efConstruction + " ef=" + viewEf;
      }
    };
  }

  @Override
  public Neighbours search(float[] query, int n) {
    if (query.length != dim) {
      throw new IllegalArgumentException("query has dimension " + query.length + ", index has " + dim);
    }
    List<SearchResult<Row, Float>> found = graph.findNearest(query, n);
    int[] ids = new int[found.size()];
    float[] dist = new float[found.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = found.get(i).item().id();
      dist[i] = found.get(i).distance();
    }
    // The library does not report how many distances a search computed; ef bounds its list.
    return new Neighbours(ids, dist, Math.min(ef, size));
  }

  /** The ef best items the search keeps: HNSW's counterpart of LSH's candidate set. */
  @Override
  public int[] candidates(float[] query) {
    return search(query, Math.min(ef, size)).ids();
  }

  @Override
  public int size() {
    return size;
  }

  /**
   * An estimate: a copy of every vector (the library keeps its own) plus about 2·M links on
   * layer 0 and M on the few upper layers, 4 bytes each.
   */
  @Override
  public long memoryBytes() {
    return (long) size * (4L * dim + 4L * 3 * m + 48);
  }

  @Override
  public String name() {
    return "hnsw M=" + m + " efC=" + efConstruction + " ef=" + ef;
  }

  /** One indexed row. */
  private static final class Row implements Item<Integer, float[]> {
    private static final long serialVersionUID = 1L;
    private final int id;
    private final float[] vector;

    Row(int id, float[] vector) {
      this.id = id;
      this.vector = vector;
    }

    @Override
    public Integer id() {
      return id;
    }

    @Override
    public float[] vector() {
      return vector;
    }

    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  /** lshbench's SIMD squared distance, so rankings match the exact scan's. */
  private static final class SquaredEuclidean implements DistanceFunction<float[], Float> {
    private static final long serialVersionUID = 1L;

    @Override
    public Float distance(float[] a, float[] b) {
      return VectorOps.squaredDistance(a, 0, b, 0, a.length);
    }
  }
}
