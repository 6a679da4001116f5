package lshbench.lsh;

import lshbench.data.Dataset;

/**
 * Data-aware hyperplanes: random hyperplanes inside the top-m principal subspace of a training
 * sample, through its mean. The basis is learned once ({@link PcaBasis}); the planes are
 * Gaussian in that subspace. Directions the data barely vary along, which split true neighbours
 * as often as strangers, are never cut, and a query hashes with m·d + k·L·m multiply-adds
 * instead of k·L·d.
 *
 * <p>Angles between projected, centred vectors decide collisions, so the hyperplane theory
 * 1 − θ/π applies to them unchanged.
 */
public final class PcaHyperplaneFamily implements HashFamily {
  private final PcaBasis basis;
  private final HyperplaneBank planes;
  private final double trainMs;
  private final float[] projected;

  /** Uses an already fitted basis; {@code trainMs} is what fitting it cost. */
  public PcaHyperplaneFamily(PcaBasis basis, int maxK, int tables, long seed, double trainMs) {
    this.basis = basis;
    this.planes = new HyperplaneBank(basis.components(), maxK, tables, seed, null);
    this.trainMs = trainMs;
    this.projected = new float[basis.components()];
  }

  /**
   * Fits a basis of {@code m} components on {@code sample} (rows disjoint from the queries) and
   * draws the planes.
   */
  private PcaHyperplaneFamily(PcaHyperplaneFamily other) {
    this.basis = other.basis;
    this.planes = other.planes.copy();
    this.trainMs = other.trainMs;
    this.projected = new float[basis.components()];
  }

  @Override
  public PcaHyperplaneFamily copy() {
    return new PcaHyperplaneFamily(this);
  }

  public static PcaHyperplaneFamily train(Dataset data, int[] sample, int m, int maxK, int tables,
      long seed, int threads) {
    long t0 = System.nanoTime();
    PcaBasis basis = PcaBasis.fit(data, sample, m, 8, seed ^ 0x5DEECE66DL, threads);
    return new PcaHyperplaneFamily(basis, maxK, tables, seed, (System.nanoTime() - t0) / 1e6);
  }

  @Override
  public String describe() {
    return String.format(java.util.Locale.ROOT, "random hyperplanes in the top-%d principal subspace "
        + "(%.1f%% of the training sample's variance), through its mean", basis.components(),
        100 * basis.explainedVariance());
  }

  public PcaBasis basis() {
    return basis;
  }

  /** The data projected into the subspace, centred: what the planes cut, and what theory sees. */
  public Dataset project(Dataset data, int threads) {
    return data.withVectors(basis.projectAll(data, threads), basis.components());
  }

  @Override
  public int dim() {
    return basis.dim();
  }

  @Override
  public int hashDim() {
    return basis.components();
  }

  @Override
  public int tables() {
    return planes.tables();
  }

  @Override
  public int maxK() {
    return planes.maxK();
  }

  @Override
  public int bitsPerFunction() {
    return 1;
  }

  @Override
  public long[] signatures(Dataset data, int[] members, int threads) {
    return planes.signatures(project(data, threads), members, threads);
  }

  @Override
  public int queryKeys(float[] query, int k, int tables, int probes, long[] keys, int[] tableOf) {
    basis.project(query, 0, projected);
    return planes.queryKeys(projected, k, tables, probes, keys, tableOf);
  }

  @Override
  public int queryKeysTotal(float[] query, int k, int tables, int budget, long[] keys,
      int[] tableOf) {
    basis.project(query, 0, projected);
    return planes.queryKeysTotal(projected, k, tables, budget, keys, tableOf);
  }

  @Override
  public long bytesFor(int k, int tables) {
    return planes.bytesFor(k, tables) + basis.memoryBytes();
  }

  @Override
  public double trainMs() {
    return trainMs;
  }
}
