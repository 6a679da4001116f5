package lshbench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Copies a child JVM's stderr to ours, leaving out libtorch's "Could not initialize NNPACK!
 * Reason: Unsupported hardware." warning: libtorch's C++ logger writes it to file descriptor 2
 * on every float convolution on a CPU without AVX2 (convolutions just take another path), out
 * of reach of Java's logging, and {@code TORCH_CPP_LOG_LEVEL} is read only by PyTorch's Python
 * module. Only that exact line is dropped: any other line, libtorch's included, passes.
 * Bytes pass through as they arrive, so a progress bar redrawn with carriage returns still
 * moves; only a line that starts like a libtorch warning ({@code [W…}) is held until its end.
 */
final class NativeChatter {
  static final Pattern NNPACK = Pattern.compile(
      "^\\[W\\d{4} [0-9:.]+ NNPACK\\.cpp:\\d+\\] Could not initialize NNPACK! Reason: "
          + "Unsupported hardware\\.\\R?$");

  private NativeChatter() {}

  /** Copies {@code in} to {@code out} until {@code in} ends, without the NNPACK warning. */
  static void copy(InputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean held = false;
    boolean lineStart = true;
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      int from = 0;
      for (int i = 0; i < n; i++) {
        byte b = buffer[i];
        if (lineStart) {
          held = b == '[' && i + 1 < n ? buffer[i + 1] == 'W' : b == '[';
          lineStart = false;
        }
        if (held) {
          line.write(b);
          if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            if (!NNPACK.matcher(text).matches()) {
              out.write(line.toByteArray());
            }
            line.reset();
            held = false;
            lineStart = true;
          }
          from = i + 1;
        } else {
          if (b == '\n') {
            out.write(buffer, from, i + 1 - from);
            from = i + 1;
            lineStart = true;
          }
        }
      }
      if (!held && from < n) {
        out.write(buffer, from, n - from);
      }
      out.flush();
    }
    out.write(line.toByteArray());
    out.flush();
  }
}
