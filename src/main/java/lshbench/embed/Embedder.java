package lshbench.embed;

import java.util.List;
import lshbench.data.images.RgbImage;

/**
 * Turns decoded images into vectors. Split into a thread-safe {@link #preprocess} and a
 * single-threaded {@link #embedTensors} so that a pipeline can decode and resize the next batch
 * on one core while the model runs on the other.
 */
public interface Embedder extends AutoCloseable {
  /** Length of every output vector. */
  int dimension();

  /**
   * What made the vectors, in one line: model name, file SHA-256, input size, output layer and
   * normalisation. Goes into {@link lshbench.data.Provenance} so results name their model.
   */
  String provenance();

  Preprocessing preprocessing();

  /** One image as the model's input tensor (CHW floats); callable from any thread. */
  default float[] preprocess(RgbImage image) {
    return preprocessing().apply(image);
  }

  /**
   * Runs the model on {@code count} preprocessed images laid end to end in {@code tensors};
   * returns {@code count × dimension()} floats, row-major. One thread at a time.
   */
  float[] embedTensors(float[] tensors, int count);

  /** Preprocesses and embeds a batch on the calling thread. */
  default float[] embed(List<RgbImage> images) {
    int len = preprocessing().tensorLength();
    float[] tensors = new float[images.size() * len];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(preprocess(images.get(i)), 0, tensors, i * len, len);
    }
    return embedTensors(tensors, images.size());
  }

  @Override
  void close();
}
