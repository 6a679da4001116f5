package lshbench.spark;

import java.io.Serializable;

/**
 * What one partition of the embedding job sends back: the listing indices it embedded with
 * their vectors (row-major), and the ones it skipped with the core decoder's reasons.
 */
record EmbeddedPart(int[] indices, float[] vectors, int dim, int[] skippedIndices,
    String[] reasons, String provenance) implements Serializable {
  private static final long serialVersionUID = 1L;
}
