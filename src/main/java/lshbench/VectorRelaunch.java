package lshbench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Gives {@code java -jar lshbench.jar} the Vector API. The distance kernels need
 * {@code --add-modules jdk.incubator.vector}, which no manifest attribute can add (there is
 * {@code Add-Opens}, no {@code Add-Modules}), and without it every distance falls back to the
 * scalar kernels at a fraction of the speed. So a JVM without the module starts one more JVM,
 * the same java with the same options, class path and arguments plus the module, and passes
 * its exit code on. {@code -Dlshbench.relaunch=false} runs in place (scalar kernels).
 */
final class VectorRelaunch {
  private static final String MODULE = "jdk.incubator.vector";

  private VectorRelaunch() {}

  /** The relaunched JVM's exit code, or empty when this JVM should run lshbench itself. */
  static OptionalInt ifNeeded(String[] args) {
    if (ModuleLayer.boot().findModule(MODULE).isPresent()
        || Boolean.getBoolean("lshbench.relaunched")
        || "false".equals(System.getProperty("lshbench.relaunch"))) {
      return OptionalInt.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-modules");
    command.add(MODULE);
    command.add("-Dlshbench.relaunched=true");
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    try {
      // stdin and stdout stay the terminal's (a progress bar checks them); stderr is copied
      // without libtorch's NNPACK chatter, unless -Dverbose=true asks for everything
      boolean verbose = List.of(args).contains("-Dverbose") || List.of(args).contains(
          "-Dverbose=true") || Boolean.getBoolean("verbose");
      Process child = new ProcessBuilder(command).inheritIO()
          .redirectError(verbose ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE)
          .start();
      Thread copier = null;
      if (!verbose) {
        copier = new Thread(() -> {
          try {
            NativeChatter.copy(child.getErrorStream(), System.err);
          } catch (IOException e) {
            System.err.println("warning: lost the child's stderr: " + e.getMessage());
          }
        }, "stderr-copy");
        copier.start();
      }
      int code = child.waitFor();
      if (copier != null) {
        copier.join();
      }
      return OptionalInt.of(code);
    } catch (IOException e) {
      System.err.println("warning: could not relaunch with " + MODULE + " (" + e.getMessage()
          + "); running with the scalar kernels");
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.of(130);
    }
  }
}
