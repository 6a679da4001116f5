package lshbench.data.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a scan leaves out is listed with a reason, never dropped silently. */
class ScanReportsTest {
  @TempDir
  Path dir;

  private static void png(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
  }

  private static Map<String, String> reasons(ImageListing listing) {
    return listing.skipped().stream().collect(Collectors.toMap(Skipped::path, Skipped::reason));
  }

  @Test
  void anImageDirectlyUnderTheRootIsListedAsSkipped() throws Exception {
    png(dir.resolve("cats/a.png"));
    png(dir.resolve("stray.png"));
    Files.writeString(dir.resolve("README.txt"), "not an image, not reported\n");
    ImageListing listing = ImageFolder.scan(dir, ImageFolderOptions.defaults());
    assertEquals(1, listing.items().size());
    assertEquals(Map.of("stray.png",
        "directly under dataset.root, outside any category folder (not used)"), reasons(listing));
  }

  @Test
  void aLinkedFolderInAPhotoTreeIsListedAsSkipped() throws Exception {
    png(dir.resolve("photos/2019/a.png"));
    png(dir.resolve("elsewhere/b.png"));
    Files.createSymbolicLink(dir.resolve("photos/linked"), dir.resolve("elsewhere"));
    ImageListing listing = ImageFolder.scanTree(dir.resolve("photos"));
    assertEquals(1, listing.items().size());
    String reason = reasons(listing).get("linked");
    assertTrue(reason != null && reason.startsWith("a link to a folder (not followed"),
        listing.skipped().toString());
  }
}
