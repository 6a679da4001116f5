package lshbench.features;

/** Loads OpenCV's bundled native library once per JVM. */
final class OpenCvLoader {
  private static boolean loaded;

  private OpenCvLoader() {}

  static synchronized void load() {
    if (!loaded) {
      nu.pattern.OpenCV.loadLocally();
      loaded = true;
    }
  }

  static String version() {
    load();
    return org.opencv.core.Core.VERSION;
  }
}
