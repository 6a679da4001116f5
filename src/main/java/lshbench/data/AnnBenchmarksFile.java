package lshbench.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import lshbench.io.AtomicFiles;
import lshbench.vector.Metric;

/**
 * An ann-benchmarks dataset file (glove-100-angular.hdf5 and its kin), read and written with
 * jhdf: {@code train} (the base), {@code test} (the queries), {@code neighbors} (ids of each
 * query's nearest base items, closest first), {@code distances} (theirs, in the file's units)
 * and the root attribute {@code distance} ({@code angular} = cosine distance, {@code euclidean}).
 *
 * <p>Large bases are read a block of rows at a time into one flat array, so reading costs the
 * vectors plus one block (about 16 MB), not a Java array per row.
 *
 * <p>jhdf writes string attributes as fixed-length ASCII, which h5py hands back as
 * {@code bytes} ({@code b'angular'}); ann-benchmarks' own files hold variable-length strings.
 * Both read here.
 *
 * @param train the base, unlabelled
 * @param test the queries with the file's neighbours and distances
 * @param metric what {@code distance} says
 */
public record AnnBenchmarksFile(lshbench.data.Dataset train, FixedQueries test, Metric metric) {
  /** Attributes lshbench adds on export so a round trip keeps the vectors' provenance. */
  private static final String SOURCE = "lshbench_source";
  private static final String MODEL = "lshbench_model";
  private static final String DETAIL = "lshbench_detail";
  /** Values read per block when streaming a large 2-D dataset. */
  private static final int BLOCK_VALUES = 1 << 22;

  /** True for the extensions HDF5 files carry (.hdf5, .h5). */
  public static boolean isHdf5(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".hdf5") || name.endsWith(".h5");
  }

  /** Reads all four datasets and the metric; any gap or unsupported metric is one line. */
  public static AnnBenchmarksFile read(Path file) throws IOException {
    try (HdfFile h = open(file)) {
      Metric metric = metric(h, file);
      Dataset trainSet = dataset(h, file, "train");
      int[] shape = matrixShape(trainSet, file, "train");
      float[] base = floats(trainSet, shape);
      FixedQueries test = queries(h, file, true);
      if (test.dim() != shape[1]) {
        throw new IOException(file + ": test has dimension " + test.dim() + ", train " + shape[1]);
      }
      String source = string(h, SOURCE);
      String model = string(h, MODEL);
      String detail = string(h, DETAIL);
      Provenance p = new Provenance(source == null ? "ann-benchmarks" : source,
          model == null ? "unknown (vectors read from file)" : model,
          file.getFileName() + " (distance=" + metricName(metric) + ")"
              + (detail == null ? "" : "; " + detail), false);
      return new AnnBenchmarksFile(new lshbench.data.Dataset(base, shape[1], null, new String[0],
          null, p), test, metric);
    } catch (HdfException e) {
      throw new IOException(file + ": " + oneLine(e), e);
    }
  }

  /** The {@code test} queries, with {@code neighbors}/{@code distances} when the file has them. */
  public static FixedQueries readQueries(Path file) throws IOException {
    try (HdfFile h = open(file)) {
      return queries(h, file, false);
    } catch (HdfException e) {
      throw new IOException(file + ": " + oneLine(e), e);
    }
  }

  /** The {@code neighbors} dataset alone, as a ground truth for queries from elsewhere. */
  public static int[][] readNeighbours(Path file) throws IOException {
    try (HdfFile h = open(file)) {
      Dataset n = dataset(h, file, "neighbors");
      return ints(n, matrixShape(n, file, "neighbors"), file);
    } catch (HdfException e) {
      throw new IOException(file + ": " + oneLine(e), e);
    }
  }

  /**
   * Writes an ann-benchmarks file atomically (a temporary file moved into place).
   *
   * @param train the base, row-major, {@code dim} wide
   * @param test the queries, row-major
   * @param neighbours per query the positions in {@code train} of its nearest items
   * @param distances the matching distances in ann-benchmarks' units (cosine distance for
   *     angular, plain L2 for euclidean)
   * @param provenance kept in {@code lshbench_*} attributes so that reading back names the model
   */
  public static void write(Path file, float[] train, float[] test, int dim, int[][] neighbours,
      float[][] distances, Metric metric, Provenance provenance) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    AtomicFiles.write(file, tmp -> {
      try (WritableHdfFile h = HdfFile.write(tmp)) {
        h.putDataset("train", rows(train, dim));
        h.putDataset("test", rows(test, dim));
        h.putDataset("neighbors", neighbours);
        h.putDataset("distances", distances);
        h.putAttribute("distance", metricName(metric));
        h.putAttribute("type", "dense");
        h.putAttribute("point_type", "float");
        h.putAttribute("dimension", dim);
        h.putAttribute(SOURCE, provenance.source());
        h.putAttribute(MODEL, provenance.model());
        h.putAttribute(DETAIL, provenance.detail());
      } catch (HdfException e) {
        throw new IOException(file + ": cannot write HDF5: " + oneLine(e), e);
      }
    });
  }

  /** ann-benchmarks' name of a metric. */
  public static String metricName(Metric metric) {
    return metric == Metric.COSINE ? "angular" : "euclidean";
  }

  private static HdfFile open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("HDF5 file not found: " + file);
    }
    try {
      return new HdfFile(file);
    } catch (HdfException e) {
      throw new IOException(file + ": not a readable HDF5 file (" + oneLine(e) + ")", e);
    }
  }

  private static Metric metric(HdfFile h, Path file) throws IOException {
    String d = string(h, "distance");
    if (d == null) {
      throw new IOException(file + ": no 'distance' attribute (ann-benchmarks files say angular "
          + "or euclidean)");
    }
    return switch (d.strip().toLowerCase(Locale.ROOT)) {
      case "angular", "cosine" -> Metric.COSINE;
      case "euclidean", "l2" -> Metric.EUCLIDEAN;
      default -> throw new IOException(file + ": distance '" + d + "' is not supported (lshbench "
          + "reads angular and euclidean files)");
    };
  }

  private static FixedQueries queries(HdfFile h, Path file, boolean needTruth) throws IOException {
    Dataset testSet = dataset(h, file, "test");
    int[] shape = matrixShape(testSet, file, "test");
    float[] test = floats(testSet, shape);
    Map<String, Node> children = h.getChildren();
    boolean hasTruth = children.containsKey("neighbors");
    if (!hasTruth && !needTruth) {
      return new FixedQueries(test, shape[1], null, null, file.getFileName() + " test");
    }
    Dataset n = dataset(h, file, "neighbors");
    int[][] ids = ints(n, matrixShape(n, file, "neighbors"), file);
    float[][] dist = null;
    if (children.containsKey("distances") || needTruth) {
      Dataset d = dataset(h, file, "distances");
      int[] ds = matrixShape(d, file, "distances");
      dist = rows(floats(d, ds), ds[1]);
      if (ds[0] != ids.length || ds[1] != ids[0].length) {
        throw new IOException(file + ": distances is " + ds[0] + " × " + ds[1] + ", neighbors "
            + ids.length + " × " + ids[0].length);
      }
    }
    if (ids.length != shape[0]) {
      throw new IOException(file + ": neighbors has " + ids.length + " rows for " + shape[0]
          + " test queries");
    }
    return new FixedQueries(test, shape[1], ids, dist, file.getFileName() + " test");
  }

  private static Dataset dataset(HdfFile h, Path file, String name) throws IOException {
    Node node = h.getChildren().get(name);
    if (!(node instanceof Dataset d)) {
      throw new IOException(file + ": no '" + name + "' dataset (an ann-benchmarks file has train, "
          + "test, neighbors, distances)");
    }
    return d;
  }

  private static int[] matrixShape(Dataset d, Path file, String name) throws IOException {
    int[] dims = d.getDimensions();
    if (dims.length != 2 || dims[0] < 1 || dims[1] < 1 || d.isCompound() || d.isVariableLength()) {
      throw new IOException(file + ": '" + name + "' is not a non-empty 2-D numeric dataset (shape "
          + java.util.Arrays.toString(dims) + ")");
    }
    if ((long) dims[0] * dims[1] > Integer.MAX_VALUE - 8) {
      throw new IOException(file + ": '" + name + "' holds " + (long) dims[0] * dims[1]
          + " values, more than one Java array can");
    }
    return dims;
  }

  /** A 2-D numeric dataset as one flat float array, read a block of rows at a time. */
  private static float[] floats(Dataset d, int[] shape) {
    float[] out = new float[shape[0] * shape[1]];
    int block = Math.max(1, BLOCK_VALUES / shape[1]);
    for (int row = 0; row < shape[0]; row += block) {
      int rows = Math.min(block, shape[0] - row);
      Object slice = d.getData(new long[] {row, 0}, new int[] {rows, shape[1]});
      for (int r = 0; r < rows; r++) {
        Object line = Array.get(slice, r);
        int at = (row + r) * shape[1];
        if (line instanceof float[] f) {
          System.arraycopy(f, 0, out, at, shape[1]);
        } else {
          for (int c = 0; c < shape[1]; c++) {
            out[at + c] = ((Number) Array.get(line, c)).floatValue();
          }
        }
      }
    }
    return out;
  }

  private static int[][] ints(Dataset d, int[] shape, Path file) throws IOException {
    Object data = d.getData();
    int[][] out = new int[shape[0]][shape[1]];
    for (int r = 0; r < shape[0]; r++) {
      Object line = Array.get(data, r);
      if (line instanceof int[] given) {
        for (int c = 0; c < shape[1]; c++) {
          if (given[c] < 0) {
            throw new IOException(file + ": neighbors row " + r + " holds id " + given[c]);
          }
        }
        out[r] = given;
        continue;
      }
      for (int c = 0; c < shape[1]; c++) {
        Object v = Array.get(line, c);
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)) {
          throw new IOException(file + ": neighbors holds " + v.getClass().getSimpleName()
              + " values, not integer ids");
        }
        long id = ((Number) v).longValue();
        if (id < 0 || id > Integer.MAX_VALUE) {
          throw new IOException(file + ": neighbors row " + r + " holds id " + id);
        }
        out[r][c] = (int) id;
      }
    }
    return out;
  }

  private static float[][] rows(float[] flat, int dim) {
    float[][] out = new float[flat.length / dim][];
    for (int i = 0; i < out.length; i++) {
      out[i] = java.util.Arrays.copyOfRange(flat, i * dim, i * dim + dim);
    }
    return out;
  }

  /** A string attribute of the root, fixed or variable length, or null when absent. */
  private static String string(HdfFile h, String name) {
    Attribute a = h.getAttributes().get(name);
    if (a == null) {
      return null;
    }
    Object v = a.getData();
    if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
      v = Array.get(v, 0);
    }
    return v == null ? null : v.toString();
  }

  private static String oneLine(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
