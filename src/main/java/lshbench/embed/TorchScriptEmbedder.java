package lshbench.embed;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import lshbench.io.Sha256;

/**
 * Any TorchScript image model that maps {@code [N,3,S,S]} to {@code [N,D]} (or {@code [N,D,1,1]}),
 * run through DJL's PyTorch engine from a local file: nothing is downloaded at run time.
 *
 * <p>The model's name is the caller's, because a file cannot say which weights it holds; but a
 * file named as random weights keeps "random weights" in the provenance whatever the caller
 * calls it, so that nobody reads a random-network baseline as a real embedding.
 */
public final class TorchScriptEmbedder implements Embedder {
  /** The DJL engine used for models and preprocessing. */
  static final String ENGINE = "PyTorch";

  private final ZooModel<TensorBatch, float[]> model;
  private final Predictor<TensorBatch, float[]> predictor;
  private final Preprocessing preprocessing;
  private final String sha256;
  private final String name;
  private final Path file;
  private final int dimension;

  private TorchScriptEmbedder(ZooModel<TensorBatch, float[]> model, Preprocessing preprocessing,
      String sha256, String name, Path file) {
    this.model = model;
    this.predictor = model.newPredictor();
    this.preprocessing = preprocessing;
    this.sha256 = sha256;
    this.name = name;
    this.file = file;
    this.dimension = embedTensors(new float[preprocessing.tensorLength()], 1).length;
  }

  /**
   * Loads {@code modelFile}. The engine is initialised first: DJL's native bindings must be
   * loaded before anything touches them.
   *
   * @param modelName what the weights are, e.g. "MobileNetV2 (pretrained ImageNet, int8)
   *     features"
   */
  public static TorchScriptEmbedder load(Path modelFile, String modelName,
      Preprocessing preprocessing) throws IOException {
    return load(modelFile, modelName, preprocessing, null);
  }

  /** As {@link #load(Path, String, Preprocessing)}, reusing a SHA-256 already computed. */
  static TorchScriptEmbedder load(Path modelFile, String modelName, Preprocessing preprocessing,
      String knownSha256) throws IOException {
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("modelName must name the model and its weights");
    }
    if (!Files.isRegularFile(modelFile)) {
      throw new IOException("model file not found: " + modelFile);
    }
    Engine.getEngine(ENGINE);
    String sha = knownSha256 != null ? knownSha256 : Sha256.ofFile(modelFile);
    Criteria<TensorBatch, float[]> criteria = Criteria.builder()
        .setTypes(TensorBatch.class, float[].class)
        .optModelPath(modelFile.toAbsolutePath())
        .optEngine(ENGINE)
        .optTranslator(new BatchTranslator())
        .build();
    ZooModel<TensorBatch, float[]> model;
    try {
      model = criteria.loadModel();
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new IOException("cannot load TorchScript model " + modelFile + ": " + e.getMessage(),
          e);
    }
    try {
      return new TorchScriptEmbedder(model, preprocessing, sha, honestName(modelName, modelFile),
          modelFile);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The caller's name, with "random weights" added when only the file name admits to it. */
  static String honestName(String modelName, Path modelFile) {
    String file = modelFile.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean fileSaysRandom = file.contains("random");
    boolean nameSaysRandom = modelName.toLowerCase(Locale.ROOT).contains("random weights");
    return fileSaysRandom && !nameSaysRandom ? modelName + " (random weights)" : modelName;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String provenance() {
    return String.format(Locale.ROOT, "%s, %d-d, TorchScript %s sha256 %s, input %s", name,
        dimension, file.getFileName(), sha256.substring(0, 16), preprocessing.describe());
  }

  /** Full SHA-256 of the model file, for cache keys. */
  public String sha256() {
    return sha256;
  }

  public String name() {
    return name;
  }

  @Override
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  @Override
  public float[] embedTensors(float[] tensors, int count) {
    int len = preprocessing.tensorLength();
    if (count < 1 || tensors.length < count * len) {
      throw new IllegalArgumentException("tensors hold " + tensors.length / len
          + " images, count is " + count);
    }
    float[] out;
    try {
      out = predictor.predict(new TensorBatch(tensors, count, preprocessing.inputSize()));
    } catch (TranslateException e) {
      throw new EmbeddingException("model " + file.getFileName() + " failed on a batch of "
          + count + ": " + e.getMessage(), e);
    }
    if (out.length % count != 0 || (dimension > 0 && out.length != count * dimension)) {
      throw new EmbeddingException("model " + file.getFileName() + " returned " + out.length
          + " floats for " + count + " images", null);
    }
    return out;
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }

  /** Preprocessed images laid end to end, handed to the translator as one tensor. */
  record TensorBatch(float[] data, int count, int size) {}

  /** Stacks a {@link TensorBatch} into one NCHW tensor and flattens the output per image. */
  private static final class BatchTranslator implements NoBatchifyTranslator<TensorBatch, float[]> {
    @Override
    public NDList processInput(TranslatorContext ctx, TensorBatch batch) {
      int len = 3 * batch.size() * batch.size();
      NDArray x = ctx.getNDManager().create(FloatBuffer.wrap(batch.data(), 0, batch.count() * len),
          new Shape(batch.count(), 3, batch.size(), batch.size()), DataType.FLOAT32);
      return new NDList(x);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
      NDArray y = list.get(0);
      if (y.getDataType() != DataType.FLOAT32) {
        y = y.toType(DataType.FLOAT32, false);
      }
      return y.toFloatArray();
    }
  }
}
