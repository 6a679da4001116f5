package lshbench.data.images;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which images of a one-folder-per-category tree to use.
 *
 * <p>Caltech101's {@code BACKGROUND_Google} is clutter, not a category, and would give every
 * "same label" query a bag of unrelated images; it is excluded unless asked for. Capping picks a
 * seeded random subset per category (seeded by the seed and the category name, so adding a
 * category does not change the choice in the others); without a cap every image is used.
 *
 * @param include categories to use; empty means all
 * @param exclude categories to leave out, applied after {@code include}
 * @param maxPerCategory at most this many images per category, 0 for no cap
 * @param seed chooses the capped subset
 */
public record ImageFolderOptions(Set<String> include, Set<String> exclude, int maxPerCategory,
    long seed) {
  /** Left out by default: Caltech101's background clutter class. */
  public static final String BACKGROUND = "BACKGROUND_Google";

  public ImageFolderOptions {
    include = Set.copyOf(new TreeSet<>(include));
    exclude = Set.copyOf(new TreeSet<>(exclude));
    if (maxPerCategory < 0) {
      throw new IllegalArgumentException("maxPerCategory must be >= 0 (0 = no cap), got "
          + maxPerCategory);
    }
    for (String name : include) {
      checkName("include", name);
    }
    for (String name : exclude) {
      checkName("exclude", name);
    }
  }

  /** All categories but {@link #BACKGROUND}, no cap, seed 1. */
  public static ImageFolderOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether a category folder of this name is used. */
  public boolean accepts(String category) {
    return (include.isEmpty() || include.contains(category)) && !exclude.contains(category);
  }

  /** A stable one-line description for cache keys and provenance. */
  public String describe() {
    return "include=" + new TreeSet<>(include) + " exclude=" + new TreeSet<>(exclude)
        + " maxPerCategory=" + maxPerCategory + " seed=" + seed;
  }

  private static void checkName(String parameter, String name) {
    if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException(parameter + " holds an invalid category name: '" + name
          + "'");
    }
  }

  /** Collects options; {@link #build} validates them. */
  public static final class Builder {
    private Set<String> include = Set.of();
    private Set<String> exclude = Set.of(BACKGROUND);
    private int maxPerCategory;
    private long seed = 1;

    private Builder() {}

    public Builder include(List<String> categories) {
      this.include = Set.copyOf(categories);
      return this;
    }

    /** Replaces the default exclusion ({@link #BACKGROUND}); pass an empty list to use all. */
    public Builder exclude(List<String> categories) {
      this.exclude = Set.copyOf(categories);
      return this;
    }

    public Builder maxPerCategory(int max) {
      this.maxPerCategory = max;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public ImageFolderOptions build() {
      return new ImageFolderOptions(include, exclude, maxPerCategory, seed);
    }
  }
}
