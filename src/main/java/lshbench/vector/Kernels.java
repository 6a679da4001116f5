package lshbench.vector;

/**
 * Every inner loop with a SIMD version, behind one choice made at class-load time: dot product,
 * squared distance, the Hadamard transform and its signed round, argmax of |x|, the expanded
 * distance filter, and the register-tiled product with the two sizes of its tile.
 */
interface Kernels {
  String name();

  float dot(float[] a, int aOff, float[] b, int bOff, int d);

  float squaredDistance(float[] a, int aOff, float[] b, int bOff, int d);

  /**
   * {@code out[r] = squaredDistance(q, qOff, v, offsets r, d)} for the four rows at
   * {@code o0..o3}, each bit for bit what {@link #squaredDistance} gives: the rows' loads are
   * issued together, so four cache misses overlap instead of following one another, and each
   * query vector is loaded once for four rows.
   */
  void squaredDistances4(float[] q, int qOff, float[] v, int o0, int o1, int o2, int o3, int d,
      float[] out);

  /** In-place unnormalised Walsh–Hadamard transform; n is a power of two. */
  void hadamard(float[] a, int off, int n);

  /** {@code a[i] *= signs[sOff + i]}, then {@link #hadamard}: one round of a pseudo-rotation. */
  void signedHadamard(float[] a, int off, int n, float[] signs, int sOff);

  /** Index of the largest absolute value, the first on ties. */
  int argmaxAbs(float[] a, int off, int n);

  /**
   * Writes to {@code hits}, ascending, every j < cols whose expanded squared distance
   * {@code (norms[j] + queryNorm) − 2·dots[dotsOff + j]} is at most {@code limit}, computed
   * in exactly that order so that callers can recompute it bit for bit; returns how many.
   */
  int expandedAtMost(float[] dots, int dotsOff, float[] norms, float queryNorm, float limit,
      int cols, int[] hits);

  /** Rows of {@code a} that one {@link #dotTile} call multiplies: its register tile's height. */
  int tileRows();

  /** Columns of one packed panel (see {@link DotTiles}): the register tile's width. */
  int panelWidth();

  /**
   * {@code out[i * panelWidth() + j] = a[rowOffsets[i] ..+d) · column j of the panel} for every
   * i < tileRows() and j < panelWidth(); the panel is d × panelWidth() floats from
   * {@code panels[panelOffset]}, coordinate-major.
   */
  void dotTile(float[] a, int[] rowOffsets, int d, float[] panels, int panelOffset, float[] out);

  /** Panama when its module is present (and not switched off), scalar otherwise. */
  static Kernels select() {
    if (!"false".equalsIgnoreCase(System.getProperty("lshbench.simd", "true"))) {
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
        try {
          return (Kernels) Class.forName("lshbench.vector.PanamaKernels")
              .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
          System.err.println("[lshbench] warning: Vector API unusable (" + e + "); scalar kernels");
        }
      } else {
        System.err.println("[lshbench] warning: scalar distance kernels; run the JVM with "
            + "--add-modules jdk.incubator.vector for SIMD (mvn picks it up from .mvn/jvm.config)");
      }
    }
    return new ScalarKernels();
  }
}
