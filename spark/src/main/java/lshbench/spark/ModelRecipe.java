package lshbench.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import lshbench.embed.ImageEmbeddingSpec;
import lshbench.embed.Preprocessing;
import lshbench.embed.TorchScriptEmbedder;

/**
 * What a task needs to load the core's embedder ({@link ImageEmbeddingSpec} holds a
 * {@link Path}, which does not serialise): the model file as the driver sees it, its name and
 * the preprocessing.
 */
record ModelRecipe(String modelFile, String modelName, int inputSize, float[] mean, float[] std,
    int batchSize, int decodeThreads) implements Serializable {
  private static final long serialVersionUID = 1L;

  static ModelRecipe of(ImageEmbeddingSpec spec, int decodeThreads) {
    return new ModelRecipe(spec.modelPath().toAbsolutePath().toString(), spec.modelName(),
        spec.inputSize(), spec.mean(), spec.std(), spec.batchSize(), decodeThreads);
  }

  TorchScriptEmbedder load() throws IOException {
    return TorchScriptEmbedder.load(Path.of(modelFile), modelName,
        new Preprocessing(inputSize, mean, std));
  }
}
