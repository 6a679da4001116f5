package lshbench.spark;

import java.io.Serializable;
import java.nio.file.Path;
import lshbench.data.images.ImageFormat;
import lshbench.data.images.ImageItem;

/**
 * One listed image as a task carries it ({@link ImageItem} holds a {@link Path}, which does not
 * serialise): the listing index it came from and what the core's decoder needs.
 */
record ImageTask(int index, String file, String relative, int label, long size,
    long modifiedMillis, ImageFormat format) implements Serializable {
  private static final long serialVersionUID = 1L;

  static ImageTask of(int index, ImageItem item) {
    // absolute: an executor's working directory is not the driver's
    return new ImageTask(index, item.file().toAbsolutePath().toString(), item.relative(),
        item.label(), item.size(), item.modifiedMillis(), item.format());
  }

  ImageItem item() {
    return new ImageItem(Path.of(file), relative, label, size, modifiedMillis, format);
  }
}
