package lshbench.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import lshbench.config.Settings;
import lshbench.data.Dataset;
import lshbench.data.Provenance;
import lshbench.experiment.DedupConfig;
import lshbench.experiment.PairStages;
import lshbench.experiment.SecondStage;
import lshbench.features.Verification;
import lshbench.lsh.NearPairs;
import lshbench.lsh.UnionFind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finder's pair stages on Spark against the local ones: on generated vectors with planted
 * near-duplicates, the same candidate pairs (rows, distances, comparisons), with and without
 * probes, the per-image cap biting; on generated images (scenes, their crops and mirror
 * images), the same checks and the same connected components.
 */
class SparkPairStagesTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir
  Path dir;

  private DedupConfig config(Path photos, Path cache, Map<String, String> extra)
      throws IOException {
    Path model = dir.resolve("model.pt");
    if (!Files.exists(model)) {
      Files.writeString(model, "stands in: the embeddings are given, nothing is embedded");
    }
    Map<String, String> m = new HashMap<>();
    m.put("photos", photos.toString());
    m.put("model.path", model.toString());
    m.put("model.name", "none (the embeddings are given)");
    m.put("cache.dir", cache.toString());
    m.put("results.dir", dir.resolve("results").toString());
    m.put("threads", "2");
    m.putAll(extra);
    return DedupConfig.from(Settings.of("spark-dedup", m));
  }

  /**
   * 60 families of 1–4 near copies of a random unit vector (noise 0.15–0.35 per coordinate
   * scale) among 300 unrelated rows, 48-d: enough near pairs that a cap of 2 per row bites.
   */
  private static Dataset plantedVectors() {
    int dim = 48;
    SplittableRandom r = new SplittableRandom(11);
    List<float[]> rows = new ArrayList<>();
    for (int f = 0; f < 60; f++) {
      float[] base = gaussian(r, dim, 1);
      rows.add(base);
      int copies = 1 + r.nextInt(4);
      for (int c = 0; c < copies; c++) {
        float[] noise = gaussian(r, dim, 0.15 + 0.2 * r.nextDouble());
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) {
          v[j] = base[j] + noise[j];
        }
        rows.add(v);
      }
    }
    for (int i = 0; i < 300; i++) {
      rows.add(gaussian(r, dim, 1));
    }
    float[] all = new float[rows.size() * dim];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, all, i * dim, dim);
    }
    return new Dataset(all, dim, null, null, null,
        new Provenance("planted near-duplicates", "none", "seed 11", true)).normalised();
  }

  private static float[] gaussian(SplittableRandom r, int dim, double scale) {
    float[] v = new float[dim];
    for (int j = 0; j < dim; j++) {
      v[j] = (float) (scale * r.nextGaussian());
    }
    return v;
  }

  @Test
  void stageOneFindsTheLocalCandidatesWithAndWithoutProbes() throws IOException {
    Dataset unit = plantedVectors();
    SparkPairStages spark = new SparkPairStages(QUIET);
    TestSpark.session();
    for (String probes : List.of("0", "3")) {
      DedupConfig c = config(dir, dir.resolve("cache"), Map.of("k", "6", "L", "6", "probes",
          probes, "threshold", "0.5", "candidates.max", "2"));
      NearPairs local = PairStages.LOCAL.candidates(c, unit, QUIET);
      NearPairs mine = spark.candidates(c, unit, QUIET);
      NearPairs uncapped = PairStages.LOCAL.candidates(config(dir, dir.resolve("cache"),
          Map.of("k", "6", "L", "6", "probes", probes, "threshold", "0.5")), unit, QUIET);
      assertTrue(local.size() >= 60, probes + " probes: " + local.size() + " candidates");
      assertTrue(uncapped.size() > local.size(), "the cap of 2 per row must bite");
      assertEquals(local.size(), mine.size(), probes + " probes: candidates");
      assertEquals(local.comparisons(), mine.comparisons(), probes + " probes: comparisons");
      for (int p = 0; p < local.size(); p++) {
        assertEquals(local.key(p), mine.key(p), probes + " probes: pair " + p);
        assertEquals(local.distance(p), mine.distance(p), 0f, probes + " probes: pair " + p);
      }
    }
  }

  @Test
  void stageTwoMakesTheLocalChecksAndComponents() throws IOException {
    Path photos = Files.createDirectories(dir.resolve("photos"));
    List<String> ids = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      BufferedImage scene = scene(360, 270, 100 + s);
      ids.add(write(photos, "scene" + s + ".png", scene));
      ids.add(write(photos, "scene" + s + "-crop.png", scene.getSubimage(40, 30, 260, 200)));
      if (s % 2 == 0) {
        ids.add(write(photos, "scene" + s + "-mirror.png", mirrored(scene)));
      }
    }
    int n = ids.size();
    // every pair a candidate: the check, not stage 1, decides here
    List<int[]> all = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        all.add(new int[] {a, b});
      }
    }
    NearPairs candidates = NearPairs.of(all.stream().mapToInt(p -> p[0]).toArray(),
        all.stream().mapToInt(p -> p[1]).toArray(), new float[all.size()], all.size());
    Dataset data = new Dataset(new float[n], 1, null, null, ids.toArray(new String[0]),
        new Provenance("generated scenes", "none", "", true));

    SecondStage.Result local = PairStages.LOCAL.verify(config(photos, dir.resolve("local"),
        Map.of()), data, candidates, QUIET);
    TestSpark.session();
    SecondStage.Result mine = new SparkPairStages(QUIET).verify(config(photos,
        dir.resolve("spark"), Map.of()), data, candidates, QUIET);

    assertEquals(n, mine.images());
    assertEquals(n, mine.extracted(), "a fresh cache: every image extracted once, in Spark");
    assertArrayEquals(local.checks(), mine.checks());
    List<int[]> components = components(local.checks(), candidates, n);
    assertEquals(components.size(), components(mine.checks(), candidates, n).size());
    for (int g = 0; g < components.size(); g++) {
      assertArrayEquals(components.get(g), components(mine.checks(), candidates, n).get(g));
    }
    // the scenes' families, nothing across them: the check is doing the work
    assertEquals(4, components.size(), components.stream().map(java.util.Arrays::toString)
        .toList().toString());
    for (int[] g : components) {
      String scene = ids.get(g[0]).substring(0, 6);
      for (int r : g) {
        assertTrue(ids.get(r).startsWith(scene), ids.get(r) + " grouped with " + scene);
      }
    }
    for (int r : components.get(0)) {
      assertTrue(mine.features()[r] != null, "the driver reads back a grouped image's keypoints");
    }
  }

  /** The verified pairs' connected components of two or more rows, as the finder starts its groups. */
  private static List<int[]> components(Verification[] checks, NearPairs candidates, int n) {
    UnionFind uf = new UnionFind(n);
    for (int p = 0; p < checks.length; p++) {
      if (checks[p].passed()) {
        uf.union(candidates.first(p), candidates.second(p));
      }
    }
    return uf.groups().stream().filter(g -> g.length >= 2).toList();
  }

  private static String write(Path folder, String name, BufferedImage image) throws IOException {
    ImageIO.write(image, "png", folder.resolve(name).toFile());
    return name;
  }

  /** Coloured boxes and discs on grey: plenty of corners for ORB, a different layout a seed. */
  private static BufferedImage scene(int w, int h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, w, h);
    for (int i = 0; i < 150; i++) {
      g.setColor(new Color(r.nextInt(0x1000000)));
      int s = 6 + r.nextInt(40);
      if (r.nextBoolean()) {
        g.fillRect(r.nextInt(w), r.nextInt(h), s, s / 2 + 3);
      } else {
        g.fillOval(r.nextInt(w), r.nextInt(h), s, s);
      }
    }
    g.dispose();
    return img;
  }

  private static BufferedImage mirrored(BufferedImage src) {
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(),
        BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        out.setRGB(src.getWidth() - 1 - x, y, src.getRGB(x, y));
      }
    }
    return out;
  }
}
