package lshbench.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import lshbench.data.Dataset;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.ImageFolderOptions;
import lshbench.data.images.ImageListing;
import lshbench.data.images.Skipped;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point end to end on a tiny made-up folder, with the int8 MobileNetV2. */
// End to end (real images through libtorch, or a child JVM killed mid-run): tens of seconds
// under load, so left out of mvn verify and run by .ci/run (-Dgroups=slow).
@Tag("slow")
class ImageEmbeddingTest {
  @TempDir
  Path tmp;

  private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

  @Test
  void secondCallHitsTheCacheAndAnotherModelMisses() throws IOException {
    SharedData.assumeModel(SharedData.INT8);
    SharedData.assumeModel(SharedData.FLOAT);
    Path root = folder();
    Path cache = tmp.resolve("cache");
    ImageEmbeddingSpec spec = ImageEmbeddingSpec.builder(root, SharedData.INT8,
        SharedData.INT8_NAME).batchSize(2).build();

    ImageEmbedding.Result first = ImageEmbedding.load(spec, cache, quiet);
    assertFalse(first.fromCache());
    Dataset d = first.dataset();
    assertEquals(4, d.size());
    assertEquals(1280, d.dim());
    assertEquals(List.of("blue/b0.png", "blue/b1.png", "red/r0.jpg", "red/r1.jpg"),
        List.of(d.id(0), d.id(1), d.id(2), d.id(3)));
    assertEquals("blue", d.labelName(d.label(0)));
    assertEquals("red", d.labelName(d.label(3)));
    assertEquals(2, d.labelCount(), "the category with only a broken file has no label");
    assertEquals(List.of("broken"), first.emptyCategories());
    assertEquals("embedding", d.provenance().source());
    assertTrue(d.provenance().model().startsWith(SharedData.INT8_NAME + ", 1280-d"),
        d.provenance().model());
    Map<String, String> skipped = new HashMap<>();
    first.skipped().forEach(s -> skipped.put(s.path(), s.reason()));
    assertEquals(2, skipped.size(), skipped.toString());
    assertEquals("empty file (0 bytes)", skipped.get("red/empty.jpg"));
    assertTrue(skipped.get("broken/half.jpg").startsWith("truncated or corrupt image data"),
        skipped.get("broken/half.jpg"));
    assertFalse(Files.exists(new EmbeddingCache(cache, quiet).partsDir(key(root, spec))),
        "chunk files are removed once the entry is written");

    ImageEmbedding.Result second = ImageEmbedding.load(spec, cache, quiet);
    assertTrue(second.fromCache());
    assertArrayEquals(d.vectors(), second.dataset().vectors());
    assertEquals(first.skipped(), second.skipped());
    assertEquals(List.of("broken"), second.emptyCategories());

    Path csv = second.writeSkippedCsv(tmp);
    assertEquals(first.skipped(), SkippedCsv.read(csv));
    assertTrue(Files.readString(csv).startsWith("path,reason"));

    ImageEmbeddingSpec other = ImageEmbeddingSpec.builder(root, SharedData.FLOAT,
        SharedData.FLOAT_NAME).batchSize(2).build();
    ImageEmbedding.Result third = ImageEmbedding.load(other, cache, quiet);
    assertFalse(third.fromCache(), "another model file is another key");
    assertEquals(4, third.dataset().size());
  }

  @Test
  void aChangedImageOrDamagedEntryIsRecomputed() throws IOException {
    SharedData.assumeModel(SharedData.INT8);
    Path root = folder();
    Path cache = tmp.resolve("cache");
    ImageEmbeddingSpec spec = ImageEmbeddingSpec.builder(root, SharedData.INT8,
        SharedData.INT8_NAME).build();
    ImageEmbedding.load(spec, cache, quiet);
    String key = key(root, spec);
    Path file = new EmbeddingCache(cache, quiet).vectorFile(key);
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 100));
    assertFalse(ImageEmbedding.load(spec, cache, quiet).fromCache(), "truncated entry refused");
    assertTrue(ImageEmbedding.load(spec, cache, quiet).fromCache());

    Files.write(root.resolve("blue").resolve("b2.png"), png(color(0x0000F0)));
    assertNotEquals(key, key(root, spec));
    ImageEmbedding.Result changed = ImageEmbedding.load(spec, cache, quiet);
    assertFalse(changed.fromCache());
    assertEquals(5, changed.dataset().size());
  }

  /** The cache disk filling during embedding cost every image of a set under one chunk. */
  @Test
  void anUnwritableCacheCostsTheCacheNotTheEmbedding() throws IOException {
    SharedData.assumeModel(SharedData.INT8);
    Path root = folder();
    Path cache = tmp.resolve("cache");
    ImageEmbeddingSpec spec = ImageEmbeddingSpec.builder(root, SharedData.INT8,
        SharedData.INT8_NAME).batchSize(2).build();
    EmbeddingCache c = new EmbeddingCache(cache, quiet);
    String key = key(root, spec);
    // what a full disk does to both writes: the chunk folder and the entry cannot be made
    Files.createDirectories(cache);
    Files.writeString(c.partsDir(key), "in the way");
    Files.createDirectories(c.vectorFile(key).resolve("in-the-way"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ImageEmbedding.Result r = ImageEmbedding.load(spec, cache, new PrintStream(log, true));
    assertEquals(4, r.dataset().size());
    assertEquals(1280, r.dataset().dim());
    String text = log.toString();
    assertTrue(text.contains("[embed] warning: cannot keep finished images for a resume"), text);
    assertTrue(text.contains("[embed] warning: cannot write the embedding cache: "
        + c.vectorFile(key)), text);
  }

  /** With no usable file there is no run folder and no skipped.csv: the log must say why. */
  @Test
  void whenNoFileIsUsableEverySkippedFileIsListed() throws IOException {
    Path root = tmp.resolve("nothing");
    Files.createDirectories(root.resolve("cats"));
    Files.createFile(root.resolve("cats/empty.jpg"));
    Files.writeString(root.resolve("cats/notes.jpg"), "not a photo\n");
    ImageEmbeddingSpec spec = ImageEmbeddingSpec.builder(root, tmp.resolve("model.pt"), "m")
        .build();
    for (boolean tree : new boolean[] {false, true}) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      PrintStream ps = new PrintStream(log, true);
      IOException e = assertThrows(IOException.class, () -> {
        if (tree) {
          ImageEmbedding.loadTree(spec, tmp.resolve("cache"), ps);
        } else {
          ImageEmbedding.load(spec, tmp.resolve("cache"), ps);
        }
      });
      assertTrue(e.getMessage().contains("2 files skipped"), e.getMessage());
      String text = log.toString();
      assertTrue(text.contains("[embed] skipped cats/empty.jpg: empty file (0 bytes)"), text);
      assertTrue(text.contains("[embed] skipped cats/notes.jpg: not an image by content"), text);
    }
  }

  @Test
  void aKilledRunResumesFromFinishedChunks() throws IOException {
    SharedData.assumeModel(SharedData.INT8);
    Path root = folder();
    ImageListing listing = ImageFolder.scan(root, ImageFolderOptions.defaults());
    Map<Integer, EmbeddingCache.Entry> kept = new HashMap<>();
    EmbeddingPipeline.ChunkStore memory = new EmbeddingPipeline.ChunkStore() {
      @Override
      public Optional<EmbeddingCache.Entry> load(int chunk) {
        return Optional.ofNullable(kept.get(chunk));
      }

      @Override
      public void save(int chunk, Dataset vectors, List<Skipped> skipped) {
        kept.put(chunk, new EmbeddingCache.Entry(vectors, skipped));
      }
    };
    try (TorchScriptEmbedder e = TorchScriptEmbedder.load(SharedData.INT8, SharedData.INT8_NAME,
        Preprocessing.imagenet())) {
      EmbeddingPipeline pipeline = new EmbeddingPipeline(e, 2, 2, quiet);
      EmbeddingPipeline.Outcome full = pipeline.run(listing, memory);
      assertEquals(3, kept.size(), "5 listed images in chunks of 2");
      assertEquals(0, full.resumed());
      kept.remove(1); // as if killed while the second chunk was being written
      EmbeddingPipeline.Outcome resumed = pipeline.run(listing, memory);
      assertEquals(3, resumed.resumed());
      assertEquals(2, resumed.computed());
      assertArrayEquals(full.items(), resumed.items());
      assertArrayEquals(full.vectors(), resumed.vectors(), 1e-5f);
      assertEquals(full.skipped(), resumed.skipped());
    }
  }

  @Test
  void specRejectsBadSettingsByName() {
    Path p = Path.of("x");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageEmbeddingSpec.builder(p,
        p, " ").build()).getMessage().contains("modelName"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageEmbeddingSpec.builder(p,
        p, "m").batchSize(0).build()).getMessage().contains("batchSize"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageEmbeddingSpec.builder(p,
        p, "m").maxPerCategory(-2).build()).getMessage().contains("maxPerCategory"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageEmbeddingSpec.builder(p,
        p, "m").inputSize(0).build()).getMessage().contains("inputSize"));
  }

  private String key(Path root, ImageEmbeddingSpec spec) throws IOException {
    ImageListing listing = ImageFolder.scan(root, spec.folderOptions());
    return EmbeddingCache.key(listing.fingerprint(), lshbench.io.Sha256.ofFile(spec.modelPath()),
        spec.modelName(), spec.preprocessing().describe());
  }

  /** blue: 2 PNGs; red: 2 JPEGs and an empty file; broken: only a truncated JPEG. */
  private Path folder() throws IOException {
    Path root = tmp.resolve("images");
    Path blue = Files.createDirectories(root.resolve("blue"));
    Path red = Files.createDirectories(root.resolve("red"));
    Path broken = Files.createDirectories(root.resolve("broken"));
    Files.write(blue.resolve("b0.png"), png(color(0x1020E0)));
    Files.write(blue.resolve("b1.png"), png(color(0x2030C0)));
    Files.write(red.resolve("r0.jpg"), jpeg(color(0xE01010)));
    Files.write(red.resolve("r1.jpg"), jpeg(color(0xC02020)));
    Files.write(red.resolve("empty.jpg"), new byte[0]);
    byte[] noisy = jpeg(noise());
    Files.write(broken.resolve("half.jpg"), java.util.Arrays.copyOf(noisy, noisy.length / 2));
    return root;
  }

  private static BufferedImage color(int rgb) {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(rgb);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, (x / 8 + y / 8) % 2 == 0 ? rgb : random.nextInt(0xFFFFFF));
      }
    }
    return image;
  }

  private static BufferedImage noise() {
    BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(3);
    for (int y = 0; y < 256; y++) {
      for (int x = 0; x < 256; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return image;
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", out);
    return out.toByteArray();
  }

}
