package lshbench.data.images;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image-classification tree laid out as Caltech101 is: one sub-folder per category,
 * image files inside. Files are recognised by content, never by name, and anything that cannot
 * be used is skipped with a reason instead of stopping the run.
 *
 * <p>Scanning only lists and sniffs headers; decoding is a separate step ({@link #decode}) so a
 * pipeline can decode on its own thread and never holds all pixels of a large set at once.
 */
public final class ImageFolder {
  /** Largest image decoded (a 100-megapixel photo is 300 MB as RGB). */
  static final long MAX_PIXELS = 100_000_000L;

  static {
    // Plug-ins on the class path (TwelveMonkeys' JPEG reader, which handles CMYK and YCCK)
    // register themselves only on a scan; a web container or exec:java loader may have missed it.
    ImageIO.scanForPlugins();
    ImageIO.setUseCache(false);
  }

  private ImageFolder() {}

  /** Lists the images below {@code root} that {@code options} accepts. */
  public static ImageListing scan(Path root, ImageFolderOptions options) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("image folder not found: " + root);
    }
    List<Path> folders;
    try (Stream<Path> s = Files.list(root)) {
      folders = s.filter(Files::isDirectory)
          .filter(p -> options.accepts(p.getFileName().toString()))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
    List<String> categories = new ArrayList<>();
    List<ImageItem> items = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    for (Path file : sortedChildren(root)) {
      // an image beside the category folders belongs to none: said, not silently dropped
      if (!Files.isDirectory(file) && sniff(file, file.getFileName().toString(), -1,
          new ArrayList<>()) != null) {
        skipped.add(new Skipped(file.getFileName().toString(),
            "directly under dataset.root, outside any category folder (not used)"));
      }
    }
    for (Path folder : folders) {
      String category = folder.getFileName().toString();
      List<ImageItem> found = new ArrayList<>();
      for (Path file : sortedChildren(folder)) {
        String relative = category + "/" + file.getFileName();
        if (Files.isDirectory(file)) {
          skipped.add(new Skipped(relative, "a folder inside a category (not scanned)"));
          continue;
        }
        ImageItem item = sniff(file, relative, -1, skipped);
        if (item != null) {
          found.add(item);
        }
      }
      if (found.isEmpty()) {
        empty.add(category);
        continue;
      }
      found = cap(found, options, category);
      int label = categories.size();
      categories.add(category);
      for (ImageItem item : found) {
        items.add(new ImageItem(item.file(), item.relative(), label, item.size(),
            item.modifiedMillis(), item.format()));
      }
    }
    return new ImageListing(root, categories, items, skipped, empty);
  }

  /** The single category name of a {@link #scanTree} listing. */
  public static final String TREE_CATEGORY = ".";

  /**
   * Lists every image anywhere below {@code root}, at any depth, for applications that have no
   * categories (a photo library). Same content sniffing and skip reasons as {@link #scan};
   * files are in sorted relative-path order, all with label 0 of the one category
   * {@link #TREE_CATEGORY}. Symbolic links are not followed, so a link loop cannot hang it.
   */
  public static ImageListing scanTree(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("image folder not found: " + root);
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> !p.equals(root)
              && !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .sorted((a, b) -> relative(root, a).compareTo(relative(root, b)))
          .toList();
    }
    List<ImageItem> items = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Path file : files) {
      if (Files.isSymbolicLink(file) && Files.isDirectory(file)) {
        skipped.add(new Skipped(relative(root, file),
            "a link to a folder (not followed, so a link loop cannot hang the scan)"));
        continue;
      }
      ImageItem item = sniff(file, relative(root, file), 0, skipped);
      if (item != null) {
        items.add(item);
      }
    }
    return new ImageListing(root, items.isEmpty() ? List.of() : List.of(TREE_CATEGORY), items,
        skipped, List.of());
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /**
   * The file as an image item when its first bytes say it is one; otherwise adds the reason to
   * {@code skipped} and returns null.
   */
  private static ImageItem sniff(Path file, String relative, int label, List<Skipped> skipped)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      skipped.add(new Skipped(relative, "not a regular file"));
      return null;
    }
    long size = Files.size(file);
    if (size == 0) {
      skipped.add(new Skipped(relative, "empty file (0 bytes)"));
      return null;
    }
    byte[] head = new byte[ImageFormat.HEADER_BYTES];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      skipped.add(new Skipped(relative, "cannot read: " + oneLine(String.valueOf(e.getMessage()))));
      return null;
    }
    ImageFormat format = ImageFormat.sniff(head, n);
    if (format == null) {
      skipped.add(new Skipped(relative, "not an image by content (starts with "
          + hex(head, n) + ")"));
      return null;
    }
    return new ImageItem(file, relative, label, size, Files.getLastModifiedTime(file).toMillis(),
        format);
  }

  /**
   * A decoded image and the size it is displayed at: the file's full width and height after
   * its EXIF orientation, whatever the reduction {@link #decodeAtLeast} decoded it at.
   */
  public record Decoded(RgbImage image, int width, int height) {}

  /**
   * Decodes one file to 8-bit RGB at full size, turned upright by its EXIF orientation.
   * Grayscale is replicated to three channels (as PIL's {@code convert("RGB")} does, rather
   * than Java2D's gamma-converting draw); CMYK/YCCK JPEGs are converted by the TwelveMonkeys
   * reader; alpha is dropped.
   *
   * @throws ImageDecodeException with a one-line reason when the file cannot be used, including
   *     a JPEG that ends early (the JDK reader would otherwise return it half grey), or one over
   *     the {@link #MAX_PIXELS} limit
   */
  public static RgbImage decode(Path file) throws ImageDecodeException {
    return decodeAtLeast(file, 0).image();
  }

  /**
   * As {@link #decode}, but reading only every s-th pixel of every s-th row, with s the largest
   * step that keeps the shorter side at least {@code minShorterSide} (0 = full size): a
   * 100-megapixel photo embedded at 224 × 224 is decoded to about 512 × 512, so memory follows
   * what the consumer needs, not the file. The limit applies to the decoded pixels.
   */
  public static Decoded decodeAtLeast(Path file, int minShorterSide) throws ImageDecodeException {
    return decodeStep(file, minShorterSide, 0);
  }

  /**
   * As {@link #decode}, reading every {@code step}-th pixel of every step-th row (1 = full
   * size): for comparing two files at one scale, where the step follows from the other file.
   */
  public static Decoded decodeEvery(Path file, int step) throws ImageDecodeException {
    if (step < 1) {
      throw new IllegalArgumentException("step must be at least 1, got " + step);
    }
    return decodeStep(file, 0, step);
  }

  private static Decoded decodeStep(Path file, int minShorterSide, int fixedStep)
      throws ImageDecodeException {
    BufferedImage image;
    int width;
    int height;
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new ImageDecodeException("cannot open for reading");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ImageDecodeException("no image reader recognises the content");
      }
      ImageReader reader = readers.next();
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener(new Warnings(warnings));
      try {
        reader.setInput(in, true, true);
        width = reader.getWidth(0);
        height = reader.getHeight(0);
        int step = fixedStep > 0 ? fixedStep
            : minShorterSide > 0 ? Math.max(1, Math.min(width, height) / minShorterSide) : 1;
        long pixels = (long) ((width + step - 1) / step) * ((height + step - 1) / step);
        if (pixels > MAX_PIXELS) {
          // A damaged header can claim any size; decoding it would exhaust the heap.
          throw new ImageDecodeException("image claims " + width + "×" + height
              + " pixels, over the " + MAX_PIXELS / 1_000_000 + " MP limit");
        }
        ImageReadParam param = reader.getDefaultReadParam();
        if (step > 1) {
          param.setSourceSubsampling(step, step, 0, 0);
        }
        image = reader.read(0, param);
      } finally {
        reader.dispose();
      }
      for (String w : warnings) {
        String lower = w.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("premature end") || lower.contains("truncat")
            || lower.contains("corrupt")) {
          throw new ImageDecodeException("truncated or corrupt image data: " + w);
        }
      }
    } catch (ImageDecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ImageDecodeException("unreadable: " + oneLine(msg), e);
    }
    if (image == null) {
      throw new ImageDecodeException("reader returned no image");
    }
    int orientation = ExifOrientation.read(file);
    boolean swap = ExifOrientation.swapsSides(orientation);
    return new Decoded(ExifOrientation.apply(toRgb(image), orientation), swap ? height : width,
        swap ? width : height);
  }

  /** Converts any decoded image to RGB bytes; see {@link #decode} for the channel rules. */
  public static RgbImage toRgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[3 * w * h];
    Raster raster = image.getRaster();
    boolean gray = raster.getNumBands() == 1 && image.getColorModel().getColorSpace().getType()
        == java.awt.color.ColorSpace.TYPE_GRAY;
    if (gray) {
      int bits = image.getColorModel().getComponentSize(0);
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, row);
        for (int x = 0, i = 3 * y * w; x < w; x++, i += 3) {
          int v = bits > 8 ? row[x] >>> (bits - 8) : bits < 8 ? row[x] * 255 / ((1 << bits) - 1)
              : row[x];
          byte b = (byte) v;
          out[i] = b;
          out[i + 1] = b;
          out[i + 2] = b;
        }
      }
    } else {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0, i = 3 * y * w; x < w; x++, i += 3) {
          int p = row[x];
          out[i] = (byte) (p >>> 16);
          out[i + 1] = (byte) (p >>> 8);
          out[i + 2] = (byte) p;
        }
      }
    }
    return new RgbImage(w, h, out);
  }

  private static List<ImageItem> cap(List<ImageItem> found, ImageFolderOptions options,
      String category) {
    int max = options.maxPerCategory();
    if (max == 0 || found.size() <= max) {
      return found;
    }
    int[] order = new int[found.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L
        ^ category.hashCode());
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] chosen = java.util.Arrays.copyOf(order, max);
    java.util.Arrays.sort(chosen);
    List<ImageItem> out = new ArrayList<>(max);
    for (int i : chosen) {
      out.add(found.get(i));
    }
    return out;
  }

  private static List<Path> sortedChildren(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
  }

  private static String hex(byte[] b, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(n, 4); i++) {
      sb.append(String.format(java.util.Locale.ROOT, "%02X", b[i] & 0xFF));
    }
    return sb.toString();
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ').strip();
  }

  /** Keeps reader warnings, which is how the JDK JPEG reader reports a truncated file. */
  private static final class Warnings implements IIOReadWarningListener {
    private final List<String> sink;

    Warnings(List<String> sink) {
      this.sink = sink;
    }

    @Override
    public void warningOccurred(ImageReader source, String warning) {
      sink.add(warning);
    }
  }
}
