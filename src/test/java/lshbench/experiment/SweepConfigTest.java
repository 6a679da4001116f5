package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lshbench.config.ConfigException;
import lshbench.config.Settings;
import lshbench.family.FamilyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepConfigTest {
  @TempDir
  Path dir;

  private static String error(Map<String, String> values) {
    return assertThrows(ConfigException.class,
        () -> SweepConfig.from(Settings.of("t", values))).getMessage();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "k|0|k: 0 is out of range 1..64 (from setting)",
      "k|65|k: 65 is out of range 1..64 (from setting)",
      "k|4,100|k: 100 is out of range 1..64 (from setting)",
      "k|' , '|k: the grid is empty (from setting)",
      "k|four|k: 'four' is not a number or range (from setting)",
      "L|0|L: 0 is out of range 1..4096 (from setting)",
      "L|8-2|L: empty range '8-2' (from setting)",
      "queries|0|queries: 0 is out of range 1..2147483647 (from setting)",
      "repeats|-1|repeats: -1 is out of range 1..1000 (from setting)",
      "center|maybe|center: 'maybe' is not true or false (from setting)",
      "metric|manhattan|metric: 'manhattan' is not a metric (euclidean or cosine)",
      "synthetic.spread|x|synthetic.spread: 'x' is not a number (from setting)",
  })
  void invalidValuesAreOneLineErrorsNamingTheKey(String key, String value, String message) {
    assertEquals(message, error(Map.of(key, value)));
  }

  @Test
  void gridsAcceptListsAndSteppedRanges() {
    SweepConfig c = SweepConfig.from(Settings.of("t", Map.of("k", "4-12:4, 20", "L", "1,2,2,32")));
    assertArrayEquals(new int[] {4, 8, 12, 20}, c.ks());
    assertArrayEquals(new int[] {1, 2, 32}, c.ls());
    assertEquals(12, c.runs());
  }

  private static final java.util.Set<String> SWEEP_KEYS = SweepConfig.keys("sweep",
      FamilyRegistry.standard()).stream().map(lshbench.config.Key::name)
      .collect(java.util.stream.Collectors.toSet());

  @Test
  void unknownKeysInTheFileSuggestTheNearest() throws IOException {
    Files.writeString(dir.resolve("x.properties"), "k = 4\nqueris = 10\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> Settings.load(dir, "x", SWEEP_KEYS, Map.of()));
    assertEquals(dir.resolve("x.properties") + ": unknown key 'queris' (did you mean 'queries'?)",
        e.getMessage());
  }

  @Test
  void overridesWinAndUnknownOverridesAreRefused() throws IOException {
    Files.writeString(dir.resolve("x.properties"), "k = 4\n");
    Settings s = Settings.load(dir, "x", SWEEP_KEYS, Map.of("k", "8,12"));
    assertArrayEquals(new int[] {8, 12}, SweepConfig.from(s).ks());
    ConfigException e = assertThrows(ConfigException.class,
        () -> Settings.load(dir, "x", SWEEP_KEYS, Map.of("top.m", "3")));
    assertEquals("-Dtop.m: unknown key (did you mean 'top.n'?)", e.getMessage());
    Settings bad = Settings.load(dir, "x", SWEEP_KEYS, Map.of("k", "0"));
    assertEquals("k: 0 is out of range 1..64 (from -Dk)",
        assertThrows(ConfigException.class, () -> SweepConfig.from(bad)).getMessage());
  }

  @Test
  void aMissingExperimentListsTheAvailableOnes() throws IOException {
    Files.writeString(dir.resolve("a.properties"), "");
    Files.writeString(dir.resolve("b.properties"), "");
    ConfigException e = assertThrows(ConfigException.class,
        () -> Settings.load(dir, "nope", SWEEP_KEYS, Map.of()));
    assertEquals("experiment: no file " + dir.resolve("nope.properties") + " (available: a, b)",
        e.getMessage());
  }

  @Test
  void theShippedExperimentsParse() throws IOException {
    java.util.Set<String> keys = new java.util.HashSet<>(SWEEP_KEYS);
    for (String type : java.util.List.of("tune", "scale", "compare", SweepConfig.EXPORT)) {
      SweepConfig.keys(type, FamilyRegistry.standard()).forEach(k -> keys.add(k.name()));
    }
    DownloadConfig.KEYS.forEach(k -> keys.add(k.name()));
    DownloadAnnConfig.KEYS.forEach(k -> keys.add(k.name()));
    DedupConfig.keys("dedup").forEach(k -> keys.add(k.name()));
    DedupConfig.keys("dedup-bench").forEach(k -> keys.add(k.name()));
    keys.add("type");
    boolean shared = Files.isDirectory(Path.of("..", "shared", "models"));
    try (var files = Files.list(Path.of("experiments"))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".properties"))::iterator) {
        String name = f.getFileName().toString().replace(".properties", "");
        Settings s = Settings.load(Path.of("experiments"), name, keys, Map.of());
        String type = s.string("type", "sweep");
        if (type.equals("download")) {
          assertEquals("101_ObjectCategories", DownloadConfig.from(s).spec().folder());
        } else if (type.equals("download-ann")) {
          assertEquals("glove-100-angular.hdf5", DownloadAnnConfig.from(s).spec().folder());
        } else if (type.equals(SweepConfig.EXPORT)) {
          if (s.string("dataset", "synthetic").equals("images") && !shared) {
            continue;
          }
          assertTrue(AnnExport.from(s, FamilyRegistry.standard()).out().toString().endsWith(".hdf5"));
        } else if (type.startsWith("dedup")) {
          if (!shared) {
            continue; // the model and Caltech101 live in ../shared
          }
          DedupConfig d = DedupConfig.from(Settings.load(Path.of("experiments"), name, keys,
              Map.of("photos", "src")));
          assertTrue(d.threshold() > 0 && d.threshold() < 2, name);
        } else if (s.string("dataset", "synthetic").equals("images") && !shared) {
          continue; // needs ../shared/models beside the checkout
        } else {
          SweepConfig.from(s);
        }
      }
    }
  }

  @Test
  void downloadSettingsAreValidatedByKey() {
    assertEquals("folder: a download by url needs the folder it unpacks to",
        assertThrows(ConfigException.class, () -> DownloadConfig.from(Settings.of("d",
            Map.of("type", "download", "url", "http://127.0.0.1:9/x.zip")))).getMessage());
    assertTrue(assertThrows(ConfigException.class, () -> DownloadConfig.from(Settings.of("d",
        Map.of("type", "download", "archive", "imagenet")))).getMessage()
        .startsWith("download: unknown archive 'imagenet'; known: caltech101"));
  }

  @Test
  void imageDatasetsNameTheMissingPieces() {
    assertEquals("dataset.root: dataset = images needs the image folder (-Ddataset.root=DIR)",
        error(Map.of("dataset", "images")));
    assertEquals("model.path: not set; get a TorchScript feature extractor as datasets/README.md explains",
        error(Map.of("dataset", "images", "dataset.root", dir.toString())));
  }
}
