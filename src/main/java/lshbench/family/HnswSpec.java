package lshbench.family;

import java.util.Arrays;
import java.util.List;
import lshbench.config.ConfigException;
import lshbench.config.Key;
import lshbench.config.Settings;

/**
 * The graph reference LSH has to answer to: jelmerk/hnswlib's HNSW, a graph per
 * (M, efConstruction), searched at every ef.
 */
public final class HnswSpec implements FamilySpec {
  public static final String NAME = "hnsw";

  /** HNSW's grid. */
  public record Grid(int[] m, int[] efConstruction, int[] ef) {
    public int runs() {
      return m.length * efConstruction.length * ef.length;
    }

    public String describeGrid() {
      return Arrays.toString(m) + " x " + Arrays.toString(efConstruction) + " x "
          + Arrays.toString(ef);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String tag() {
    return NAME;
  }

  @Override
  public String summary() {
    return "HNSW graph (jelmerk/hnswlib), the non-hashing reference";
  }

  @Override
  public List<Key> keys() {
    return List.of(Key.of("hnsw.M", "16", "hnsw: grid of links per node"),
        Key.of("hnsw.efConstruction", "100", "hnsw: grid of build-time candidate list sizes"),
        Key.of("hnsw.ef", "10,20,40,80,160,320",
            "hnsw: grid of search-time candidate list sizes (at least top.n)"));
  }

  /** The M × efConstruction × ef grid; a search keeps at least the n it returns. */
  public Grid parse(Settings s, int topN) {
    Grid g = new Grid(s.grid("hnsw.M", "16", 2, 512), s.grid("hnsw.efConstruction", "100", 1, 100_000),
        s.grid("hnsw.ef", "10,20,40,80,160,320", 1, 100_000));
    if (g.ef()[0] < topN) {
      throw new ConfigException("hnsw.ef: " + g.ef()[0] + " is below top.n = " + topN
          + "; a search keeps at least the n it returns");
    }
    return g;
  }
}
