package lshbench.family;

/**
 * The shape of one grid point's table keys: k functions per table and, for a grid given in key
 * bits ({@code <family>.bits}), the dimension of the last cross-polytope.
 *
 * @param k functions per table
 * @param lastDim coordinates of the last function's polytope when the grid is given in bits
 *     (the padded dimension d' when whole); 0 for a grid given in k
 * @param bits key bits per table at the data's dimension
 */
public record TableKey(int k, int lastDim, int bits) {
  /** Whether the key came from a bits grid (its CSV rows name the last polytope's dimension). */
  public boolean fromBits() {
    return lastDim > 0;
  }

  /** "k=3" for a k grid, "b=20 (k=3, last 32)" for a bits grid: labels and progress lines. */
  public String label() {
    return fromBits() ? "b=" + bits + " (k=" + k + ", last " + lastDim + ")" : "k=" + k;
  }
}
