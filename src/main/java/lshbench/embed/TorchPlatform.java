package lshbench.embed;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Whether this build carries libtorch for this machine. The pom picks DJL's
 * {@code pytorch-native-cpu} by OS and architecture (a Maven profile per platform DJL publishes
 * for 2.7.1); on any other platform the build has none, and DJL would try to download one at
 * the first image. Asked before an image experiment starts, so the answer is one line and the
 * vector experiments, which never touch DJL, are unaffected.
 */
public final class TorchPlatform {
  /** The platforms DJL publishes pytorch-native-cpu 2.7.1 for, as its classifiers. */
  public static final List<String> COVERED = List.of("linux-x86_64", "linux-aarch64",
      "osx-aarch64", "win-x86_64");
  /** What the native jar says about itself (its {@code classifier=} line). */
  static final String DESCRIPTOR = "native/lib/pytorch.properties";

  private TorchPlatform() {}

  /** A one-line reason image experiments cannot run here, or empty when they can. */
  public static Optional<String> problem() {
    return problem(TorchPlatform.class.getClassLoader(), System.getProperty("os.name", ""),
        System.getProperty("os.arch", ""));
  }

  static Optional<String> problem(ClassLoader loader, String osName, String osArch) {
    String here = classifier(osName, osArch);
    String built;
    try (InputStream in = loader.getResourceAsStream(DESCRIPTOR)) {
      if (in == null) {
        return Optional.of("this build has no libtorch for " + here + " (DJL's pytorch-native-cpu "
            + "2.7.1 covers " + String.join(", ", COVERED) + "); image experiments cannot run "
            + "here, vector experiments can");
      }
      Properties p = new Properties();
      p.load(in);
      built = p.getProperty("classifier", "");
    } catch (IOException e) {
      return Optional.of("cannot read " + DESCRIPTOR + ": " + e.getMessage());
    }
    if (!built.equals(here)) {
      return Optional.of("this build's libtorch is for " + built + ", this machine is " + here
          + "; build lshbench on this machine (mvn package) to get its own");
    }
    return Optional.empty();
  }

  /** DJL's name for a platform: linux-x86_64, osx-aarch64, win-x86_64, … */
  static String classifier(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String system = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "osx"
        : os.startsWith("windows") ? "win" : os.replace(' ', '_');
    String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> osArch.toLowerCase(Locale.ROOT);
    };
    return system + "-" + arch;
  }
}
