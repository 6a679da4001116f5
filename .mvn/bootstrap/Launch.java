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
 */
public final class Launch {
  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Path RESOURCES = Path.of("src", "main", "resources");
  private static final Path CLASSES = Path.of("target", "classes");
  private static final Path STAMP = Path.of("target", "exec-java.stamp");

  public static void main(String[] args) throws Exception {
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
  }

  private static boolean isStale() throws IOException {
    if (!Files.exists(STAMP) || !Files.exists(CLASSES.resolve("lshbench/Main.class"))) {
      return true;
    }
    FileTime built = Files.getLastModifiedTime(STAMP);
    for (Path root : List.of(SOURCES, RESOURCES, Path.of("pom.xml"))) {
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
