package lshbench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package list is the pipeline, data → embed → lsh → eval → experiment → report, over a
 * foundation (vector, io). No package may import one further down the pipeline.
 */
class PackageDependencyTest {
  private static final List<String> ORDER =
      List.of("vector", "io", "data", "embed", "lsh", "eval", "experiment", "report");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?lshbench\\.(\\w+)\\.",
      Pattern.MULTILINE);

  @Test
  void noPackageReachesBackwardsUpThePipeline() throws IOException {
    List<String> violations = new ArrayList<>();
    Path root = Path.of("src", "main", "java", "lshbench");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Path rel = root.relativize(f);
        if (rel.getNameCount() < 2) {
          continue; // lshbench.Main wires the stages together
        }
        String pkg = rel.getName(0).toString();
        int level = ORDER.indexOf(pkg);
        assertTrue(level >= 0, "package " + pkg + " is not in the pipeline list");
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          int target = ORDER.indexOf(m.group(1));
          if (target > level) {
            violations.add(rel + " imports lshbench." + m.group(1));
          }
        }
      }
    }
    assertTrue(violations.isEmpty(), String.join("\n", violations));
  }
}
