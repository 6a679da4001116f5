package lshbench.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import lshbench.data.Dataset;
import lshbench.data.images.Skipped;
import lshbench.embed.EmbeddingCache;
import lshbench.embed.ImageEmbedding;
import lshbench.embed.ImageEmbeddingSpec;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small generated image folder (two categories, a broken JPEG, an empty file) embedded by the
 * local engine and by Spark's partitions, each into its own empty cache: the same rows, ids,
 * labels and skipped files, vectors at cosine ≥ 0.9999, one cache key (a local run reuses the
 * Spark entry), and a Parquet table that reads back as written. Needs the int8 MobileNetV2 of
 * ../shared, the smallest model there is; skips saying so when it is absent.
 */
class SparkEmbeddingTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final String NAME = "MobileNetV2 (pretrained ImageNet, int8) features";

  @TempDir
  static Path dir;
  static Path model;
  static ImageEmbedding.Result local;
  static SparkEmbedding.Result spark;

  @BeforeAll
  static void embedBoth() throws IOException {
    model = Stream.of(Path.of("..", "shared"), Path.of("..", "..", "shared"))
        .map(p -> p.resolve("models").resolve("mobilenet_v2_features.pt"))
        .filter(Files::isRegularFile).findFirst().orElse(null);
    Assumptions.assumeTrue(model != null,
        "../shared/models/mobilenet_v2_features.pt is absent; skipping the Spark embedding check");
    Path images = folder(dir.resolve("images"));
    ImageEmbeddingSpec spec = ImageEmbeddingSpec.builder(images, model, NAME).batchSize(2)
        .build();
    local = ImageEmbedding.load(spec, dir.resolve("local-cache"), QUIET);
    spark = SparkEmbedding.load(TestSpark.session(), spec, dir.resolve("spark-cache"), QUIET);
  }

  @Test
  void sparkEmbedsAsTheLocalEngineDoes() {
    assertFalse(local.fromCache());
    assertFalse(spark.images().fromCache(), "both sides computed, each in its own empty cache");
    Dataset a = local.dataset();
    Dataset b = spark.images().dataset();
    assertEquals(7, a.size());
    assertEquals(a.size(), b.size());
    assertEquals(a.dim(), b.dim());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.id(i), b.id(i));
      assertEquals(a.labelName(a.label(i)), b.labelName(b.label(i)));
      double c = cosine(a.vector(i), b.vector(i));
      assertTrue(c >= 0.9999, a.id(i) + ": cosine " + c);
    }
    assertEquals(a.provenance().model(), b.provenance().model());
    assertEquals(List.of("blue/broken.jpg", "red/empty.jpg"),
        spark.images().skipped().stream().map(Skipped::path).sorted().toList());
    assertEquals(local.skipped(), spark.images().skipped(), "same files skipped, same reasons");
  }

  @Test
  void bothEnginesShareOneCacheEntry() throws IOException {
    assertEquals(local.cacheKey(), spark.images().cacheKey());
    Path sparkCache = dir.resolve("spark-cache");
    assertTrue(Files.isRegularFile(new EmbeddingCache(sparkCache, QUIET)
        .vectorFile(local.cacheKey())));
    // the local engine reads what Spark wrote as its own entry: no recomputation
    ImageEmbeddingSpec again = ImageEmbeddingSpec.builder(dir.resolve("images"), model, NAME)
        .batchSize(2).build();
    ImageEmbedding.Result reread = ImageEmbedding.load(again, sparkCache, QUIET);
    assertTrue(reread.fromCache());
    assertArrayEquals(spark.images().dataset().vectors(), reread.dataset().vectors());
  }

  @Test
  void theParquetTableReadsBackAsWritten() {
    Dataset d = spark.images().dataset();
    assertEquals(EmbeddingTable.beside(dir.resolve("spark-cache"), spark.images().cacheKey()),
        spark.table());
    List<Row> rows = EmbeddingTable.read(TestSpark.session(), spark.table());
    // Spark reads every Parquet column back as nullable, so names and types are compared
    assertEquals("struct<id:int,label:string,path:string,vector:array<float>>", TestSpark
        .session().read().parquet(spark.table().toAbsolutePath().toUri().toString()).schema()
        .simpleString());
    assertEquals(d.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      assertEquals(i, r.getInt(0));
      assertEquals(d.labelName(d.label(i)), r.getString(1));
      assertEquals(d.id(i), r.getString(2));
      List<Float> v = r.getList(3);
      float[] back = new float[v.size()];
      for (int k = 0; k < back.length; k++) {
        back[k] = v.get(k);
      }
      assertArrayEquals(d.vector(i), back, d.id(i));
    }
  }

  /** blue: 4 PNGs and a JPEG header with nothing after it; red: 3 JPEGs and an empty file. */
  private static Path folder(Path root) throws IOException {
    Random rnd = new Random(11);
    Path blue = Files.createDirectories(root.resolve("blue"));
    Path red = Files.createDirectories(root.resolve("red"));
    for (int i = 0; i < 4; i++) {
      ImageIO.write(image(rnd, 0x2040c0, 96 + 16 * i, 80), "png", blue.resolve("b" + i + ".png")
          .toFile());
    }
    for (int i = 0; i < 3; i++) {
      ImageIO.write(image(rnd, 0xc03020, 120, 90 + 10 * i), "jpg", red.resolve("r" + i + ".jpg")
          .toFile());
    }
    Files.write(blue.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF,
        (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'});
    Files.write(red.resolve("empty.jpg"), new byte[0]);
    return root;
  }

  /** A base colour with noisy stripes, so that images differ. */
  private static BufferedImage image(Random rnd, int rgb, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int stripe = 4 + rnd.nextInt(12);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int c = (x / stripe + y / stripe) % 2 == 0 ? rgb : rgb ^ 0xffffff;
        img.setRGB(x, y, c ^ (rnd.nextInt(32) * 0x010101));
      }
    }
    return img;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
