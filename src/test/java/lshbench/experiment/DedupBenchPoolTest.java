package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import lshbench.config.ConfigException;
import lshbench.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's pool leaves out the categories {@code bench.exclude} names (their images are
 * near-duplicates of each other that the ground truth cannot know), says so, and a different
 * exclusion list is a different generated set.
 */
class DedupBenchPoolTest {
  @TempDir
  Path dir;

  private DedupConfig config(String exclude) throws IOException {
    Path model = dir.resolve("model.pt");
    if (!Files.exists(model)) {
      Files.writeString(model, "not read by generate()");
    }
    Map<String, String> v = new HashMap<>();
    v.put("type", "dedup-bench");
    v.put("bench.source", dir.resolve("source").toString());
    v.put("bench.originals", "2");
    v.put("bench.copies", "1");
    v.put("bench.distractors", "2");
    v.put("bench.exclude", exclude);
    v.put("cache.dir", dir.resolve("cache").toString());
    v.put("model.path", model.toString());
    v.put("model.name", "test");
    return DedupConfig.from(Settings.of("dedup-bench", v));
  }

  private void image(String relative, int seed) throws IOException {
    BufferedImage im = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = im.createGraphics();
    g.setColor(new Color(seed * 40 % 256, seed * 90 % 256, seed * 150 % 256));
    g.fillRect(0, 0, 64, 48);
    g.setColor(Color.WHITE);
    g.fillOval(seed % 30, seed % 20, 20, 20);
    g.dispose();
    Path f = dir.resolve("source").resolve(relative);
    Files.createDirectories(f.getParent());
    ImageIO.write(im, "png", f.toFile());
  }

  @Test
  void excludedCategoriesAreNotInThePool() throws IOException {
    for (int i = 0; i < 3; i++) {
      image("cars/c" + i + ".png", i + 1);
      image("Faces/f" + i + ".png", i + 10);
      image("Faces_easy/e" + i + ".png", i + 20);
    }
    image("boats/b0.png", 31);
    DedupConfig c = config("Faces_easy, Faces");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<DedupBench.Truth> truth = new DedupBench(c, new PrintStream(log, true,
        StandardCharsets.UTF_8)).generate();
    assertEquals(2, truth.size());
    try (Stream<Path> files = Files.walk(c.bench().folder())) {
      List<String> names = files.filter(Files::isRegularFile)
          .map(p -> c.bench().folder().relativize(p).toString()).toList();
      assertEquals(6, names.size(), names.toString()); // 2 originals, 2 copies, 2 distractors
      assertFalse(names.stream().anyMatch(n -> n.contains("Faces")), names.toString());
    }
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("6 left out (bench.exclude: Faces, "
        + "Faces_easy"), log.toString(StandardCharsets.UTF_8));
    assertTrue(config("none").bench().exclude().isEmpty());
    assertFalse(config("none").bench().folder().equals(c.bench().folder()),
        "another pool is another set");
  }

  @Test
  void tooSmallAPoolAfterExclusionIsOneLine() throws IOException {
    image("cars/c0.png", 1);
    image("Faces/f0.png", 2);
    image("Faces/f1.png", 3);
    image("Faces/f2.png", 4);
    DedupConfig c = config("Faces");
    ConfigException e = assertThrows(ConfigException.class, () -> new DedupBench(c,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).generate());
    assertTrue(e.getMessage().startsWith("bench.originals + bench.distractors: 4 images needed"),
        e.getMessage());
  }

  @Test
  void aPathIsNotACategory() throws IOException {
    image("cars/c0.png", 1);
    ConfigException e = assertThrows(ConfigException.class, () -> config("../Faces"));
    assertTrue(e.getMessage().startsWith("bench.exclude: '../Faces'"), e.getMessage());
  }
}
