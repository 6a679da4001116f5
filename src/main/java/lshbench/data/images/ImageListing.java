package lshbench.data.images;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The outcome of scanning an image folder: the images to decode, in a fixed order, and what was
 * left out before decoding.
 *
 * @param root the scanned folder
 * @param categories names of the used categories that kept at least one image, sorted; labels
 *     index this list
 * @param items images in category order, files sorted by name within a category
 * @param skipped files that are not images by content (or empty), in scan order
 * @param emptyCategories accepted category folders with no usable image file
 */
public record ImageListing(Path root, List<String> categories, List<ImageItem> items,
    List<Skipped> skipped, List<String> emptyCategories) {
  public ImageListing {
    categories = List.copyOf(categories);
    items = List.copyOf(items);
    skipped = List.copyOf(skipped);
    emptyCategories = List.copyOf(emptyCategories);
  }

  /**
   * SHA-256 (hex) over every item's relative path, label, size and modification time: what an
   * embedding cache must be keyed by so that an added, removed, replaced or relabelled image
   * never reuses stale vectors. The root's own location is left out so a moved copy still hits.
   */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String c : categories) {
        sha.update(("C\t" + c + "\n").getBytes(StandardCharsets.UTF_8));
      }
      for (ImageItem item : items) {
        sha.update(("I\t" + item.relative() + "\t" + item.label() + "\t" + item.size() + "\t"
            + item.modifiedMillis() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JVM", e);
    }
  }
}
