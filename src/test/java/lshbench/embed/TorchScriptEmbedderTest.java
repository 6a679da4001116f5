package lshbench.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.ImageFolderOptions;
import lshbench.data.images.ImageItem;
import lshbench.data.images.ImageListing;
import lshbench.data.images.RgbImage;
import org.junit.jupiter.api.Test;

/** The pretrained MobileNetV2 from ../shared on eight real Caltech101 images. */
class TorchScriptEmbedderTest {
  @Test
  void pretrainedFeaturesAreFiniteAndGroupByCategory() throws IOException {
    SharedData.assumeModel(SharedData.INT8);
    SharedData.assumeCaltech();
    ImageListing listing = ImageFolder.scan(SharedData.CALTECH, ImageFolderOptions.builder()
        .include(List.of("Leopards", "pizza")).maxPerCategory(4).seed(7).build());
    assertEquals(8, listing.items().size());
    List<RgbImage> images = new ArrayList<>();
    int[] labels = new int[8];
    for (int i = 0; i < 8; i++) {
      ImageItem item = listing.items().get(i);
      images.add(ImageFolder.decode(item.file()));
      labels[i] = item.label();
    }
    try (TorchScriptEmbedder e = TorchScriptEmbedder.load(SharedData.INT8, SharedData.INT8_NAME,
        Preprocessing.imagenet())) {
      assertEquals(1280, e.dimension());
      assertTrue(e.provenance().startsWith(SharedData.INT8_NAME + ", 1280-d, TorchScript "
          + "mobilenet_v2_features.pt sha256 "), e.provenance());
      float[] v = e.embed(images);
      assertEquals(8 * 1280, v.length);
      for (float f : v) {
        assertTrue(Float.isFinite(f));
      }
      double same = 0;
      double different = 0;
      int sameCount = 0;
      int differentCount = 0;
      for (int i = 0; i < 8; i++) {
        for (int j = i + 1; j < 8; j++) {
          double d = distance(v, i, j, 1280);
          if (labels[i] == labels[j]) {
            same += d;
            sameCount++;
          } else {
            different += d;
            differentCount++;
          }
        }
      }
      assertTrue(same / sameCount < different / differentCount,
          "same-category mean distance " + same / sameCount + " vs different "
              + different / differentCount);
      // batching must not change a row: image 3 alone equals its row in the batch of eight
      float[] alone = e.embed(List.of(images.get(3)));
      for (int k = 0; k < 1280; k++) {
        assertEquals(v[3 * 1280 + k], alone[k], 1e-3f);
      }
    }
  }

  @Test
  void aFileThatSaysRandomWeightsKeepsItInTheName() {
    assertEquals("VGG16 fc7 (random weights)",
        TorchScriptEmbedder.honestName("VGG16 fc7", Path.of("vgg16_fc7_random_weights.pt")));
    assertEquals("VGG16 fc7, random weights, seed 0", TorchScriptEmbedder.honestName(
        "VGG16 fc7, random weights, seed 0", Path.of("vgg16_random.pt")));
    assertEquals("MobileNetV2", TorchScriptEmbedder.honestName("MobileNetV2",
        Path.of("mobilenet.pt")));
  }

  @Test
  void missingModelFileIsNamed() {
    IOException e = assertThrows(IOException.class, () -> TorchScriptEmbedder.load(
        Path.of("no-such-model.pt"), "x", Preprocessing.imagenet()));
    assertTrue(e.getMessage().contains("no-such-model.pt"), e.getMessage());
  }

  @Test
  void preprocessingRejectsBadSettingsByName() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Preprocessing(8,
        Preprocessing.IMAGENET_MEAN, Preprocessing.IMAGENET_STD)).getMessage()
        .contains("inputSize"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Preprocessing(224,
        new float[] {0.5f}, Preprocessing.IMAGENET_STD)).getMessage().contains("mean"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Preprocessing(224,
        Preprocessing.IMAGENET_MEAN, new float[] {1, 0, 1})).getMessage().contains("std"));
    assertEquals(256, Preprocessing.imagenet().resizeShort());
    assertEquals(384, new Preprocessing(336, Preprocessing.IMAGENET_MEAN,
        Preprocessing.IMAGENET_STD).resizeShort());
  }

  static double distance(float[] v, int i, int j, int d) {
    double s = 0;
    for (int k = 0; k < d; k++) {
      double x = v[i * d + k] - v[j * d + k];
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
