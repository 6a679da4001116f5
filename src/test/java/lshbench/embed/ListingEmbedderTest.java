package lshbench.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import lshbench.data.Dataset;
import lshbench.data.images.Skipped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another engine's embedding goes through the same listing, key and cache entry as the local
 * engine's: what it computed is read back by a plain (local) load as a cache hit, in listing
 * order, with its skipped files after the scan's. No libtorch: a hit never loads it, and the
 * engine here is a stand-in that writes each image's listing index into its vector.
 */
class ListingEmbedderTest {
  @TempDir
  Path tmp;

  private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

  @Test
  void anotherEnginesEmbeddingIsTheLocalEnginesCacheEntry() throws IOException {
    Path root = tmp.resolve("images");
    for (String f : List.of("a/0.png", "a/1.png", "b/2.png", "b/3.png")) {
      Path p = Files.createDirectories(root.resolve(f).getParent()).resolve(f.substring(2));
      ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", p.toFile());
    }
    Files.write(root.resolve("b/empty.png"), new byte[0]);
    Path model = Files.writeString(tmp.resolve("model.pt"), "stands in for a TorchScript file");
    ImageEmbeddingSpec spec = ImageEmbeddingSpec.builder(root, model, "stand-in").build();
    List<Integer> calls = new ArrayList<>();
    ListingEmbedder engine = (listing, s, sha, chunks, log) -> {
      calls.add(listing.items().size());
      // 1/2/3 embedded with their index as the vector; 0 fails to decode on this engine
      float[] v = {1, 1, 2, 2, 3, 3};
      return new ListingEmbedder.Computed(new EmbeddingPipeline.Outcome(v, 2, new int[] {1, 2, 3},
          List.of(new Skipped("a/0.png", "cannot decode")), 0, 4, 1.0), "stand-in, 2-d");
    };
    Path cache = tmp.resolve("cache");

    ImageEmbedding.Result other = ImageEmbedding.load(spec, cache, quiet, engine);
    assertFalse(other.fromCache());
    assertEquals(List.of(4), calls, "the engine sees the core's listing, empty file left out");
    assertEquals(List.of(new Skipped("b/empty.png", other.skipped().get(0).reason()),
        new Skipped("a/0.png", "cannot decode")), other.skipped());
    Dataset d = other.dataset();
    assertEquals(List.of("a/1.png", "b/2.png", "b/3.png"), List.of(d.id(0), d.id(1), d.id(2)));
    assertEquals(List.of("a", "b", "b"), List.of(d.labelName(d.label(0)),
        d.labelName(d.label(1)), d.labelName(d.label(2))));
    assertEquals("stand-in, 2-d", d.provenance().model());

    ImageEmbedding.Result local = ImageEmbedding.load(spec, cache, quiet);
    assertTrue(local.fromCache(), "the local engine reuses the other engine's entry");
    assertEquals(other.cacheKey(), local.cacheKey());
    assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3}, local.dataset().vectors());
    assertEquals(other.skipped(), local.skipped());
    ImageEmbedding.load(spec, cache, quiet, engine);
    assertEquals(1, calls.size(), "nor does the other engine compute a hit again");
  }
}
