package lshbench.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which libtorch a build carries, and the one line on a machine it does not cover. */
class TorchPlatformTest {
  @TempDir
  Path dir;

  @Test
  void javaPlatformNamesMapToDjlClassifiers() {
    assertEquals("linux-x86_64", TorchPlatform.classifier("Linux", "amd64"));
    assertEquals("linux-aarch64", TorchPlatform.classifier("Linux", "aarch64"));
    assertEquals("osx-aarch64", TorchPlatform.classifier("Mac OS X", "aarch64"));
    assertEquals("osx-x86_64", TorchPlatform.classifier("Mac OS X", "x86_64"));
    assertEquals("win-x86_64", TorchPlatform.classifier("Windows 11", "amd64"));
  }

  @Test
  void withoutANativeJarImagesRefuseInOneLine() {
    ClassLoader empty = new URLClassLoader(new URL[0], null);
    Optional<String> p = TorchPlatform.problem(empty, "Mac OS X", "x86_64");
    assertEquals("this build has no libtorch for osx-x86_64 (DJL's pytorch-native-cpu 2.7.1 "
        + "covers linux-x86_64, linux-aarch64, osx-aarch64, win-x86_64); image experiments "
        + "cannot run here, vector experiments can", p.orElseThrow());
  }

  @Test
  void aJarBuiltForAnotherPlatformIsNamed() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("native/lib"));
    Files.writeString(lib.resolve("pytorch.properties"), "classifier=linux-x86_64\n");
    ClassLoader other = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    assertTrue(TorchPlatform.problem(other, "Linux", "amd64").isEmpty());
    assertTrue(TorchPlatform.problem(other, "Linux", "aarch64").orElseThrow()
        .startsWith("this build's libtorch is for linux-x86_64, this machine is linux-aarch64"));
  }

  @Test
  void thisBuildCoversThisMachine() {
    String here = TorchPlatform.classifier(System.getProperty("os.name"), System.getProperty("os.arch"));
    if (TorchPlatform.COVERED.contains(here)) {
      assertEquals(Optional.empty(), TorchPlatform.problem());
    }
  }
}
