package lshbench.eval;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import lshbench.data.Dataset;
import lshbench.io.AtomicFiles;
import lshbench.io.Progress;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.Neighbours;

/**
 * Both ground truths for a query split: the exact n nearest members of every query, and for
 * labelled data how many members share each label (the denominator of label recall).
 */
public final class GroundTruth {
  private static final int MAGIC = 0x4C534754; // "LSGT"
  // 2: the input it answers and a CRC32C are stored and checked
  private static final int VERSION = 2;

  private final int[][] neighbours;
  private final float[][] distances;
  private final int[] membersPerLabel;

  GroundTruth(int[][] neighbours, float[][] distances, int[] membersPerLabel) {
    this.neighbours = neighbours;
    this.distances = distances;
    this.membersPerLabel = membersPerLabel;
  }

  /** Multiply-adds (items × queries × d) from which ground truth shows its progress. */
  static final double PROGRESS_WORK = 1e10;

  /** Computes the exact neighbours with all {@code threads}. */
  public static GroundTruth compute(Dataset data, QuerySplit split, int n, int threads) {
    return compute(data, split, n, threads, null);
  }

  /** As above, with progress on {@code log} (none when null). */
  public static GroundTruth compute(Dataset data, QuerySplit split, int n, int threads,
      PrintStream log) {
    ExactIndex exact = new ExactIndex(data, split.members());
    float[] queries = data.rows(split.queries());
    Neighbours[] answers;
    // about ten seconds and more on two cores deserve progress; a small set stays quiet
    if (log == null || (double) split.members().length * split.queries().length * data.dim()
        < PROGRESS_WORK) {
      answers = exact.searchBatch(queries, n, threads);
    } else {
      try (Progress progress = new Progress("ground truth",
          lshbench.vector.DotTiles.panels(split.members().length), log)) {
        // workers report as their panels finish; Progress is one thread's at a time
        answers = exact.searchBatch(queries, n, threads, (done, total) -> {
          synchronized (progress) {
            progress.at(done, "item panels against " + split.queries().length + " queries");
          }
        });
      }
    }
    int[][] ids = new int[answers.length][];
    float[][] dists = new float[answers.length][];
    for (int q = 0; q < answers.length; q++) {
      ids[q] = answers[q].ids();
      dists[q] = answers[q].distances();
    }
    return new GroundTruth(ids, dists, countLabels(data, split.members()));
  }

  /**
   * Exact lists computed elsewhere (another engine's block scan): each query's nearest members
   * and their squared distances, closest first, taken as they are.
   */
  public static GroundTruth of(Dataset data, QuerySplit split, int[][] ids, float[][] distances) {
    if (ids.length != split.queries().length || distances.length != ids.length) {
      throw new IllegalArgumentException(ids.length + " lists for " + split.queries().length
          + " queries");
    }
    return new GroundTruth(ids, distances, countLabels(data, split.members()));
  }

  /** {@link #loadOrCompute(Dataset, QuerySplit, int, int, Path, PrintStream)} warning on stderr. */
  public static Loaded loadOrCompute(Dataset data, QuerySplit split, int n, int threads,
      Path cacheDir) throws IOException {
    return loadOrCompute(data, split, n, threads, cacheDir, System.err);
  }

  /**
   * A published ground truth: the first {@code n} of each query's given neighbour ids (rows of
   * a {@link QuerySplit#fixed} split's base). Their distances are measured here, in the data as
   * indexed (normalised for cosine), and the lists re-sorted by them, because kNN recall compares
   * an answer with the n-th true distance; which items count stays the file's.
   */
  public static GroundTruth given(Dataset data, QuerySplit split, int[][] ids, int n) {
    int base = split.members().length;
    int[][] out = new int[ids.length][];
    float[][] dists = new float[ids.length][];
    for (int q = 0; q < ids.length; q++) {
      if (ids[q].length < n) {
        throw new IllegalArgumentException("top.n: " + n + " neighbours asked for, the ground "
            + "truth gives " + ids[q].length);
      }
      int qOff = data.offset(split.queries()[q]);
      Integer[] order = new Integer[n];
      float[] d = new float[n];
      for (int i = 0; i < n; i++) {
        int id = ids[q][i];
        if (id < 0 || id >= base) {
          throw new IllegalArgumentException("ground truth of query " + q + " names item " + id
              + ", outside the base's 0.." + (base - 1));
        }
        d[i] = lshbench.vector.VectorOps.squaredDistance(data.vectors(), qOff, data.vectors(),
            data.offset(id), data.dim());
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> Float.compare(d[a], d[b]));
      out[q] = new int[n];
      dists[q] = new float[n];
      for (int i = 0; i < n; i++) {
        out[q][i] = ids[q][order[i]];
        dists[q][i] = d[order[i]];
      }
    }
    return new GroundTruth(out, dists, countLabels(data, split.members()));
  }

  /**
   * Loads the ground truth from {@code cacheDir} when an earlier run computed it for the same
   * dataset content, split and n; otherwise computes and stores it. A cache file that is
   * damaged, of another version or made for other input is recomputed and rewritten, with one
   * warning line on {@code log}.
   *
   * @return the ground truth and whether it came from the cache
   */
  public static Loaded loadOrCompute(Dataset data, QuerySplit split, int n, int threads,
      Path cacheDir, PrintStream log) throws IOException {
    long key = data.fingerprint() * 31 + java.util.Arrays.hashCode(split.queries()) * 17L + n;
    Path file = cacheDir.resolve(String.format("groundtruth-%016x.bin", key));
    if (Files.isRegularFile(file)) {
      try {
        GroundTruth gt = read(file, key, data, split, n);
        return new Loaded(gt, true, file);
      } catch (IOException e) {
        // The name is a 64-bit hash and the bytes may be damaged: trusting either would give
        // wrong recall with no sign of it.
        log.println("warning: ground-truth cache " + file + ": " + e.getMessage()
            + "; recomputing");
      }
    }
    GroundTruth gt = compute(data, split, n, threads, log);
    gt.write(file, key, data, split);
    return new Loaded(gt, false, file);
  }

  /** A ground truth with where it came from. */
  public record Loaded(GroundTruth truth, boolean fromCache, Path file) {}

  private static int[] countLabels(Dataset data, int[] members) {
    if (!data.hasLabels()) {
      return null;
    }
    int[] counts = new int[data.labelCount()];
    for (int id : members) {
      counts[data.label(id)]++;
    }
    return counts;
  }

  /** The exact nearest members of query q, closest first. */
  public int[] neighbours(int q) {
    return neighbours[q];
  }

  /** Their squared distances. */
  public float[] distances(int q) {
    return distances[q];
  }

  public int queries() {
    return neighbours.length;
  }

  /** Members carrying {@code label}; only for labelled data. */
  public int membersWithLabel(int label) {
    return membersPerLabel[label];
  }

  public boolean hasLabels() {
    return membersPerLabel != null;
  }

  private void write(Path file, long key, Dataset data, QuerySplit split) throws IOException {
    AtomicFiles.write(file, tmp -> Files.write(tmp, encode(key, data, split)));
  }

  /**
   * The cache file: magic, version, then the input it answers (key, dataset fingerprint and
   * shape, members, every query id, n), the neighbours, the label counts, magic again, and a
   * CRC32C of every byte before it.
   */
  private byte[] encode(long key, Dataset data, QuerySplit split) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeLong(key);
      out.writeLong(data.fingerprint());
      out.writeInt(data.size());
      out.writeInt(data.dim());
      out.writeInt(split.members().length);
      out.writeInt(split.queries().length);
      for (int q : split.queries()) {
        out.writeInt(q);
      }
      for (int q = 0; q < neighbours.length; q++) {
        out.writeInt(neighbours[q].length);
        for (int i = 0; i < neighbours[q].length; i++) {
          out.writeInt(neighbours[q][i]);
          out.writeFloat(distances[q][i]);
        }
      }
      out.writeInt(membersPerLabel == null ? -1 : membersPerLabel.length);
      if (membersPerLabel != null) {
        for (int c : membersPerLabel) {
          out.writeInt(c);
        }
      }
      out.writeInt(MAGIC);
      out.flush();
      CRC32C crc = new CRC32C();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
    }
    return bytes.toByteArray();
  }

  private static GroundTruth read(Path file, long key, Dataset data, QuerySplit split, int n)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < 16) {
      throw new IOException("truncated (" + bytes.length + " bytes)");
    }
    // Checked first: every field below is then as written, so what follows catches files
    // that are intact but answer another input.
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 8);
    boolean intact = crc.getValue() == ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a ground-truth file");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException("version " + version + ", this lshbench writes " + VERSION);
      }
      if (!intact) {
        throw new IOException("checksum mismatch (damaged or truncated)");
      }
      int[] queryIds = split.queries();
      expect(in.readLong(), key, "key");
      expect(in.readLong(), data.fingerprint(), "dataset fingerprint");
      expect(in.readInt(), data.size(), "dataset size");
      expect(in.readInt(), data.dim(), "dimension");
      expect(in.readInt(), split.members().length, "member count");
      expect(in.readInt(), queryIds.length, "query count");
      for (int q = 0; q < queryIds.length; q++) {
        if (in.readInt() != queryIds[q]) {
          throw new IOException("made for other queries (query " + q + " differs)");
        }
      }
      int len = Math.min(n, split.members().length);
      int[][] ids = new int[queryIds.length][];
      float[][] dists = new float[queryIds.length][];
      for (int q = 0; q < queryIds.length; q++) {
        expect(in.readInt(), len, "neighbour count");
        ids[q] = new int[len];
        dists[q] = new float[len];
        for (int i = 0; i < len; i++) {
          ids[q][i] = in.readInt();
          dists[q][i] = in.readFloat();
          if (ids[q][i] < 0 || ids[q][i] >= data.size()) {
            throw new IOException("neighbour id " + ids[q][i] + " out of range");
          }
        }
      }
      int labels = in.readInt();
      expect(labels, data.hasLabels() ? data.labelCount() : -1, "label count");
      int[] counts = labels < 0 ? null : new int[labels];
      for (int i = 0; counts != null && i < labels; i++) {
        counts[i] = in.readInt();
      }
      if (in.readInt() != MAGIC || in.available() != 8) {
        throw new IOException("footer missing");
      }
      return new GroundTruth(ids, dists, counts);
    } catch (EOFException e) {
      throw new IOException("truncated");
    }
  }

  private static void expect(long stored, long wanted, String what) throws IOException {
    if (stored != wanted) {
      throw new IOException("made for another input (" + what + " " + stored + ", expected "
          + wanted + ")");
    }
  }
}
