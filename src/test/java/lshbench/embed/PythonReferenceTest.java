package lshbench.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.ImageFolderOptions;
import lshbench.data.images.ImageListing;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java/DJL and torch agree on the model: the same preprocessed tensors (written by Java, read
 * by datasets/reference_embed.py) give the same float-model features within 1e-3. Identical
 * tensors, because DJL's and PIL's resize differ; the float model, because int8 kernels differ
 * between libtorch 2.7 (x86 engine) and torch 1.13 (qnnpack).
 */
// End to end (real images through libtorch, or a child JVM killed mid-run): tens of seconds
// under load, so left out of mvn verify and run by .ci/run (-Dgroups=slow).
@Tag("slow")
class PythonReferenceTest {
  /** Debian's python, where python3-torch is installed (not a pyenv one on PATH). */
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path SCRIPT = Path.of("datasets", "reference_embed.py");

  @TempDir
  Path tmp;

  @Test
  void javaEmbeddingEqualsTorchOnIdenticalTensors() throws Exception {
    SharedData.assumeModel(SharedData.FLOAT);
    SharedData.assumeCaltech();
    Assumptions.assumeTrue(Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c",
        "import torch, numpy")) == 0, "/usr/bin/python3 with torch and numpy is absent; "
        + "apt-get install python3-torch python3-numpy to run the reference check");
    ImageListing listing = ImageFolder.scan(SharedData.CALTECH, ImageFolderOptions.builder()
        .include(List.of("pizza", "Faces_easy", "Leopards")).maxPerCategory(1).seed(3).build());
    int n = listing.items().size();
    assertEquals(3, n);
    try (TorchScriptEmbedder e = TorchScriptEmbedder.load(SharedData.FLOAT, SharedData.FLOAT_NAME,
        Preprocessing.imagenet())) {
      int len = e.preprocessing().tensorLength();
      float[] tensors = new float[n * len];
      for (int i = 0; i < n; i++) {
        float[] t = e.preprocess(ImageFolder.decode(listing.items().get(i).file()));
        System.arraycopy(t, 0, tensors, i * len, len);
      }
      float[] java = e.embedTensors(tensors, n);

      Path in = tmp.resolve("in.bin");
      Path out = tmp.resolve("out.bin");
      ByteBuffer buf = ByteBuffer.allocate(4 * tensors.length).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(tensors);
      Files.write(in, buf.array());
      assertEquals(0, run(List.of(PYTHON.toString(), SCRIPT.toString(), "--model",
          SharedData.FLOAT.toString(), "--input", in.toString(), "--count", Integer.toString(n),
          "--size", "224", "--out", out.toString())), "reference script failed");
      float[] torch = new float[n * e.dimension()];
      ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
          .get(torch);
      double maxDiff = 0;
      double maxAbs = 0;
      for (int i = 0; i < java.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(java[i] - torch[i]));
        maxAbs = Math.max(maxAbs, Math.abs(torch[i]));
      }
      assertTrue(maxAbs > 0.1, "reference output is not all zeros");
      assertTrue(maxDiff < 1e-3, "max abs difference Java vs torch " + maxDiff);
    }
  }

  private int run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("python.log").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
