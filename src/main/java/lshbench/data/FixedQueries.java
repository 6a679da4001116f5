package lshbench.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Queries that come with the data instead of being held out of it (ann-benchmarks' {@code test},
 * TEXMEX's {@code query.fvecs}), with their published nearest neighbours when known. A published
 * query set is what makes a recall comparable with someone else's.
 *
 * @param vectors row-major, {@code size() × dim}
 * @param neighbours per query the ids of its nearest base items, closest first, or null when
 *     the ground truth is to be computed
 * @param distances the file's distances to those neighbours in its own units, or null; only
 *     shown when a check fails
 * @param source where the queries (and neighbours) came from, for logs and provenance
 */
public record FixedQueries(float[] vectors, int dim, int[][] neighbours, float[][] distances,
    String source) {

  public FixedQueries {
    if (dim < 1 || vectors.length % dim != 0 || vectors.length == 0) {
      throw new IllegalArgumentException("queries need a positive dimension and at least one row");
    }
    if (neighbours != null && neighbours.length != vectors.length / dim) {
      throw new IllegalArgumentException(neighbours.length + " neighbour lists for "
          + vectors.length / dim + " queries");
    }
  }

  public int size() {
    return vectors.length / dim;
  }

  /** Neighbours given per query (0 without ground truth). */
  public int neighbourCount() {
    return neighbours == null ? 0 : neighbours[0].length;
  }

  /** The first {@code count} queries (all when there are fewer). */
  public FixedQueries first(int count) {
    int n = Math.min(count, size());
    if (n == size()) {
      return this;
    }
    return new FixedQueries(Arrays.copyOf(vectors, n * dim), dim,
        neighbours == null ? null : Arrays.copyOf(neighbours, n),
        distances == null ? null : Arrays.copyOf(distances, n),
        source + String.format(Locale.ROOT, " (first %d of %d queries)", n, size()));
  }

  /**
   * Reads {@code queriesFile} (.fvecs, .bvecs, or an ann-benchmarks .hdf5's {@code test}) and
   * the ground truth: {@code groundTruthFile} (.ivecs, or an .hdf5's {@code neighbors}) when
   * given, else the queries' own HDF5 file's {@code neighbors} when it has them, else none.
   */
  public static FixedQueries load(Path queriesFile, Path groundTruthFile) throws IOException {
    FixedQueries q;
    if (AnnBenchmarksFile.isHdf5(queriesFile)) {
      q = AnnBenchmarksFile.readQueries(queriesFile);
    } else {
      float[][] rows = switch (DatasetLoader.Format.of(queriesFile)) {
        case FVECS -> TexmexFormat.readFvecs(queriesFile);
        case BVECS -> TexmexFormat.readBvecs(queriesFile);
        default -> throw new IOException("queries.file: " + queriesFile
            + " is not .fvecs, .bvecs or .hdf5");
      };
      q = new FixedQueries(flatten(rows), rows[0].length, null, null,
          queriesFile.getFileName().toString());
    }
    for (int i = 0; i < q.vectors.length; i++) {
      if (!Float.isFinite(q.vectors[i])) {
        throw new IOException(queriesFile + ": query " + i / q.dim + " holds NaN or an infinite value");
      }
    }
    if (groundTruthFile == null) {
      return q;
    }
    int[][] ids;
    if (AnnBenchmarksFile.isHdf5(groundTruthFile)) {
      ids = AnnBenchmarksFile.readNeighbours(groundTruthFile);
    } else if (groundTruthFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ivecs")) {
      ids = TexmexFormat.readIvecs(groundTruthFile);
    } else {
      throw new IOException("groundtruth.file: " + groundTruthFile + " is not .ivecs or .hdf5");
    }
    if (ids.length != q.size()) {
      throw new IOException("groundtruth.file: " + groundTruthFile + " has " + ids.length
          + " neighbour lists for the " + q.size() + " queries of " + queriesFile.getFileName());
    }
    return new FixedQueries(q.vectors, q.dim, ids, null,
        q.source + ", neighbours from " + groundTruthFile.getFileName());
  }

  /**
   * The base with these queries appended after it, as one dataset a {@code QuerySplit.fixed}
   * split reads: base rows keep their positions, so published neighbour ids stay valid. Labels
   * are left out, since the queries have none.
   */
  public static Dataset append(Dataset base, FixedQueries queries) {
    if (queries.dim != base.dim()) {
      throw new IllegalArgumentException("queries of dimension " + queries.dim + " for a base of "
          + base.dim());
    }
    float[] all = Arrays.copyOf(base.vectors(), Math.addExact(base.vectors().length,
        queries.vectors.length));
    System.arraycopy(queries.vectors, 0, all, base.vectors().length, queries.vectors.length);
    String[] ids = new String[base.size() + queries.size()];
    for (int i = 0; i < base.size(); i++) {
      ids[i] = base.id(i);
    }
    for (int i = 0; i < queries.size(); i++) {
      ids[base.size() + i] = "query-" + i;
    }
    Provenance p = base.provenance();
    return new Dataset(all, base.dim(), null, new String[0], ids, new Provenance(p.source(),
        p.model(), p.detail() + "; queries: " + queries.source, p.synthetic()));
  }

  static float[] flatten(float[][] rows) {
    int d = rows[0].length;
    float[] flat = new float[Math.multiplyExact(rows.length, d)];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * d, d);
    }
    return flat;
  }
}
