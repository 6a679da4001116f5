package lshbench.data.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recursive scan a photo library needs: any depth, by content, broken files listed. */
class ImageTreeScanTest {
  @TempDir
  Path tmp;

  @Test
  void findsImagesAtAnyDepthByContentAndListsTheRest() throws IOException {
    BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
    Files.createDirectories(tmp.resolve("a/b/c"));
    ImageIO.write(img, "png", tmp.resolve("top.png").toFile());
    ImageIO.write(img, "jpeg", tmp.resolve("a/b/c/deep-jpeg-named.png").toFile());
    ImageIO.write(img, "png", tmp.resolve("a/no-extension").toFile());
    Files.createFile(tmp.resolve("a/empty.jpg"));
    Files.writeString(tmp.resolve("a/b/readme.jpg"), "hello");

    ImageListing listing = ImageFolder.scanTree(tmp);
    assertEquals(List.of("a/b/c/deep-jpeg-named.png", "a/no-extension", "top.png"),
        listing.items().stream().map(ImageItem::relative).toList());
    assertEquals(List.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.PNG),
        listing.items().stream().map(ImageItem::format).toList());
    assertEquals(List.of(ImageFolder.TREE_CATEGORY), listing.categories());
    assertEquals(List.of("a/b/readme.jpg", "a/empty.jpg"),
        listing.skipped().stream().map(Skipped::path).toList());
    assertEquals("empty file (0 bytes)", listing.skipped().get(1).reason());
    assertThrows(IOException.class, () -> ImageFolder.scanTree(tmp.resolve("missing")));
  }
}
