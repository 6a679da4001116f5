package lshbench.embed;

import ai.djl.modality.cv.transform.CenterCrop;
import ai.djl.modality.cv.transform.Normalize;
import ai.djl.modality.cv.transform.ResizeShort;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import lshbench.data.images.RgbImage;

/**
 * The torchvision-style input pipeline a CNN was trained with: shorter side resized to
 * {@code inputSize·256/224}, centre crop {@code inputSize}², RGB scaled to [0,1], normalised per
 * channel. {@code ResizeShort} keeps the aspect ratio; a plain resize to a square would squash
 * the image and change the embedding.
 *
 * <p>Known difference from torchvision/PIL: DJL's bilinear resize and its centre-crop rounding
 * (odd margins round down) are not PIL's, which moves embeddings to cosine ≈ 0.99 of Python's
 * on the same file; model equality is therefore checked on identical tensors.
 */
public final class Preprocessing {
  /** ImageNet channel means, as torchvision's pretrained models expect. */
  public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
  /** ImageNet channel standard deviations. */
  public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

  private final int inputSize;
  private final int resizeShort;
  private final float[] mean;
  private final float[] std;

  public Preprocessing(int inputSize, float[] mean, float[] std) {
    if (inputSize < 16 || inputSize > 4096) {
      throw new IllegalArgumentException("inputSize must be in [16, 4096], got " + inputSize);
    }
    checkChannels("mean", mean);
    checkChannels("std", std);
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("std must be positive, got " + Arrays.toString(std));
      }
    }
    this.inputSize = inputSize;
    this.resizeShort = Math.round(inputSize * 256f / 224f);
    this.mean = mean.clone();
    this.std = std.clone();
  }

  /** 224 input, ImageNet mean and std. */
  public static Preprocessing imagenet() {
    return new Preprocessing(224, IMAGENET_MEAN, IMAGENET_STD);
  }

  public int inputSize() {
    return inputSize;
  }

  public int resizeShort() {
    return resizeShort;
  }

  /** Floats in one preprocessed image (3 × size × size). */
  public int tensorLength() {
    return 3 * inputSize * inputSize;
  }

  /**
   * One image as a CHW float tensor. Safe to call from any thread: each call works in its own
   * native memory scope, released before returning.
   */
  public float[] apply(RgbImage image) {
    try (NDManager manager = NDManager.newBaseManager(TorchScriptEmbedder.ENGINE)) {
      NDArray x = manager.create(ByteBuffer.wrap(image.pixels()),
          new Shape(image.height(), image.width(), 3), DataType.UINT8);
      x = new ResizeShort(resizeShort).transform(x);
      x = new CenterCrop(inputSize, inputSize).transform(x);
      x = new ToTensor().transform(x);
      x = new Normalize(mean, std).transform(x);
      float[] out = x.toFloatArray();
      if (out.length != tensorLength()) {
        throw new IllegalStateException("preprocessed " + image.width() + "×" + image.height()
            + " image to " + out.length + " floats, expected " + tensorLength());
      }
      return out;
    }
  }

  /** One stable line naming every step; part of cache keys and provenance. */
  public String describe() {
    return String.format(Locale.ROOT,
        "RGB, resize-short %d (DJL bilinear), centre-crop %d, /255, mean=[%s] std=[%s]",
        resizeShort, inputSize, join(mean), join(std));
  }

  private static String join(float[] v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", v[i]));
    }
    return sb.toString();
  }

  private static void checkChannels(String name, float[] v) {
    if (v == null || v.length != 3) {
      throw new IllegalArgumentException(name + " must have 3 values (R, G, B), got "
          + (v == null ? "null" : Arrays.toString(v)));
    }
    for (float f : v) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException(name + " must be finite, got " + Arrays.toString(v));
      }
    }
  }
}
