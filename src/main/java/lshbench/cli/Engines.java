package lshbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import lshbench.config.ConfigException;

/** Picks the engine named by {@code -Dengine}: {@code local} (none needed) or one on the class path. */
public final class Engines {
  /** The default: this process, no engine object. */
  public static final String LOCAL = "local";
  /** The engine the Spark module provides; named here only for the refusal below. */
  static final String SPARK = "spark";

  private Engines() {}

  /**
   * The engine called {@code name}, empty for {@code local}; a name that is no engine here is
   * refused with one line.
   */
  public static Optional<Engine> find(String name) {
    if (name == null || name.isEmpty() || name.equals(LOCAL)) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>(List.of(LOCAL));
    for (Engine e : ServiceLoader.load(Engine.class)) {
      if (e.name().equals(name)) {
        return Optional.of(e);
      }
      names.add(e.name());
    }
    if (name.equals(SPARK)) {
      throw new ConfigException("engine: spark is not on this class path; run it from the "
          + "checkout with mvn -q exec:java -Dexperiment=NAME -Dengine=spark, or through "
          + "spark-submit with spark/target/lshbench-spark.jar (README, 'On Apache Spark')");
    }
    if (!names.contains(SPARK)) {
      names.add(SPARK);
    }
    throw new ConfigException("engine: '" + name + "' is not an engine (" + String.join(", ",
        names) + ")");
  }
}
