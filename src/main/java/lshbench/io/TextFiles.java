package lshbench.io;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * UTF-8 text files read strictly, with a damaged byte reported as a one-line error naming the
 * file (the JDK's own message is {@code Input length = 1}, which names nothing).
 */
public final class TextFiles {
  private TextFiles() {}

  /** A buffered UTF-8 reader of {@code file}; a byte that is not UTF-8 fails naming the file. */
  public static BufferedReader reader(Path file) throws IOException {
    Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    return new BufferedReader(new FilterReader(in) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (CharacterCodingException e) {
          throw notUtf8(file, e);
        }
      }

      @Override
      public int read(char[] buf, int off, int len) throws IOException {
        try {
          return super.read(buf, off, len);
        } catch (CharacterCodingException e) {
          throw notUtf8(file, e);
        }
      }
    });
  }

  /** The whole file as UTF-8 text; a byte that is not UTF-8 fails naming the file. */
  public static String read(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw notUtf8(file, e);
    }
  }

  private static IOException notUtf8(Path file, CharacterCodingException e) {
    return new IOException(file + ": not UTF-8 text (a cut or foreign byte sequence; save it "
        + "as UTF-8)", e);
  }
}
