package lshbench.embed;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import lshbench.data.images.ImageFolderOptions;

/**
 * Everything that decides an image embedding: which images, which model, which preprocessing.
 * Validated here, where the settings enter, so a bad experiment file fails before libtorch
 * loads. (Arrays are copied in and out; record equality on them is by identity, so compare
 * {@link #describe()} instead.)
 *
 * @param root folder with one sub-folder per category
 * @param modelPath a TorchScript file mapping [N,3,S,S] to [N,D]
 * @param modelName what the weights are; kept verbatim in the provenance
 * @param inputSize crop size S; the shorter side is first resized to S·256/224
 * @param mean per-channel mean (R, G, B) subtracted after scaling to [0,1]
 * @param std per-channel standard deviation
 * @param include categories to use, empty for all
 * @param exclude categories to leave out
 * @param maxPerCategory cap per category, 0 for none
 * @param seed chooses capped subsets
 * @param batchSize images per model call
 */
public record ImageEmbeddingSpec(Path root, Path modelPath, String modelName, int inputSize,
    float[] mean, float[] std, List<String> include, List<String> exclude, int maxPerCategory,
    long seed, int batchSize) {
  public ImageEmbeddingSpec {
    if (root == null) {
      throw new IllegalArgumentException("root (the image folder) must be given");
    }
    if (modelPath == null) {
      throw new IllegalArgumentException("modelPath (a TorchScript file) must be given");
    }
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("modelName must say which model and weights");
    }
    if (batchSize < 1 || batchSize > 1024) {
      throw new IllegalArgumentException("batchSize must be in [1, 1024], got " + batchSize);
    }
    mean = mean.clone();
    std = std.clone();
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    // checks inputSize, mean and std, and the category options, with their names
    new Preprocessing(inputSize, mean, std);
    new ImageFolderOptions(java.util.Set.copyOf(include), java.util.Set.copyOf(exclude),
        maxPerCategory, seed);
  }

  public static Builder builder(Path root, Path modelPath, String modelName) {
    return new Builder(root, modelPath, modelName);
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  public Preprocessing preprocessing() {
    return new Preprocessing(inputSize, mean, std);
  }

  public ImageFolderOptions folderOptions() {
    return ImageFolderOptions.builder().include(include).exclude(exclude)
        .maxPerCategory(maxPerCategory).seed(seed).build();
  }

  /** One line for logs. */
  public String describe() {
    return "images " + root + ", model " + modelName + " (" + modelPath + "), "
        + preprocessing().describe() + ", " + folderOptions().describe() + ", batch "
        + batchSize;
  }

  /** Defaults: 224 input, ImageNet mean/std, BACKGROUND_Google excluded, no cap, batch 16. */
  public static final class Builder {
    private final Path root;
    private final Path modelPath;
    private final String modelName;
    private int inputSize = 224;
    private float[] mean = Preprocessing.IMAGENET_MEAN;
    private float[] std = Preprocessing.IMAGENET_STD;
    private List<String> include = List.of();
    private List<String> exclude = List.of(ImageFolderOptions.BACKGROUND);
    private int maxPerCategory;
    private long seed = 1;
    private int batchSize = 16;

    private Builder(Path root, Path modelPath, String modelName) {
      this.root = root;
      this.modelPath = modelPath;
      this.modelName = modelName;
    }

    public Builder inputSize(int size) {
      this.inputSize = size;
      return this;
    }

    public Builder normalisation(float[] mean, float[] std) {
      this.mean = Arrays.copyOf(mean, mean.length);
      this.std = Arrays.copyOf(std, std.length);
      return this;
    }

    public Builder include(List<String> categories) {
      this.include = categories;
      return this;
    }

    public Builder exclude(List<String> categories) {
      this.exclude = categories;
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

    public Builder batchSize(int size) {
      this.batchSize = size;
      return this;
    }

    public ImageEmbeddingSpec build() {
      return new ImageEmbeddingSpec(root, modelPath, modelName, inputSize, mean, std, include,
          exclude, maxPerCategory, seed, batchSize);
    }
  }
}
