package lshbench.embed;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Paths into ../shared (relative to the project root); tests skip, loudly, when it is absent. */
final class SharedData {
  static final Path CALTECH = Path.of("..", "shared", "datasets", "caltech101",
      "101_ObjectCategories");
  static final Path MODELS = Path.of("..", "shared", "models");
  static final Path INT8 = MODELS.resolve("mobilenet_v2_features.pt");
  static final Path FLOAT = MODELS.resolve("mobilenet_v2_features_float.pt");
  static final String INT8_NAME = "MobileNetV2 (pretrained ImageNet, int8) features";
  static final String FLOAT_NAME = "MobileNetV2 (pretrained ImageNet, float32 twin) features";

  private SharedData() {}

  static void assumeModel(Path model) {
    Assumptions.assumeTrue(Files.isRegularFile(model),
        "../shared model " + model + " is absent; skipping the DJL check");
  }

  static void assumeCaltech() {
    Assumptions.assumeTrue(Files.isDirectory(CALTECH),
        "../shared Caltech101 images are absent; skipping");
  }
}
