package lshbench.experiment;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import lshbench.data.Dataset;
import lshbench.io.AtomicFiles;

/** {@code run.json}: how a run was made (settings, timing method, JVM, machine, elapsed). */
final class RunJson {
  private RunJson() {}

  /** Writes run.json into {@code folder}. */
  static void write(SweepConfig config, RunFolder folder, Dataset data, long started,
      double exactUs) throws IOException {
    StringBuilder json = new StringBuilder("{\n");
    field(json, "experiment", config.experiment());
    field(json, "dataset", config.dataset());
    field(json, "provenance", data.provenance().headline());
    field(json, "model", data.provenance().model());
    field(json, "provenance_detail", data.provenance().detail());
    json.append("  \"synthetic\": ").append(data.provenance().synthetic()).append(",\n");
    field(json, "timing", "queries timed one at a time on one thread with System.nanoTime, after "
        + config.warmup() + " untimed warm-up queries (and at least " + config.warmupMillis()
        + " ms of them) per configuration; exact scan timed the same way");
    field(json, "build_time", "build_ms = hash_ms + table_ms; hash_ms is the configuration's share "
        + "(k*L planes) of one shared projection of the data, table_ms is measured");
    field(json, "sharing", "configuration (k, L) uses the first k bits of the first L tables of one "
        + "hyperplane bank per repeat");
    field(json, "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    field(json, "cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    field(json, "exact_us_mean", String.format(Locale.ROOT, "%.1f", exactUs));
    field(json, "elapsed_s", String.format(Locale.ROOT, "%.1f",
        (System.currentTimeMillis() - started) / 1e3));
    json.append("  \"settings\": {\n");
    int i = 0;
    for (Map.Entry<String, String> e : config.settings().entrySet()) {
      json.append("    \"").append(escape(e.getKey())).append("\": \"").append(escape(e.getValue()))
          .append('"').append(++i < config.settings().size() ? ",\n" : "\n");
    }
    json.append("  }\n}\n");
    AtomicFiles.writeString(folder.resolve("run.json"), json.toString());
  }

  private static void field(StringBuilder json, String key, String value) {
    json.append("  \"").append(key).append("\": \"").append(escape(value)).append("\",\n");
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
