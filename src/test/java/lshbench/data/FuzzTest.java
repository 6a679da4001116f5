package lshbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import lshbench.data.images.ImageDecodeException;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.ImageFolderOptions;
import lshbench.data.images.ImageListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input: hundreds of mutated JPEG/PNG files and mutated vector-cache files. Every file
 * must end as decoded, or refused with a one-line reason; nothing may throw anything else or
 * hang (the whole batch runs under a generous preemptive limit). The tally goes to
 * target/fuzz-report.txt.
 */
class FuzzTest {
  private static final int IMAGE_MUTANTS = 300;
  private static final int CACHE_MUTANTS = 200;

  @TempDir
  Path dir;

  @Test
  void mutatedImagesAreDecodedOrRefusedWithAReason() throws Exception {
    byte[] jpeg = encode("jpg");
    byte[] png = encode("png");
    SplittableRandom rng = new SplittableRandom(2024);
    Path cat = Files.createDirectories(dir.resolve("root").resolve("mutants"));
    for (int i = 0; i < IMAGE_MUTANTS; i++) {
      byte[] base = i % 2 == 0 ? jpeg : png;
      Files.write(cat.resolve(String.format(Locale.ROOT, "m%03d.jpg", i)), mutate(base, rng));
    }
    long[] worst = new long[1];
    int[] tally = new int[3]; // decoded, refused by the scan, refused by the decoder
    List<String> reasons = new ArrayList<>();
    assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
      ImageListing listing = ImageFolder.scan(dir.resolve("root"), ImageFolderOptions.defaults());
      tally[1] = listing.skipped().size();
      listing.skipped().forEach(s -> reasons.add(s.reason()));
      for (var item : listing.items()) {
        long t0 = System.nanoTime();
        try {
          ImageFolder.decode(item.file());
          tally[0]++;
        } catch (ImageDecodeException e) {
          tally[2]++;
          assertTrue(!e.getMessage().isBlank() && !e.getMessage().contains("\n"), e.getMessage());
          reasons.add(e.getMessage());
        }
        worst[0] = Math.max(worst[0], System.nanoTime() - t0);
      }
    });
    assertEquals(IMAGE_MUTANTS, tally[0] + tally[1] + tally[2], "every file accounted for");
    assertTrue(tally[1] + tally[2] > 0, "some mutants must be refused");
    report(String.format(Locale.ROOT, "images: %d mutants, %d decoded, %d refused by the scan, %d "
        + "refused by the decoder, slowest file %.1f ms; e.g. %s%n", IMAGE_MUTANTS, tally[0],
        tally[1], tally[2], worst[0] / 1e6, reasons.stream().distinct().limit(3).toList()));
  }

  @Test
  void mutatedCacheFilesAreRefusedNeverMisread() throws Exception {
    SplittableRandom rng = new SplittableRandom(7);
    float[] v = new float[40 * 16];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    int[] labels = new int[40];
    String[] ids = new String[40];
    for (int i = 0; i < 40; i++) {
      labels[i] = i % 3;
      ids[i] = "img" + i;
    }
    Dataset original = new Dataset(v, 16, labels, new String[] {"a", "b", "c"}, ids,
        new Provenance("embedding", "test model", "fuzz", false));
    Path good = dir.resolve("good.lshv");
    VectorFile.write(original, good);
    byte[] bytes = Files.readAllBytes(good);
    int refused = 0;
    int intact = 0;
    int changedButRead = 0;
    for (int i = 0; i < CACHE_MUTANTS; i++) {
      Path f = dir.resolve("m" + i + ".lshv");
      Files.write(f, mutate(bytes, rng));
      try {
        Dataset d = VectorFile.read(f);
        if (d.fingerprint() == original.fingerprint()) {
          intact++;
        } else {
          changedButRead++; // a flipped float or id inside the payload: a valid file, other data
        }
      } catch (IOException e) {
        refused++;
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
      }
    }
    assertEquals(CACHE_MUTANTS, refused + intact + changedButRead);
    assertTrue(refused > CACHE_MUTANTS / 2, "truncations and header damage must be refused");
    report(String.format(Locale.ROOT, "cache files: %d mutants, %d refused, %d read back with "
        + "altered payload bytes, %d unchanged%n", CACHE_MUTANTS, refused, changedButRead, intact));
  }

  private static byte[] encode(String format) throws IOException {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x ^ y) & 0xff));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, format, out);
    return out.toByteArray();
  }

  /** One of: flip bytes, truncate, insert junk, zero a block, duplicate a slice. */
  static byte[] mutate(byte[] base, SplittableRandom rng) {
    byte[] b = base.clone();
    switch (rng.nextInt(5)) {
      case 0:
        for (int n = 1 + rng.nextInt(20); n > 0; n--) {
          b[rng.nextInt(b.length)] ^= (byte) (1 + rng.nextInt(255));
        }
        return b;
      case 1:
        return Arrays.copyOf(b, rng.nextInt(b.length));
      case 2: {
        int at = rng.nextInt(b.length);
        byte[] junk = new byte[1 + rng.nextInt(64)];
        rng.nextBytes(junk);
        byte[] out = new byte[b.length + junk.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(b, at, out, at + junk.length, b.length - at);
        return out;
      }
      case 3: {
        int at = rng.nextInt(b.length);
        Arrays.fill(b, at, Math.min(b.length, at + 1 + rng.nextInt(256)), (byte) 0);
        return b;
      }
      default: {
        int at = rng.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + rng.nextInt(128));
        byte[] out = Arrays.copyOf(b, b.length + len);
        System.arraycopy(b, at, out, b.length, len);
        return out;
      }
    }
  }

  private static synchronized void report(String line) throws IOException {
    Path f = Path.of("target", "fuzz-report.txt");
    Files.createDirectories(f.getParent());
    Files.writeString(f, line, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }
}
