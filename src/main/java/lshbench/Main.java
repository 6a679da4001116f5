package lshbench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import lshbench.data.download.ArchiveDownload;
import lshbench.experiment.CompareExport;
import lshbench.config.ConfigException;
import lshbench.experiment.DedupConfig;
import lshbench.experiment.DownloadConfig;
import lshbench.config.Settings;
import lshbench.experiment.SweepConfig;
import lshbench.experiment.SweepRunner;
import lshbench.experiment.ScaleRunner;
import lshbench.experiment.Tuner;
import lshbench.report.ScalePlots;
import lshbench.report.SweepReport;

/**
 * Entry point: {@code mvn -q exec:java -Dexperiment=NAME [-Dkey=value …]} or
 * {@code java lshbench.Main NAME [key=value …]}. Reads {@code experiments/NAME.properties},
 * applies overrides, runs, and reports. Every refusal is one line on stderr and a non-zero exit
 * code; {@code -Dverbose=true} adds the stack trace.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs and returns the exit code (0 ok, 2 bad input or configuration, 1 internal error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean verbose = Boolean.getBoolean("verbose");
    try {
      String experiment = args.length > 0 && !args[0].contains("=") ? args[0]
          : System.getProperty("experiment", "sweep");
      Set<String> keys = new java.util.HashSet<>(SweepConfig.KEYS.keySet());
      keys.addAll(DownloadConfig.KEYS.keySet());
      keys.addAll(DedupConfig.KEYS.keySet());
      Map<String, String> overrides = overrides(args, keys);
      Settings settings = Settings.load(Path.of("experiments"), experiment, keys, overrides);
      if (settings.string("type", "sweep").equals("download")) {
        DownloadConfig download = DownloadConfig.from(settings);
        Path folder = ArchiveDownload.fetch(download.spec(), err);
        out.println("images: " + folder);
        out.println("next:   mvn -q exec:java -Dexperiment=caltech101 -Ddataset.root=" + folder);
        return 0;
      }
      if (settings.string("type", "sweep").startsWith("dedup")) {
        return Dedup.run(DedupConfig.from(settings), out, err);
      }
      SweepConfig config = SweepConfig.from(settings);
      if (config.type().equals("scale")) {
        lshbench.experiment.RunFolder folder = new ScaleRunner(config, err).run();
        Path table = ScalePlots.write(folder.path());
        out.print(java.nio.file.Files.readString(table));
        out.println("results: " + folder.path().resolve(ScaleRunner.FILE));
        out.println("plots:   " + folder.path().resolve("scale-time.png") + ", scale-memory.png");
        return 0;
      }
      if (config.type().equals("compare")) {
        Path folder = new CompareExport(config, err).run();
        out.println("exported: " + folder);
        out.println("next:     /usr/bin/python3 src/bench/faiss_compare.py " + folder);
        return 0;
      }
      if (config.type().equals("tune")) {
        Tuner.Outcome tuned = new Tuner(config, err).run();
        Path summary = SweepReport.write(tuned.folder().path(), tuned.csv());
        out.print(java.nio.file.Files.readString(tuned.folder().resolve("tune.txt")));
        out.println("results: " + tuned.csv());
        out.println("summary: " + summary);
        return tuned.recommended() == null ? 3 : 0;
      }
      SweepRunner.Result result = new SweepRunner(config, err).run();
      Path summary = SweepReport.write(result.folder().path(), result.csv());
      if (config.resume() != null) {
        out.println("resumed: " + result.reused() + " configurations kept from the killed run, "
            + result.computed() + " computed now");
      }
      out.println("results: " + result.csv());
      out.println("summary: " + summary);
      out.println("plots:   " + result.folder().path().resolve("*.png / *.svg"));
      return 0;
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      trace(e, verbose, err);
      return 2;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      trace(e, verbose, err);
      return 2;
    } catch (OutOfMemoryError e) {
      err.println("error: out of memory; give Maven more heap, e.g. MAVEN_OPTS=-Xmx16g");
      return 1;
    } catch (RuntimeException e) {
      err.println("error: internal error " + e + " (run with -Dverbose=true for the stack trace)");
      trace(e, verbose, err);
      return 1;
    }
  }

  private static void trace(Throwable e, boolean verbose, PrintStream err) {
    if (verbose) {
      e.printStackTrace(err);
    }
  }

  /**
   * Overrides come from {@code key=value} arguments and from {@code -Dkey=value} system
   * properties for known keys. A {@code -D} given to Maven that is not a known key but is close
   * to one ({@code -Dkk=4}) is treated as a typo and refused, rather than silently ignored;
   * Maven's own properties are far from every key and pass.
   */
  static Map<String, String> overrides(String[] args, Set<String> known) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : known) {
      String v = System.getProperty(key);
      if (v != null) {
        out.put(key, v);
      }
    }
    String command = System.getProperty("sun.java.command", "");
    if (command.contains("classworlds")) {
      for (String token : command.split("\\s+")) {
        if (!token.startsWith("-D")) {
          continue;
        }
        String key = token.substring(2).split("=", 2)[0];
        if (!known.contains(key) && !key.equals("experiment") && !key.equals("verbose")
            && !key.contains(".") && closeToKnown(key, known)) {
          throw new ConfigException("-D" + key + ": unknown key" + suggestion(key, known));
        }
      }
    }
    for (int i = 0; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq > 0) {
        out.put(args[i].substring(0, eq), args[i].substring(eq + 1));
      } else if (i > 0) {
        throw new ConfigException("argument '" + args[i] + "' is not key=value");
      }
    }
    return out;
  }

  private static final Set<String> MAVEN_KEYS = Set.of("test", "skipTests", "it.test", "debug");

  private static boolean closeToKnown(String key, Set<String> known) {
    if (MAVEN_KEYS.contains(key)) {
      return false;
    }
    int allowed = key.length() <= 4 ? 1 : 2;
    for (String k : known) {
      if (Settings.editDistance(key.toLowerCase(java.util.Locale.ROOT),
          k.toLowerCase(java.util.Locale.ROOT)) <= allowed) {
        return true;
      }
    }
    return Settings.editDistance(key, "experiment") <= 2;
  }

  private static String suggestion(String key, Set<String> known) {
    Set<String> candidates = new java.util.HashSet<>(known);
    candidates.add("experiment");
    return Settings.suggestKey(key, candidates);
  }
}
