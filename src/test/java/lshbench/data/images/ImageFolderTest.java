package lshbench.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a real folder contains: every one is either decoded to RGB or skipped with its reason. */
class ImageFolderTest {
  @TempDir
  Path root;

  @Test
  void brokenFilesAreSkippedWithReasonsAndGoodOnesDecodeToRgb() throws IOException {
    Path cats = Files.createDirectories(root.resolve("cats"));
    Files.write(cats.resolve("a_gray.jpg"), jpeg(grayImage(40, 30, 77)));
    Files.write(cats.resolve("b_cmyk.jpg"), cmykRedJpeg(16, 8));
    Files.write(cats.resolve("c_png_named.jpg"), png(solid(10, 12, 0x3366CC)));
    Files.write(cats.resolve("d_empty.jpg"), new byte[0]);
    Files.writeString(cats.resolve("e_text.jpg"), "hello, not a jpeg\n", StandardCharsets.UTF_8);
    byte[] noisy = jpeg(noise(256, 256));
    Files.write(cats.resolve("f_truncated.jpg"), java.util.Arrays.copyOf(noisy,
        noisy.length * 7 / 10));
    Files.write(cats.resolve("g_no_extension"), jpeg(solid(20, 20, 0x808080)));
    Path dogs = Files.createDirectories(root.resolve("dogs"));
    Files.writeString(dogs.resolve("readme.jpg"), "x");
    Path background = Files.createDirectories(root.resolve(ImageFolderOptions.BACKGROUND));
    Files.write(background.resolve("image_0001.jpg"), jpeg(solid(8, 8, 0)));

    ImageListing listing = ImageFolder.scan(root, ImageFolderOptions.defaults());

    assertEquals(List.of("cats"), listing.categories());
    assertEquals(List.of("dogs"), listing.emptyCategories());
    assertEquals(List.of("cats/a_gray.jpg", "cats/b_cmyk.jpg", "cats/c_png_named.jpg",
        "cats/f_truncated.jpg", "cats/g_no_extension"),
        listing.items().stream().map(ImageItem::relative).toList());
    assertEquals(ImageFormat.PNG, listing.items().get(2).format());
    Map<String, String> skipped = reasons(listing.skipped());
    assertEquals(List.of("cats/d_empty.jpg", "cats/e_text.jpg", "dogs/readme.jpg"),
        List.copyOf(skipped.keySet()));
    assertEquals("empty file (0 bytes)", skipped.get("cats/d_empty.jpg"));
    assertTrue(skipped.get("cats/e_text.jpg").startsWith("not an image by content (starts with "
        + "68656C6C"), skipped.get("cats/e_text.jpg"));

    RgbImage gray = ImageFolder.decode(cats.resolve("a_gray.jpg"));
    assertEquals(40, gray.width());
    assertEquals(30, gray.height());
    int g = gray.rgb(5, 5);
    assertEquals(g >> 16 & 0xFF, g & 0xFF, "grey replicated to all three channels");
    assertEquals(g >> 8 & 0xFF, g & 0xFF);
    assertTrue(Math.abs((g & 0xFF) - 77) <= 2, "grey level kept, no gamma shift: " + (g & 0xFF));

    RgbImage cmyk = ImageFolder.decode(cats.resolve("b_cmyk.jpg"));
    int red = cmyk.rgb(3, 3);
    assertTrue((red >> 16 & 0xFF) > 200 && (red >> 8 & 0xFF) < 60 && (red & 0xFF) < 60,
        "CMYK 0/100/100/0 is red, got " + Integer.toHexString(red));

    RgbImage png = ImageFolder.decode(cats.resolve("c_png_named.jpg"));
    assertEquals(0x3366CC, png.rgb(9, 11));
    assertEquals(3 * 10 * 12, png.pixels().length);

    ImageDecodeException truncated = assertThrows(ImageDecodeException.class,
        () -> ImageFolder.decode(cats.resolve("f_truncated.jpg")));
    assertTrue(truncated.getMessage().startsWith("truncated or corrupt image data"),
        truncated.getMessage());

    assertEquals(20, ImageFolder.decode(cats.resolve("g_no_extension")).width());
  }

  @Test
  void backgroundIsUsedOnlyWhenTheDefaultExclusionIsReplaced() throws IOException {
    for (String c : List.of("b", ImageFolderOptions.BACKGROUND, "a")) {
      Files.write(Files.createDirectories(root.resolve(c)).resolve("x.png"), png(solid(2, 2, 1)));
    }
    assertEquals(List.of("a", "b"), ImageFolder.scan(root, ImageFolderOptions.defaults())
        .categories());
    ImageListing all = ImageFolder.scan(root, ImageFolderOptions.builder().exclude(List.of())
        .build());
    assertEquals(List.of(ImageFolderOptions.BACKGROUND, "a", "b"), all.categories());
    ImageListing onlyB = ImageFolder.scan(root, ImageFolderOptions.builder()
        .include(List.of("b")).build());
    assertEquals(List.of("b"), onlyB.categories());
    assertEquals(0, onlyB.items().get(0).label());
  }

  @Test
  void cappingChoosesASeededSortedSubset() throws IOException {
    Path c = Files.createDirectories(root.resolve("c"));
    byte[] image = png(solid(2, 2, 5));
    for (int i = 0; i < 30; i++) {
      Files.write(c.resolve(String.format(java.util.Locale.ROOT, "img_%02d.png", i)), image);
    }
    List<String> first = capped(7, 42);
    assertEquals(7, first.size());
    assertEquals(first, capped(7, 42), "same seed, same subset");
    assertEquals(first.stream().sorted().toList(), first, "subset kept in file order");
    assertNotEquals(first, capped(7, 43), "another seed, another subset");
    assertEquals(30, capped(0, 42).size());
    String before = ImageFolder.scan(root, opts(7, 42)).fingerprint();
    Files.write(c.resolve("img_99.png"), image);
    assertNotEquals(before, ImageFolder.scan(root, opts(0, 42)).fingerprint());
  }

  @Test
  void optionsRejectBadArgumentsByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageFolderOptions.builder().maxPerCategory(-1).build());
    assertTrue(e.getMessage().contains("maxPerCategory"));
    e = assertThrows(IllegalArgumentException.class,
        () -> ImageFolderOptions.builder().include(List.of("a/b")).build());
    assertTrue(e.getMessage().contains("include"));
  }

  @Test
  void magicBytesDecideTheFormat() {
    assertEquals(ImageFormat.JPEG, sniff(0xFF, 0xD8, 0xFF, 0xE0));
    assertEquals(ImageFormat.PNG, sniff(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A));
    assertEquals(ImageFormat.GIF, sniff('G', 'I', 'F', '8', '9', 'a'));
    assertEquals(ImageFormat.BMP, sniff('B', 'M', 0, 0));
    assertEquals(null, sniff(0xFF, 0xD8));
    assertEquals(null, sniff('<', 'h', 't', 'm', 'l'));
  }

  private List<String> capped(int max, long seed) throws IOException {
    return ImageFolder.scan(root, opts(max, seed)).items().stream().map(ImageItem::relative)
        .toList();
  }

  private static ImageFolderOptions opts(int max, long seed) {
    return ImageFolderOptions.builder().maxPerCategory(max).seed(seed).build();
  }

  private static ImageFormat sniff(int... bytes) {
    byte[] b = new byte[ImageFormat.HEADER_BYTES];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return ImageFormat.sniff(b, bytes.length);
  }

  private static Map<String, String> reasons(List<Skipped> skipped) {
    return skipped.stream().collect(Collectors.toMap(Skipped::path, Skipped::reason, (a, b) -> a,
        TreeMap::new));
  }

  static BufferedImage solid(int w, int h, int rgb) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }

  static BufferedImage grayImage(int w, int h, int level) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster r = image.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        r.setSample(x, y, 0, level);
      }
    }
    return image;
  }

  static BufferedImage noise(int w, int h) {
    Random random = new Random(1);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return image;
  }

  static byte[] jpeg(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, "jpeg", out));
    return out.toByteArray();
  }

  static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, "png", out));
    return out.toByteArray();
  }

  /** A real Adobe CMYK JPEG (as print workflows produce), written by the TwelveMonkeys writer. */
  static byte[] cmykRedJpeg(int w, int h) throws IOException {
    ColorSpace cmyk = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
    ColorModel cm = new ComponentColorModel(cmyk, false, false, Transparency.OPAQUE,
        DataBuffer.TYPE_BYTE);
    WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.setPixel(x, y, new int[] {0, 255, 255, 0});
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(new BufferedImage(cm, raster, false, null));
    } finally {
      writer.dispose();
    }
    byte[] b = bytes.toByteArray();
    assertArrayEquals("Adobe".getBytes(StandardCharsets.US_ASCII),
        java.util.Arrays.copyOfRange(b, 6, 11), "APP14 Adobe marker present");
    return b;
  }
}
