package lshbench.family;

import java.util.ArrayList;
import java.util.List;
import lshbench.config.ConfigException;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.eval.CollisionTheory;
import lshbench.lsh.HashFamily;

/**
 * A hashing family: its grid keys ({@code <name>.k / .L / .probes}, falling back to the sweep's
 * k, L and probes), its own options {@code O}, the limits the data's dimension puts on it, how to
 * draw a bank of its functions, and its collision theory. Adding a family is one subclass and
 * one line in {@link FamilyRegistry#standard()}.
 *
 * @param <O> the family's own settings, parsed once from its keys
 */
public abstract class LshFamilySpec<O> implements FamilySpec {
  /**
   * Bits a table key holds. This class is the one place a grid is checked against it; the
   * {@code lsh} constructors only guard their own invariants.
   */
  public static final int KEY_BITS = HashFamily.KEY_BITS;

  /**
   * What hashing one query costs in this family, for plot legends ("k·L dot products"): the
   * hash stage of a cost breakdown is named by its family, never guessed from its name.
   */
  public String hashCost() {
    return "k·L hash functions";
  }

  /** Largest total probe budget a grid may ask for (FALCONN's examples go to a few thousand). */
  public static final int MAX_BUDGET = 1 << 16;

  /** Key bits one function contributes at dimension {@code dim}. */
  public abstract int bitsPerFunction(int dim);

  /** Most functions a table can AND together at dimension {@code dim}. */
  public final int maxK(int dim) {
    return KEY_BITS / bitsPerFunction(dim);
  }

  /**
   * Whether a table key can end in a narrower function, so that {@code <name>.bits} may give
   * the grid in key bits (cross-polytopes with a partial last polytope).
   */
  protected boolean takesBits() {
    return false;
  }

  /**
   * How {@code bits} key bits split into functions at dimension {@code dim}: {k, the last
   * function's dimension}. Only for families that {@link #takesBits()}.
   */
  public int[] forBits(int bits, int dim) {
    throw new UnsupportedOperationException(name() + " has no partial functions");
  }

  /**
   * A bank of maxK × maxL functions whose last function (j = maxK − 1) is a narrower one of
   * {@code lastDim} coordinates. Only for families that {@link #takesBits()}.
   */
  public HashFamily buildPartial(O options, BuildInput in, int maxK, int maxL, long seed,
      int lastDim) {
    throw new UnsupportedOperationException(name() + " has no partial functions");
  }

  /**
   * The theory of tables ending in {@code built}'s narrower last function, from the family's
   * whole-function theory {@code whole} of the same run (its measured geometry is reused), or
   * null when the family has none.
   */
  public CollisionTheory partialTheory(O options, TheoryInput in, HashFamily built,
      CollisionTheory whole) {
    return null;
  }

  /** The k grid when {@code <name>.k} is not given: the sweep's, unless a function is wide. */
  protected int[] defaultK(GridDefaults shared) {
    return shared.ks();
  }

  /** The family's own keys beyond its grid. */
  protected List<Key> optionKeys() {
    return List.of();
  }

  /** Parses {@link #optionKeys()}. */
  protected abstract O options(Settings s);

  /** Refuses, before any run folder exists, options the data cannot support; {@code sample} is how many rows a data-aware family may learn from. */
  protected void checkOptions(O options, int dim, int sample) {}

  /** Adds the options that decide the CSV to a resumed run's identity check. */
  protected void identity(O options, java.util.Map<String, String> out, int sampleSize) {}

  /** Draws (and, for data-aware families, trains) a bank of maxK × maxL functions. */
  public abstract HashFamily build(O options, BuildInput in, int maxK, int maxL, long seed);

  /**
   * The family's collision theory for this run, from the bank that was drawn for it, or null
   * when the family has none.
   */
  public abstract Theory theory(O options, TheoryInput in, HashFamily built);

  @Override
  public final List<Key> keys() {
    List<Key> keys = new ArrayList<>();
    keys.add(Key.of(name() + ".k", "", name() + ": its own k grid (functions per table), instead of k"));
    keys.add(Key.of(name() + ".L", "", name() + ": its own L grid, instead of L"));
    keys.add(Key.of(name() + ".probes", "", name() + ": its own probes grid, instead of probes"));
    keys.add(Key.of(name() + ".probes.total", "", name()
        + ": its own total probe budget grid, instead of probes.total (0 = none)"));
    if (takesBits()) {
      keys.add(Key.of(name() + ".bits", "", name() + ": key bits per table, replacing the k "
          + "grid (FALCONN's num_hash_bits: ⌈bits / b⌉ polytopes of b = log2(2d') bits, the "
          + "last one partial)"));
    }
    keys.addAll(optionKeys());
    return List.copyOf(keys);
  }

  /** This family's grid and options, each key parsed here once. */
  public final LshGrid<O> parse(Settings s, GridDefaults shared) {
    int[] bits = new int[0];
    if (takesBits() && s.has(name() + ".bits")) {
      if (s.has(name() + ".k")) {
        throw new ConfigException(name() + ".bits replaces " + name() + ".k: give one of them");
      }
      bits = s.grid(name() + ".bits", "", 1, KEY_BITS);
    }
    return new LshGrid<>(this, own(s, ".k", defaultK(shared), 1, KEY_BITS),
        own(s, ".L", shared.ls(), 1, 4096), own(s, ".probes", shared.probes(), 0, 4096),
        java.util.Arrays.stream(own(s, ".probes.total", shared.probesTotal(), 0, MAX_BUDGET))
            .filter(b -> b > 0).toArray(), bits, options(s));
  }

  /** The key-bit limit at dimension {@code dim}, then the family's own limits. */
  final void check(LshGrid<O> grid, int dim, int sample) {
    int max = maxK(dim);
    if (grid.inBits()) {
      int most = max * bitsPerFunction(dim);
      int top = grid.bits()[grid.bits().length - 1];
      if (top > most) {
        throw new ConfigException(name() + ".bits: " + top + " is outside 1.." + most + " at d = "
            + dim + " (" + max + " functions of " + bitsPerFunction(dim) + " bits fit a "
            + KEY_BITS + "-bit key)");
      }
    } else if (grid.maxK() > max) {
      int bits = bitsPerFunction(dim);
      throw new ConfigException(name() + ".k: at most " + max + " functions of " + bits
          + " bit" + (bits == 1 ? "" : "s") + " fit a " + KEY_BITS + "-bit key at d = " + dim
          + ", grid has " + grid.maxK());
    }
    checkOptions(grid.options(), dim, sample);
  }

  /** 1 − θ/π over the measured angles: the theory of every sign-bit family. */
  protected static Theory signBits(TheoryInput in, lshbench.data.Dataset data, float[] centre,
      String how) {
    return new Theory(CollisionTheory.measure(data, in.split(), in.truth(), centre,
        lshbench.lsh.HyperplaneBank::collisionProbability, in.threads()), how);
  }

  private int[] own(Settings s, String suffix, int[] shared, int min, int max) {
    return s.has(name() + suffix) ? s.grid(name() + suffix, "", min, max) : shared;
  }

  @Override
  public String toString() {
    return name();
  }
}
