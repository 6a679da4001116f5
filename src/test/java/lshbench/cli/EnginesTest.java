package lshbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lshbench.config.ConfigException;
import org.junit.jupiter.api.Test;

/** -Dengine: local needs nothing; a name that is no engine here is one line naming it. */
class EnginesTest {
  @Test
  void localIsThisProcess() {
    assertTrue(Engines.find("local").isEmpty());
    assertTrue(Engines.find(null).isEmpty());
  }

  @Test
  void anUnknownEngineIsOneLineNamingTheEngines() {
    ConfigException e = assertThrows(ConfigException.class, () -> Engines.find("flink"));
    assertEquals("engine: 'flink' is not an engine (local, spark)", e.getMessage());
  }

  /** The core's class path has no Spark: the refusal says how to run it instead. */
  @Test
  void sparkOutsideItsModuleSaysHowToRunIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> Engines.find("spark"));
    assertTrue(e.getMessage().startsWith("engine: spark is not on this class path"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dengine=spark"), e.getMessage());
  }
}
