import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Lets {@code mvn exec:java} work on a fresh clone.
 *
 * <p>Maven runs a goal named on the command line without its lifecycle, so {@code exec:java}
 * alone never compiles. The exec plugin is therefore pointed at the JDK's source launcher,
 * which compiles this one file; it in turn compiles src/main/java into target/classes when
 * any source is newer than the last build (the same place {@code mvn compile} writes) and
 * then hands over to {@code lshbench.Main} with the project's class path.
 *
 * <p>It runs in the core module (core/pom.xml) and ends Maven with lshbench's exit code when
 * lshbench is done. Maven would otherwise go on to the next module of the reactor, the Spark
 * module, whose dependency on the core Maven 3.8 cannot resolve in a build that ran no
 * lifecycle phase. {@code -Dengine=spark} is therefore not run in Maven's JVM: Maven is asked
 * to compile the Spark module and list its class path (Spark's own dependency versions win
 * there), and lshbench runs in a new JVM on it with the options Spark needs (spark/jvm.options).
 */
public final class Launch {
  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Path RESOURCES = Path.of("src", "main", "resources");
  private static final Path CLASSES = Path.of("target", "classes");
  private static final Path STAMP = Path.of("target", "exec-java.stamp");
  /** The system property that hands lshbench the user's -D names, one a line. */
  static final String USER_KEYS = "lshbench.maven.keys";

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  private static int run(String[] args) throws Exception {
    if ("spark".equals(System.getProperty("engine"))) {
      return SparkLaunch.run();
    }
    // Maven's JVM mixes the user's -D properties with its own; only its command line tells them
    // apart, so it is split once, here, and lshbench checks the names it is handed.
    System.setProperty(USER_KEYS, userKeys(System.getProperty("sun.java.command", ""),
        System::getProperty));
    ClassLoader projectLoader = Thread.currentThread().getContextClassLoader();
    if (isStale()) {
      compile(projectLoader);
    }
    // The exec plugin lists target/classes without a trailing slash, which a URLClassLoader
    // treats as a jar and drops when it does not exist yet; so rebuild the loader.
    List<URL> urls = new ArrayList<>();
    urls.add(CLASSES.toUri().toURL());
    if (projectLoader instanceof URLClassLoader) {
      for (URL url : ((URLClassLoader) projectLoader).getURLs()) {
        if (!Path.of(url.toURI()).toAbsolutePath().equals(CLASSES.toAbsolutePath())) {
          urls.add(url);
        }
      }
    }
    ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), projectLoader.getParent());
    Thread.currentThread().setContextClassLoader(loader);
    Class<?> main = Class.forName("lshbench.Main", true, loader);
    main.getMethod("main", String[].class).invoke(null, (Object) args);
    return 0; // Main exits itself with any other code
  }

  /** The names of the user's {@code -D}s on Maven's command line, one a line (see SparkLaunch.split). */
  static String userKeys(String command, java.util.function.UnaryOperator<String> property) {
    List<String> userArgs = new ArrayList<>();
    SparkLaunch.split(command, property, userArgs, new ArrayList<>());
    return userArgs.stream().map(arg -> {
      int eq = arg.indexOf('=');
      return arg.substring(2, eq < 0 ? arg.length() : eq);
    }).collect(Collectors.joining("\n"));
  }

  private static boolean isStale() throws IOException {
    if (!Files.exists(STAMP) || !Files.exists(CLASSES.resolve("lshbench/Main.class"))) {
      return true;
    }
    FileTime built = Files.getLastModifiedTime(STAMP);
    for (Path root : List.of(SOURCES, RESOURCES, Path.of("pom.xml"), Path.of("core", "pom.xml"))) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        if (files.anyMatch(p -> modified(p).compareTo(built) > 0)) {
          return true;
        }
      }
    }
    return false;
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void compile(ClassLoader projectLoader) throws IOException, URISyntaxException {
    List<String> classPath = new ArrayList<>();
    if (projectLoader instanceof URLClassLoader) {
      for (URL url : ((URLClassLoader) projectLoader).getURLs()) {
        classPath.add(Path.of(url.toURI()).toString());
      }
    }
    List<String> sources;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString)
          .collect(Collectors.toList());
    }
    Files.createDirectories(CLASSES);
    List<String> options = new ArrayList<>(List.of("-source", "17", "-target", "17",
        "--add-modules", "jdk.incubator.vector", "-proc:none", "-nowarn",
        "-encoding", "UTF-8", "-d", CLASSES.toString(),
        "-cp", String.join(java.io.File.pathSeparator, classPath)));
    options.addAll(sources);
    System.err.println("[lshbench] compiling " + sources.size() + " sources (first run or changed sources)");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac.run(null, null, null, options.toArray(new String[0])) != 0) {
      System.err.println("[lshbench] compilation failed; see the messages above");
      System.exit(1);
    }
    if (Files.exists(RESOURCES)) {
      try (Stream<Path> files = Files.walk(RESOURCES)) {
        for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          Path target = CLASSES.resolve(RESOURCES.relativize(p).toString());
          Files.createDirectories(target.getParent());
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.writeString(STAMP, "compiled by .mvn/bootstrap/Launch.java\n");
  }
}

/** {@code -Dengine=spark}: the Spark module built by Maven, lshbench run on its class path. */
final class SparkLaunch {
  private static final Path CLASS_PATH = Path.of("target", "spark-classpath.txt");

  private SparkLaunch() {}

  /** Maven's and its plugins' properties, which lshbench would refuse as unknown keys. */
  private static boolean mavenOwn(String property) {
    return List.of("maven.", "mdep.", "exec.", "surefire.", "skip", "style.", "aether.")
        .stream().anyMatch(property::startsWith);
  }

  /**
   * Maven's command line as the JVM reports it ({@code sun.java.command}): its arguments joined
   * by spaces, the shell's quotes gone, so {@code -Ddescription='two words'} reads as
   * {@code -Ddescription=two words}. Maven has set each {@code -D} as a system property with its
   * whole value, so each {@code -Dname=} token is matched against that value and taken whole:
   * the {@code -D}s the user gave (Maven's own left out) go to {@code userArgs} intact, spaces
   * and {@code -D}s inside a value included, and Maven's flags ({@code -o}, {@code -B}) outside
   * any value to {@code mavenFlags}.
   */
  static void split(String command, java.util.function.UnaryOperator<String> property,
      List<String> userArgs, List<String> mavenFlags) {
    int i = 0;
    while (i < command.length()) {
      if (Character.isWhitespace(command.charAt(i))) {
        i++;
        continue;
      }
      int end = i;
      while (end < command.length() && !Character.isWhitespace(command.charAt(end))) {
        end++;
      }
      String token = command.substring(i, end);
      if (token.startsWith("-D") && token.length() > 2) {
        int eq = token.indexOf('=');
        String name = token.substring(2, eq < 0 ? token.length() : eq);
        String value = property.apply(name);
        String whole = "-D" + name + "=" + value;
        if (eq >= 0 && value != null && command.startsWith(whole, i)
            && (i + whole.length() == command.length()
                || Character.isWhitespace(command.charAt(i + whole.length())))) {
          token = whole;
          end = i + whole.length();
        }
        if (!mavenOwn(name)) {
          userArgs.add(token);
        }
      } else if (token.equals("-o") || token.equals("--offline") || token.equals("-B")) {
        mavenFlags.add(token);
      }
      i = end;
    }
  }

  static int run() throws IOException, InterruptedException {
    List<String> userArgs = new ArrayList<>();
    List<String> mavenFlags = new ArrayList<>();
    split(System.getProperty("sun.java.command", ""), System::getProperty, userArgs, mavenFlags);
    Path mvn = Path.of(System.getProperty("maven.home", ""), "bin",
        System.getProperty("os.name", "").startsWith("Windows") ? "mvn.cmd" : "mvn");
    List<String> build = new ArrayList<>(List.of(mvn.toString(), "-q"));
    build.addAll(mavenFlags);
    build.addAll(List.of("-pl", "spark", "-am", "compile", "dependency:build-classpath",
        "-Dmdep.includeScope=compile",
        "-Dmdep.outputFile=" + CLASS_PATH.toAbsolutePath()));
    System.err.println("[lshbench] building the Spark module (mvn -pl spark -am compile)");
    int built = new ProcessBuilder(build).inheritIO().start().waitFor();
    if (built != 0) {
      System.err.println("[lshbench] error: the Spark module did not build; see Maven's messages above");
      return built;
    }
    String classPath = Path.of("spark", "target", "classes").toAbsolutePath()
        + java.io.File.pathSeparator + Files.readString(CLASS_PATH).trim();
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String line : Files.readAllLines(Path.of("spark", "jvm.options"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        java.add(line.trim());
      }
    }
    // In local mode the driver's heap is every executor's: spark.driver.memory sizes it.
    java.add("-Xmx" + System.getProperty("spark.driver.memory", "4g"));
    java.add("-cp");
    java.add(classPath);
    java.add("lshbench.Main");
    java.addAll(userArgs);
    ProcessBuilder pb = new ProcessBuilder(java).inheritIO();
    // Local Spark binds its driver to this address: loopback unless the user says otherwise.
    pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start().waitFor();
  }
}
