package lshbench.experiment;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import lshbench.data.Dataset;
import lshbench.eval.Measurement;
import lshbench.io.AtomicFiles;

/**
 * {@code run.json}: how a run was made (settings, timing method, JVM, machine, elapsed). Values
 * keep the types earlier runs had (numbers as strings, {@code synthetic} a boolean) so a page
 * rendered from an old folder and a new one reads the same fields.
 */
public final class RunJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Pretty printed one field a line, {@code "key": value}, '\n' on every platform. */
  private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n")));

  static final String FILE = "run.json";

  private RunJson() {}

  /** Puts the fields naming the experiment and its data, written alike by both engines. */
  public static void putData(ObjectNode json, SweepConfig config, Dataset data) {
    json.put("experiment", config.experiment());
    json.put("dataset", config.dataset());
    json.put("provenance", data.provenance().headline());
    json.put("model", data.provenance().model());
    json.put("provenance_detail", data.provenance().detail());
    json.put("synthetic", data.provenance().synthetic());
  }

  /** Writes run.json into {@code folder}. */
  static void write(SweepConfig config, RunFolder folder, Dataset data, long started,
      Measurement exact, double loadAtStart, double loadAtEnd) throws IOException {
    boolean tune = "tune".equals(config.type());
    ObjectNode json = object();
    putData(json, config, data);
    json.put("timing", String.format(Locale.ROOT, "queries timed one at a time on one thread, on "
        + "the wall clock (System.nanoTime) and the thread's CPU clock (ThreadMXBean), in %d "
        + "interleaved rounds with the exact scan; each configuration first answers %d untimed "
        + "warm-up queries on indexed items (and at least %d ms of them), and %d more before each "
        + "turn; a configuration's figure is each query's median over the rounds, averaged over "
        + "the queries; ranked on the %s clock; noisy when the interquartile range of the "
        + "rounds' means exceeds %.0f%% of the figure", config.rounds(), config.warmup(), config.warmupMillis(),
        lshbench.eval.Evaluation.TURN_WARMUP, config.clock().label(), 100 * config.tolerance()));
    json.put("timing_clock", config.clock().label());
    json.put("timing_rounds", Integer.toString(config.rounds()));
    json.put("timing_tolerance", Double.toString(config.tolerance()));
    json.put("load_average_start", String.format(Locale.ROOT, "%.2f", loadAtStart));
    json.put("load_average_end", String.format(Locale.ROOT, "%.2f", loadAtEnd));
    json.put("build_time", tune
        ? "build_ms = hash_ms + table_ms, both measured on the configuration built alone"
        : "build_ms = hash_ms + table_ms; hash_ms is the configuration's share (k*L functions) "
            + "of hashing the data once with its family's bank, table_ms is measured");
    json.put("sharing", tune
        ? "none between rows: every configuration in results.csv is built alone with fresh hash "
            + "seeds (the multi-probe search ranks on one shared bank, then rebuilds what it keeps)"
        : "each repeat draws one bank of max(k) x max(L) hash functions per LSH family and "
            + "hashes the data once; configuration (k, L) uses the first k functions of the "
            + "first L tables. HNSW builds one graph per (M, efConstruction), searched at every ef");
    json.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    json.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    json.put("exact_cpu_us", String.format(Locale.ROOT, "%.1f", exact.cpuUs().median()));
    json.put("exact_wall_us", String.format(Locale.ROOT, "%.1f", exact.wallUs().median()));
    json.put("elapsed_s", String.format(Locale.ROOT, "%.1f",
        (System.currentTimeMillis() - started) / 1e3));
    ObjectNode settings = json.putObject("settings");
    config.settings().forEach(settings::put);
    write(folder.resolve(FILE), json);
  }

  /** An empty JSON object whose fields keep the order they are put in. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Writes {@code json} to {@code file} atomically, pretty printed, ending in a newline; the
   * compare export's meta.json goes through here too, so every JSON file of a run looks alike.
   */
  static void write(Path file, ObjectNode json) throws IOException {
    AtomicFiles.writeString(file, PRETTY.writeValueAsString(json) + "\n");
  }
}
