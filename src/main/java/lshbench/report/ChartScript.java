package lshbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The scripts a page inlines so it opens offline from {@code file://}: the chart library, read
 * from its WebJar on the class path at report time, and lshbench's own chart code beside this
 * class. ECharts' "common" build (650 KB) was chosen over uPlot (50 KB) because it draws
 * scatter plots on log axes with a tooltip, wheel zoom and drag pan on both axes, box zoom and
 * legend toggles out of the box; uPlot needs hand-written point drawing, tooltip and panning
 * for a scatter plot, and Chart.js a separate zoom plug-in.
 */
final class ChartScript {
  private static final String POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
  private static final String DIST = "META-INF/resources/webjars/echarts/%s/dist/echarts.common.min.js";
  private static String library;

  private ChartScript() {}

  /** echarts.common.min.js, as shipped (licence header included). */
  static synchronized String library() throws IOException {
    if (library == null) {
      Properties pom = new Properties();
      try (InputStream in = stream(POM)) {
        pom.load(in);
      }
      library = text(String.format(java.util.Locale.ROOT, DIST, pom.getProperty("version")));
      if (library.contains("</script")) {
        throw new IOException("the chart library holds </script and cannot be inlined");
      }
    }
    return library;
  }

  /** One of lshbench's page scripts, a resource beside this class. */
  static String own(String name) throws IOException {
    return text("lshbench/report/" + name);
  }

  private static String text(String resource) throws IOException {
    try (InputStream in = stream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream stream(String resource) throws IOException {
    InputStream in = ChartScript.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException(resource + " is not on the class path (the org.webjars.npm:echarts "
          + "dependency or lshbench's resources are missing from this build)");
    }
    return in;
  }
}
