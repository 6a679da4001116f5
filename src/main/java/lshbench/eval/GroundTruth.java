package lshbench.eval;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lshbench.data.Dataset;
import lshbench.io.AtomicFiles;
import lshbench.lsh.ExactIndex;
import lshbench.lsh.Neighbours;

/**
 * Both ground truths for a query split: the exact n nearest members of every query, and for
 * labelled data how many members share each label (the denominator of label recall).
 */
public final class GroundTruth {
  private static final int MAGIC = 0x4C534754; // "LSGT"
  private static final int VERSION = 1;

  private final int[][] neighbours;
  private final float[][] distances;
  private final int[] membersPerLabel;

  GroundTruth(int[][] neighbours, float[][] distances, int[] membersPerLabel) {
    this.neighbours = neighbours;
    this.distances = distances;
    this.membersPerLabel = membersPerLabel;
  }

  /** Computes the exact neighbours with all {@code threads}. */
  public static GroundTruth compute(Dataset data, QuerySplit split, int n, int threads) {
    ExactIndex exact = new ExactIndex(data, split.members());
    float[] queries = data.rows(split.queries());
    Neighbours[] answers = exact.searchBatch(queries, n, threads);
    int[][] ids = new int[answers.length][];
    float[][] dists = new float[answers.length][];
    for (int q = 0; q < answers.length; q++) {
      ids[q] = answers[q].ids();
      dists[q] = answers[q].distances();
    }
    return new GroundTruth(ids, dists, countLabels(data, split.members()));
  }

  /**
   * Loads the ground truth from {@code cacheDir} when an earlier run computed it for the same
   * dataset content, split and n; otherwise computes and stores it.
   *
   * @return the ground truth and whether it came from the cache
   */
  public static Loaded loadOrCompute(Dataset data, QuerySplit split, int n, int threads,
      Path cacheDir) throws IOException {
    long key = data.fingerprint() * 31 + java.util.Arrays.hashCode(split.queries()) * 17L + n;
    Path file = cacheDir.resolve(String.format("groundtruth-%016x.bin", key));
    if (Files.isRegularFile(file)) {
      try {
        GroundTruth gt = read(file, data, split, n);
        return new Loaded(gt, true, file);
      } catch (IOException e) {
        // A damaged or foreign cache file is recomputed, never trusted.
        Files.deleteIfExists(file);
      }
    }
    GroundTruth gt = compute(data, split, n, threads);
    gt.write(file);
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

  private void write(Path file) throws IOException {
    AtomicFiles.write(file, tmp -> writeTo(tmp));
  }

  private void writeTo(Path tmp) throws IOException {
    try (DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(neighbours.length);
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
    }
  }

  private static GroundTruth read(Path file, Dataset data, QuerySplit split, int n)
      throws IOException {
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IOException("not a ground-truth file of this version");
      }
      int queries = in.readInt();
      if (queries != split.queries().length) {
        throw new IOException("query count differs");
      }
      int[][] ids = new int[queries][];
      float[][] dists = new float[queries][];
      for (int q = 0; q < queries; q++) {
        int len = in.readInt();
        if (len != Math.min(n, split.members().length)) {
          throw new IOException("neighbour count differs");
        }
        ids[q] = new int[len];
        dists[q] = new float[len];
        for (int i = 0; i < len; i++) {
          ids[q][i] = in.readInt();
          dists[q][i] = in.readFloat();
          if (ids[q][i] < 0 || ids[q][i] >= data.size()) {
            throw new IOException("neighbour id out of range");
          }
        }
      }
      int labels = in.readInt();
      int[] counts = labels < 0 ? null : new int[labels];
      for (int i = 0; counts != null && i < labels; i++) {
        counts[i] = in.readInt();
      }
      if (in.readInt() != MAGIC) {
        throw new IOException("footer missing");
      }
      return new GroundTruth(ids, dists, counts);
    } catch (EOFException e) {
      throw new IOException("truncated ground-truth file", e);
    }
  }
}
