package lshbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The small files of one run folder besides the CSV — status, run.json, identity, tune.txt,
 * skipped.csv — read leniently: a page about a half-finished or older run should still render,
 * showing what is there.
 */
final class RunFiles {
  /**
   * Lenient about raw control characters in strings: writers before Jackson escaped only quotes
   * and backslashes, so an old run.json may hold a setting with a bare newline or tab.
   */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS).build();

  private final Path folder;

  RunFiles(Path folder) {
    this.folder = folder;
  }

  Path folder() {
    return folder;
  }

  boolean has(String name) {
    return Files.isRegularFile(folder.resolve(name));
  }

  /** {@code complete}, {@code running}, {@code failed: reason}, or {@code unknown}. */
  String status() {
    String s = text("status");
    return s == null || s.isBlank() ? "unknown" : s.trim();
  }

  /** A file's text, or null when it is missing or unreadable. */
  String text(String name) {
    try {
      return has(name) ? Files.readString(folder.resolve(name), StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** run.json's top-level fields (strings, booleans, numbers as text); empty when it is missing. */
  Map<String, String> runJson() {
    return scalars(readJson());
  }

  /** The "settings" object of run.json. */
  Map<String, String> settings() {
    return scalars(readJson().path("settings"));
  }

  /** run.json's root, or a missing node when the file is absent or not JSON. */
  private JsonNode readJson() {
    String text = text("run.json");
    if (text == null) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  /** An object's scalar fields as text; nested objects and arrays are left out. */
  private static Map<String, String> scalars(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    if (object.isObject()) {
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        if (e.getValue().isValueNode() && !e.getValue().isNull()) {
          out.put(e.getKey(), e.getValue().asText());
        }
      }
    }
    return out;
  }

  /** identity.properties: every setting that decides the CSV (sweeps only). */
  Map<String, String> identity() {
    Map<String, String> out = new LinkedHashMap<>();
    if (!has("identity.properties")) {
      return out;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(folder.resolve("identity.properties"))) {
      p.load(r);
    } catch (IOException e) {
      return out;
    }
    p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }

  /** skipped.csv rows as (path, reason). */
  List<String[]> skipped() {
    List<String[]> out = new ArrayList<>();
    if (!has("skipped.csv")) {
      return out;
    }
    try (Reader r = Files.newBufferedReader(folder.resolve("skipped.csv"));
        var p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      for (CSVRecord rec : p) {
        out.add(new String[] {rec.get(0), rec.size() > 1 ? rec.get(1) : ""});
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      out.add(new String[] {"skipped.csv", "unreadable: " + e.getMessage()});
    }
    return out;
  }

  /** A file's size in bytes, or -1 when it cannot be read. */
  long size(String name) {
    try {
      return Files.size(folder.resolve(name));
    } catch (IOException e) {
      return -1;
    }
  }

  /** Regular files in the folder ending with {@code suffix} ("" for all), hidden ones aside, sorted. */
  List<String> named(String suffix) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(suffix) && !n.startsWith("."))
          .sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * The git revision of the checkout that ran this: taken from run.json when it records one,
   * else from {@code git-revision.txt} (written the first time the report is made, right after
   * the run, so re-rendering a month later does not claim today's revision), else asked of
   * {@code git rev-parse HEAD} in the working directory, else "unknown".
   */
  String gitRevision() throws IOException {
    String fromJson = runJson().get("git_revision");
    if (fromJson != null && !fromJson.isBlank()) {
      return fromJson;
    }
    String stored = text(GIT_REVISION);
    if (stored != null && !stored.isBlank()) {
      return stored.trim();
    }
    String rev = askGit();
    lshbench.io.AtomicFiles.writeString(folder.resolve(GIT_REVISION), rev + "\n");
    return rev;
  }

  static final String GIT_REVISION = "git-revision.txt";

  private static String askGit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      boolean done = p.waitFor(5, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
        return "unknown";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0 || !out.matches("[0-9a-f]{7,64}")) {
        return "unknown";
      }
      Process dirty = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (dirty.waitFor(5, TimeUnit.SECONDS) && dirty.exitValue() == 0
          && !new String(dirty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).isBlank()) {
        out += " (with uncommitted changes)";
      } else {
        dirty.destroyForcibly();
      }
      return out;
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
