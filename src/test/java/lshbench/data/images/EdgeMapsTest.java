package lshbench.data.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Awkward real files from ../shared: 1-channel JPEGs and a JPEG called {@code tmp}. */
class EdgeMapsTest {
  static final Path EDGE_MAPS = Path.of("..", "shared", "datasets", "caltech101", "edge-maps");

  @Test
  void everyEdgeMapIncludingTheExtensionlessOneDecodesToRgb() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(EDGE_MAPS),
        "../shared/datasets/caltech101/edge-maps is absent; skipping the real-file check");
    ImageListing listing = ImageFolder.scan(EDGE_MAPS,
        ImageFolderOptions.builder().exclude(List.of()).build());
    assertEquals(List.of("BACKGROUND_Google", "accordion", "airplanes", "anchor", "ant"),
        listing.categories());
    assertEquals(List.of(), listing.skipped());
    assertEquals(51, listing.items().size());
    assertTrue(listing.items().stream().anyMatch(i -> i.relative().equals("BACKGROUND_Google/tmp")
        && i.format() == ImageFormat.JPEG), "the extensionless JPEG is listed");
    int oneChannel = 0;
    for (ImageItem item : listing.items()) {
      if (ImageIO.read(item.file().toFile()).getRaster().getNumBands() == 1) {
        oneChannel++;
      }
      RgbImage rgb = ImageFolder.decode(item.file());
      assertEquals(3L * rgb.width() * rgb.height(), rgb.pixels().length, item.relative());
    }
    assertTrue(oneChannel > 0, "the set holds 1-channel JPEGs");
    assertEquals(40, ImageFolder.scan(EDGE_MAPS, ImageFolderOptions.defaults()).items().size(),
        "BACKGROUND_Google excluded by default");
  }
}
