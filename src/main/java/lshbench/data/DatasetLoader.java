package lshbench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens vector files by format: lshbench's own {@code .lshv}, TEXMEX {@code .fvecs} and
 * {@code .bvecs}, an ann-benchmarks {@code .hdf5} file's {@code train}, and tab-separated text
 * (one vector a line, as the SIFT sample from the NGT repository).
 */
public final class DatasetLoader {
  private DatasetLoader() {}

  /** The file formats a dataset can be read from. */
  public enum Format {
    LSHV,
    FVECS,
    BVECS,
    HDF5,
    TSV;

    /** Guesses from the file name; .lshv, .fvecs, .bvecs, .hdf5/.h5 and .tsv/.txt. */
    public static Format of(Path file) {
      String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      if (name.endsWith(".fvecs")) {
        return FVECS;
      }
      if (name.endsWith(".bvecs")) {
        return BVECS;
      }
      if (AnnBenchmarksFile.isHdf5(file)) {
        return HDF5;
      }
      if (name.endsWith(".tsv") || name.endsWith(".txt")) {
        return TSV;
      }
      return LSHV;
    }
  }

  public static Dataset load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("dataset file not found: " + file);
    }
    Dataset data;
    switch (Format.of(file)) {
      case FVECS:
        data = fromRows(TexmexFormat.readFvecs(file), "fvecs", file);
        break;
      case BVECS:
        data = fromRows(TexmexFormat.readBvecs(file), "bvecs", file);
        break;
      case HDF5:
        data = AnnBenchmarksFile.read(file).train();
        break;
      case TSV:
        data = fromRows(readTsv(file), "tsv", file);
        break;
      default:
        data = VectorFile.read(file);
    }
    int bad = data.firstNonFinite();
    if (bad >= 0) {
      throw new IOException(file + ": item " + bad + " (" + data.id(bad)
          + ") holds NaN or an infinite value");
    }
    return data;
  }

  /**
   * Reads one vector a line, fields separated by tabs; empty fields (the trailing tab of the
   * NGT files) are ignored. Every line must have the same number of values.
   */
  public static float[][] readTsv(Path file) throws IOException {
    List<float[]> rows = new ArrayList<>();
    try (BufferedReader in = lshbench.io.TextFiles.reader(file)) {
      String line;
      int lineNo = 0;
      int dim = -1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split("\t");
        float[] row = new float[fields.length];
        int count = 0;
        for (String f : fields) {
          if (f.isEmpty()) {
            continue;
          }
          try {
            row[count++] = Float.parseFloat(f);
          } catch (NumberFormatException e) {
            throw new IOException(file + ":" + lineNo + ": '" + f + "' is not a number");
          }
        }
        if (dim < 0) {
          dim = count;
        } else if (count != dim) {
          throw new IOException(file + ":" + lineNo + ": " + count + " values, expected " + dim);
        }
        rows.add(java.util.Arrays.copyOf(row, count));
      }
    }
    if (rows.isEmpty()) {
      throw new IOException(file + ": no vectors");
    }
    return rows.toArray(new float[0][]);
  }

  /**
   * A TSV whose last column counts up by one from row to row (the NGT SIFT sample ends every
   * line with an id, 100001, 100002, …) holds ids, not a coordinate: no feature does that.
   */
  static boolean lastColumnIsId(float[][] rows) {
    int d = rows[0].length;
    if (rows.length < 2 || d < 2) {
      return false;
    }
    for (int i = 0; i < rows.length; i++) {
      float v = rows[i][d - 1];
      if (v != Math.rint(v) || v != rows[0][d - 1] + i) {
        return false;
      }
    }
    return true;
  }

  private static Dataset fromRows(float[][] rows, String source, Path file) {
    String detail = file.getFileName().toString();
    String[] ids = null;
    if (source.equals("tsv") && lastColumnIsId(rows)) {
      int d = rows[0].length - 1;
      ids = new String[rows.length];
      for (int i = 0; i < rows.length; i++) {
        ids[i] = Long.toString((long) rows[i][d]);
        rows[i] = java.util.Arrays.copyOf(rows[i], d);
      }
      detail += " (last column read as item ids)";
    }
    int d = rows[0].length;
    float[] flat = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * d, d);
    }
    Provenance p = new Provenance(source, "unknown (vectors read from file)", detail, false);
    return new Dataset(flat, d, null, new String[0], ids, p);
  }
}
