package lshbench.features;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import lshbench.data.images.ImageFolder;
import lshbench.io.AtomicFiles;
import lshbench.io.Sha256;

/**
 * Keypoints kept on disk, one small file per image, so that a second run over a folder only
 * extracts what changed. Keyed by the extractor's settings and the file's absolute path, size
 * and modification time; the entry repeats its key and ends with the SHA-256 of everything
 * before it, so a torn, damaged or foreign file reads as a miss (one line naming it), never as
 * someone else's keypoints.
 */
public final class FeatureCache {
  private static final String VERSION = "lshbench-keypoints v2";

  private final Path dir;
  private final String extractor;
  private final PrintStream log;

  /**
   * @param dir the cache folder (entries go under {@code keypoints/})
   * @param extractor {@link OrbExtractor#describe()}: entries of other settings never match
   */
  public FeatureCache(Path dir, String extractor, PrintStream log) {
    this.dir = dir.resolve("keypoints");
    this.extractor = extractor;
    this.log = log;
  }

  /** The key of one image file as it is now. */
  public String key(Path image) throws IOException {
    BasicFileAttributes a = Files.readAttributes(image, BasicFileAttributes.class);
    return Sha256.ofText(VERSION + "\n" + extractor + "\n"
        + image.toAbsolutePath().normalize() + "\n" + a.size() + "\n"
        + a.lastModifiedTime().toMillis() + "\n").substring(0, 32);
  }

  /** An image's keypoints and whether they were extracted now (false: read from the cache). */
  public record Loaded(LocalFeatures features, boolean extracted) {}

  /**
   * The cached keypoints of {@code file}, or extracted with {@code extractor} and cached: what
   * the second stage does for each image, in this process or in a Spark task. A file that does
   * not decode throws {@link lshbench.data.images.ImageDecodeException}.
   */
  public Loaded readOrExtract(Path file, OrbExtractor extractor)
      throws IOException {
    String key = key(file);
    Optional<LocalFeatures> hit = read(key);
    if (hit.isPresent()) {
      return new Loaded(hit.get(), false);
    }
    LocalFeatures f = extractor.extract(ImageFolder.decode(file));
    write(key, f);
    return new Loaded(f, true);
  }

  public Path entry(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key + ".kp");
  }

  public Optional<LocalFeatures> read(String key) {
    Path file = entry(key);
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      log.println("[keypoints] " + file + ": unreadable (" + e.getMessage() + "); extracting "
          + "again");
      return Optional.empty();
    }
    if (all.length < 32 || !Arrays.equals(sha(all, all.length - 32),
        Arrays.copyOfRange(all, all.length - 32, all.length))) {
      log.println("[keypoints] " + file + ": checksum does not match (torn or damaged); "
          + "extracting again");
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0,
        all.length - 32))) {
      String k = in.readUTF();
      if (!k.equals(key)) {
        log.println("[keypoints] " + file + ": holds key " + k + ", not " + key
            + "; extracting again");
        return Optional.empty();
      }
      int w = in.readInt();
      int h = in.readInt();
      float[] xy = floats(in);
      long[] bits = longs(in);
      float[] mxy = floats(in);
      long[] mbits = longs(in);
      return Optional.of(new LocalFeatures(w, h, xy, bits, mxy, mbits));
    } catch (IOException | IllegalArgumentException e) {
      log.println("[keypoints] " + file + ": malformed (" + e.getMessage() + "); extracting "
          + "again");
      return Optional.empty();
    }
  }

  public void write(String key, LocalFeatures f) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + f.bits().length * 8
        + f.xy().length * 4 + f.mirrorBits().length * 8 + f.mirrorXy().length * 4);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(key);
      out.writeInt(f.width());
      out.writeInt(f.height());
      writeFloats(out, f.xy());
      writeLongs(out, f.bits());
      writeFloats(out, f.mirrorXy());
      writeLongs(out, f.mirrorBits());
    }
    byte[] body = bytes.toByteArray();
    byte[] sum = sha(body, body.length);
    AtomicFiles.write(entry(key), tmp -> {
      byte[] all = Arrays.copyOf(body, body.length + sum.length);
      System.arraycopy(sum, 0, all, body.length, sum.length);
      Files.write(tmp, all);
    });
  }

  private static byte[] sha(byte[] data, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, 0, length);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static float[] floats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 24) {
      throw new IOException("count " + n);
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.readFloat();
    }
    return out;
  }

  private static long[] longs(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 24) {
      throw new IOException("count " + n);
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.readLong();
    }
    return out;
  }

  private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
    out.writeInt(v.length);
    for (float x : v) {
      out.writeFloat(x);
    }
  }

  private static void writeLongs(DataOutputStream out, long[] v) throws IOException {
    out.writeInt(v.length);
    for (long x : v) {
      out.writeLong(x);
    }
  }
}
