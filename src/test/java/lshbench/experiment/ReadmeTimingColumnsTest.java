package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README's list of timing columns (the ones two same-seed runs may differ in) is complete. */
class ReadmeTimingColumnsTest {
  @Test
  void readmeListsEveryTimingColumn() throws IOException {
    String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
    Matcher m = Pattern.compile("Timing columns \\(([^)]*)\\) are the only ones").matcher(readme);
    assertTrue(m.find(), "README has no 'Timing columns (…) are the only ones' sentence");
    List<Pattern> listed = new ArrayList<>();
    Matcher name = Pattern.compile("`([^`]+)`").matcher(m.group(1));
    while (name.find()) {
      listed.add(Pattern.compile(name.group(1).replace("*", "[a-z0-9_]*")));
    }
    for (String column : ResultColumns.TIMING) {
      assertTrue(listed.stream().anyMatch(p -> p.matcher(column).matches()),
          "README's timing columns omit " + column + ": " + m.group(1));
    }
  }
}
