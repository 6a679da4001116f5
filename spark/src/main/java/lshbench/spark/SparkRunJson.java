package lshbench.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import lshbench.data.Dataset;
import lshbench.experiment.PreparedData;
import lshbench.experiment.RunJson;
import lshbench.experiment.SweepConfig;
import lshbench.io.AtomicFiles;
import org.apache.spark.sql.SparkSession;

/**
 * {@code run.json} of a Spark run: the local sweep's fields (which the run's page and summary
 * read) with how Spark timed it, where it ran, and the load average around it.
 */
final class SparkRunJson {
  static final String FILE = "run.json";

  private SparkRunJson() {}

  static void write(Path file, SweepConfig config, PreparedData prepared, SparkSession spark,
      long started, double exactUs, double loadStart, double loadEnd) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = mapper.createObjectNode();
    Dataset data = prepared.data();
    RunJson.putData(json, config, data);
    json.put("engine", "spark");
    json.put("spark_master", spark.sparkContext().master());
    json.put("spark_parallelism", Integer.toString(spark.sparkContext().defaultParallelism()));
    json.put("timing", "Spark jobs timed whole on the driver's wall clock (System.nanoTime), "
        + "once: a row's figure is its job's time over the queries it answered (every L of one "
        + "(family, k, probes) pass shares its pass's figure; the exact scan's is the ground "
        + "truth's job); throughput on the cluster, not one query's latency");
    json.put("timing_clock", SparkRows.CLOCK);
    json.put("timing_rounds", "1");
    json.put("timing_tolerance", Double.toString(config.tolerance()));
    json.put("load_average_start", String.format(Locale.ROOT, "%.2f", loadStart));
    json.put("load_average_end", String.format(Locale.ROOT, "%.2f", loadEnd));
    json.put("build_time", "build_ms = train_ms + hash_ms; hash_ms is the configuration's share "
        + "(k*L functions) of the job that hashed the members once with the family's bank");
    json.put("sharing", "each repeat draws one bank of max(k) x max(L) hash functions per LSH "
        + "family and hashes the members once; configuration (k, L) uses the first k functions "
        + "of the first L tables, and one join per (k, probes) counts every L");
    json.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    json.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    json.put("exact_wall_us", String.format(Locale.ROOT, "%.1f", exactUs));
    json.put("elapsed_s", String.format(Locale.ROOT, "%.1f",
        (System.currentTimeMillis() - started) / 1e3));
    ObjectNode settings = json.putObject("settings");
    config.settings().forEach(settings::put);
    AtomicFiles.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json)
        + "\n");
  }
}
