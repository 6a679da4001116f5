package lshbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NativeChatterTest {
  private static final String NNPACK = "[W1202 02:24:02.781289636 NNPACK.cpp:57] Could not "
      + "initialize NNPACK! Reason: Unsupported hardware.\n";

  @Test
  void dropsOnlyTheNnpackWarning() throws IOException {
    String other = "[W1202 02:24:03.1 Module.cpp:12] something real went wrong\n";
    String in = "[embed] 16/148 images\n" + NNPACK + other + NNPACK + "[sweep] done\n";
    assertEquals("[embed] 16/148 images\n" + other + "[sweep] done\n", copy(in, 7));
  }

  @Test
  void passesABarRedrawnWithCarriageReturnsAsItComes() throws IOException {
    // each chunk is a redraw without a newline: it must come out before the next arrives
    String in = "\rembed 10% │██   │\rembed 20% │███  │" + NNPACK + "\rembed 30%\n";
    assertEquals("\rembed 10% │██   │\rembed 20% │███  │" + NNPACK + "\rembed 30%\n",
        copy(in, 5), "a warning glued to a bar's line is not a line of its own: kept");
    assertEquals("error: x\n", copy("error: x\n", 1));
    assertEquals("[W unfinished", copy("[W unfinished", 3), "a held tail is written at the end");
  }

  /** Copies {@code text} fed in chunks of {@code chunk} bytes, as a pipe delivers it. */
  private static String copy(String text, int chunk) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    InputStream in = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeChatter.copy(in, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
