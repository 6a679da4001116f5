package lshbench.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lshbench.io.AtomicFiles;
import java.nio.file.StandardOpenOption;

/**
 * lshbench's own vector file: a small header, labels, ids, provenance, then the floats, all
 * little-endian, closed by a footer so that a truncated (killed) write is detected, never read
 * as valid.
 *
 * <pre>
 * "LSHBVEC1"            8 bytes magic
 * int32 version (2, or 3 when tagged)
 * string tag            (version 3 only)
 * int32 n, int32 d, int32 labelled (0/1)
 * string source, string model, string detail, int32 synthetic (0/1)
 * int32 labelCount, labelCount × string
 * n × int32 label        (only when labelled)
 * n × string id
 * n·d × float32
 * "LSHBEND1"            8 bytes footer, then int64 CRC32C of every byte before the footer
 * string = int32 byte length + UTF-8 bytes
 * </pre>
 *
 * <p>The tag is the writer's own record of what the vectors are (a cache stores its key
 * there), under the same checksum. Untagged files stay version 2, so datasets written for
 * users read with any lshbench since the checksum was added.
 */
public final class VectorFile {
  private static final byte[] MAGIC = "LSHBVEC1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FOOTER = "LSHBEND1".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 2;
  private static final int TAGGED = 3;
  /** Conventional extension. */
  public static final String EXTENSION = ".lshv";

  private VectorFile() {}

  /** Writes atomically: a temporary file beside the target, moved into place when complete. */
  public static void write(Dataset data, Path file) throws IOException {
    AtomicFiles.write(file, tmp -> writeTo(data, tmp, null));
  }

  /** Writes like {@link #write(Dataset, Path)}, with {@code tag} stored and checksummed. */
  public static void write(Dataset data, Path file, String tag) throws IOException {
    AtomicFiles.write(file, tmp -> writeTo(data, tmp, java.util.Objects.requireNonNull(tag)));
  }

  /** A file's vectors and its tag ({@code null} when written untagged). */
  public record Tagged(Dataset dataset, String tag) {}

  private static void writeTo(Dataset data, Path tmp, String tag) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      Out out = new Out(ch);
      out.bytes(MAGIC);
      out.i32(tag == null ? VERSION : TAGGED);
      if (tag != null) {
        out.str(tag);
      }
      out.i32(data.size());
      out.i32(data.dim());
      out.i32(data.hasLabels() ? 1 : 0);
      Provenance p = data.provenance();
      out.str(p.source());
      out.str(p.model());
      out.str(p.detail());
      out.i32(p.synthetic() ? 1 : 0);
      out.i32(data.labelCount());
      for (int i = 0; i < data.labelCount(); i++) {
        out.str(data.labelName(i));
      }
      if (data.hasLabels()) {
        for (int i = 0; i < data.size(); i++) {
          out.i32(data.label(i));
        }
      }
      for (int i = 0; i < data.size(); i++) {
        out.str(data.id(i));
      }
      for (float v : data.vectors()) {
        out.f32(v);
      }
      out.flush();
      long crc = out.crc.getValue();
      out.bytes(FOOTER);
      out.i64(crc);
      out.flush();
      ch.force(true);
    }
  }

  /** Reads a file written by {@link #write}; any damage is a one-line {@link IOException}. */
  public static Dataset read(Path file) throws IOException {
    return readTagged(file).dataset();
  }

  /** Reads a file and its tag; any damage is a one-line {@link IOException}. */
  public static Tagged readTagged(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int tail = FOOTER.length + 8;
    int stated = bytes.length >= MAGIC.length + 4
        ? ByteBuffer.wrap(bytes, MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() : -1;
    if (bytes.length > tail && (stated == VERSION || stated == TAGGED)) {
      // A checksum over everything before the footer: a flipped byte in the payload would
      // otherwise read as a valid file holding other vectors.
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(bytes, 0, bytes.length - tail);
      long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (crc.getValue() != stored) {
        throw new IOException(file + ": checksum mismatch (damaged or truncated vector file)");
      }
      buf.limit(bytes.length - 8);
    }
    try {
      byte[] magic = new byte[MAGIC.length];
      buf.get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + ": not an lshbench vector file (bad magic)");
      }
      int version = buf.getInt();
      if (version != VERSION && version != TAGGED) {
        throw new IOException(file + ": vector file version " + version + ", this lshbench reads "
            + VERSION + " and " + TAGGED);
      }
      String tag = version == TAGGED ? str(buf) : null;
      int n = buf.getInt();
      int d = buf.getInt();
      boolean labelled = buf.getInt() == 1;
      if (n < 0 || d < 1 || (long) n * d > Integer.MAX_VALUE - 8
          || 4L * n * d > buf.remaining()) {
        // Checked against the file's size before anything is allocated: a damaged header
        // must not ask for gigabytes.
        throw new IOException(file + ": implausible shape n=" + n + ", d=" + d
            + " for a file of " + buf.capacity() + " bytes");
      }
      Provenance p = new Provenance(str(buf), str(buf), str(buf), buf.getInt() == 1);
      int labelCount = buf.getInt();
      if (labelCount < 0 || labelCount > buf.remaining() / 4) {
        throw new IOException(file + ": damaged label count " + labelCount);
      }
      String[] names = new String[labelCount];
      for (int i = 0; i < names.length; i++) {
        names[i] = str(buf);
      }
      int[] labels = null;
      if (labelled) {
        labels = new int[n];
        buf.asIntBuffer().get(labels);
        buf.position(buf.position() + 4 * n);
      }
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = str(buf);
      }
      float[] vectors = new float[n * d];
      buf.asFloatBuffer().get(vectors);
      buf.position(buf.position() + 4 * vectors.length);
      byte[] footer = new byte[FOOTER.length];
      buf.get(footer);
      if (!java.util.Arrays.equals(footer, FOOTER) || buf.hasRemaining()) {
        throw new IOException(file + ": damaged vector file (footer missing or trailing bytes)");
      }
      return new Tagged(new Dataset(vectors, d, labels, names, ids, p), tag);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new IOException(file + ": truncated or damaged vector file"
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }
  }

  private static String str(ByteBuffer buf) {
    int len = buf.getInt();
    if (len < 0 || len > buf.remaining()) {
      throw new IllegalArgumentException("damaged string length " + len);
    }
    byte[] b = new byte[len];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Buffered little-endian writer over a channel. */
  private static final class Out {
    private final FileChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();

    Out(FileChannel ch) {
      this.ch = ch;
    }

    void ensure(int bytes) throws IOException {
      if (buf.remaining() < bytes) {
        flush();
      }
    }

    void flush() throws IOException {
      buf.flip();
      crc.update(buf.duplicate());
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      buf.clear();
    }

    void i32(int v) throws IOException {
      ensure(4);
      buf.putInt(v);
    }

    void i64(long v) throws IOException {
      ensure(8);
      buf.putLong(v);
    }

    void f32(float v) throws IOException {
      ensure(4);
      buf.putFloat(v);
    }

    void bytes(byte[] b) throws IOException {
      for (int off = 0; off < b.length; ) {
        ensure(1);
        int len = Math.min(buf.remaining(), b.length - off);
        buf.put(b, off, len);
        off += len;
      }
    }

    void str(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      i32(b.length);
      bytes(b);
    }
  }
}
