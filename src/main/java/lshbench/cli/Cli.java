package lshbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lshbench.config.ConfigException;
import lshbench.config.Key;
import lshbench.config.Settings;
import lshbench.family.FamilyRegistry;

/**
 * The command line: picks the experiment file, looks its {@code type} up in
 * {@link Experiments}, refuses every key that type does not read, and runs it. Every refusal
 * is one line on stderr and exit code 2; {@code -Dverbose=true} adds the stack trace.
 */
public final class Cli {
  private final Path experimentsDir;
  private final FamilyRegistry families;

  public Cli(Path experimentsDir, FamilyRegistry families) {
    this.experimentsDir = experimentsDir;
    this.families = families;
  }

  /** Exit codes: 0 ok, 2 bad input or configuration, 1 internal error, 3 tuned but no answer. */
  public int run(String[] args, PrintStream out, PrintStream err) {
    boolean verbose = Boolean.getBoolean("verbose");
    try {
      String name = args.length > 0 && !args[0].contains("=") ? args[0]
          : System.getProperty("experiment", "sweep");
      CommandLineKeys given = CommandLineKeys.read(args);
      boolean help = given.help() || name.equals("help");
      if (help && (name.equals("help") || !given.experimentNamed())) {
        out.print(Experiments.overview(experimentsDir));
        return 0;
      }
      Settings raw = Settings.read(experimentsDir, name, Map.of());
      // A type on the command line wins over the file's, as every other key does: the peer
      // harness runs a compare experiment's split as a sweep with -Dtype=sweep.
      String type = given.type().orElse(raw.string(Experiments.TYPE, "sweep"));
      Experiment<?> experiment = Experiments.find(type).orElseThrow(() -> new ConfigException(
          "type: '" + type + "' is not an experiment type (" + String.join(", ",
              Experiments.types()) + ")"));
      java.util.Optional<Engine> engine = Engines.find(System.getProperty("engine",
          Engines.LOCAL));
      Set<String> known = new HashSet<>();
      for (Key k : experiment.keys(families)) {
        known.add(k.name());
      }
      engine.ifPresent(e -> e.keys().forEach(k -> known.add(k.name())));
      known.add(Experiments.TYPE);
      Map<String, String> overrides = given.overrides(known, families);
      Settings settings = Settings.read(experimentsDir, name, overrides);
      if (help) {
        out.print(given.markdown() ? Experiments.markdown(experiment, families)
            : Experiments.keys(name, experiment, families, settings));
        return 0;
      }
      settings.requireKnown(known, key -> Experiments.readElsewhere(key, families));
      if (engine.isPresent()) {
        return runOn(engine.get(), experiment, settings, out, err);
      }
      return experiment.start(settings, families, out, err);
    } catch (ConfigException | IOException | UncheckedIOException | IllegalArgumentException e) {
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

  /** The experiment's settings parsed and checked here, its run on {@code engine}. */
  private int runOn(Engine engine, Experiment<?> experiment, Settings settings, PrintStream out,
      PrintStream err) throws IOException {
    if (!engine.types().contains(experiment.type())) {
      throw new ConfigException("engine: " + engine.name() + " runs " + String.join(", ",
          engine.types()) + " experiments, not " + experiment.type() + "; drop -Dengine for "
          + "the local engine");
    }
    return engine.run(experiment.type(), experiment.settings(settings, families), out, err);
  }

  private static void trace(Throwable e, boolean verbose, PrintStream err) {
    if (verbose) {
      e.printStackTrace(err);
    }
  }

  /** Settings given on the command line: {@code key=value} arguments and {@code -Dkey=value}. */
  record CommandLineKeys(Map<String, String> arguments, List<String> mavenKeys, boolean help,
      boolean markdown, boolean experimentNamed) {
    /** Set by the exec:java launcher (Launch.USER_KEYS): the user's -D names, one a line. */
    static final String USER_KEYS = "lshbench.maven.keys";

    /**
     * Under {@code mvn exec:java} the JVM is Maven's, whose system properties mix the user's
     * {@code -D}s with Maven's own; the user's are the {@code -D} tokens of Maven's command
     * line. Run directly ({@code java lshbench.Main}), only the keys the experiment reads are
     * taken from system properties, and {@code key=value} arguments are checked like file keys.
     */
    static CommandLineKeys read(String[] args) {
      Map<String, String> arguments = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        int eq = args[i].indexOf('=');
        if (eq > 0) {
          arguments.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        } else if (i > 0) {
          throw new ConfigException("argument '" + args[i] + "' is not key=value");
        }
      }
      List<String> maven = mavenKeys(System.getProperty(USER_KEYS));
      String help = System.getProperty("help");
      boolean named = args.length > 0 && !args[0].contains("=")
          || System.getProperty("experiment") != null;
      return new CommandLineKeys(arguments, maven, help != null && !help.equals("false"),
          "markdown".equals(help), named);
    }

    /**
     * The names of the {@code -D}s the user gave Maven, as {@code .mvn/bootstrap/Launch.java}
     * hands them over (one a line in {@link #USER_KEYS}): it has matched each against the value
     * Maven set, so a value with spaces or a {@code -D} inside is one key, not words.
     */
    static List<String> mavenKeys(String listed) {
      return listed == null || listed.isEmpty() ? List.of() : List.of(listed.split("\n"));
    }

    /** The experiment type given as {@code type=...} or {@code -Dtype=...}, if any. */
    java.util.Optional<String> type() {
      String t = arguments.get(Experiments.TYPE);
      if (t == null) {
        t = System.getProperty(Experiments.TYPE);
      }
      return java.util.Optional.ofNullable(t).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** Maven's and the JVM's own properties, which are never experiment keys. */
    private static final Set<String> NOT_KEYS = Set.of("experiment", "engine", "verbose",
        "help", "test",
        "skipTests", "it.test", "debug", "offline", "quiet", "basedir", "exec.args",
        "exec.mainClass", "file.encoding");
    private static final List<String> NOT_KEY_PREFIXES = List.of("maven.", "exec.", "surefire.",
        "failsafe.", "java.", "javax.", "jdk.", "sun.", "user.", "style.", "aether.", "http.",
        "https.", "org.", "lshbench.", "jansi.", "slf4j.", "guice.", "classworlds.", "project.",
        "env.", "jmh.", "skip", "spark.");

    static boolean notAKey(String key) {
      return NOT_KEYS.contains(key) || NOT_KEY_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /**
     * The overrides: {@code key=value} arguments, and {@code -D} properties for keys the
     * experiment reads. A {@code -D} on Maven's command line that it does not read is refused,
     * dotted or not ({@code -Dmodel.pth=/x}), unless it is Maven's or the JVM's own.
     */
    Map<String, String> overrides(Set<String> known, FamilyRegistry families) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String key : mavenKeys) {
        if (!known.contains(key) && !notAKey(key)) {
          throw new ConfigException("-D" + key + ": unknown key" + Settings.suggestKey(key, known)
              + Experiments.readElsewhere(key, families));
        }
      }
      for (String key : known) {
        String v = System.getProperty(key);
        if (v != null) {
          out.put(key, v);
        }
      }
      out.putAll(arguments);
      return out;
    }
  }
}
