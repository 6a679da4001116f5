package lshbench;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;

/**
 * The packages are the pipeline, bottom to top: {@code vector}, {@code io}, {@code config},
 * {@code data}, {@code data.images}, {@code data.download}, {@code features}, {@code embed},
 * {@code lsh}, {@code eval}, {@code family}, {@code experiment}, {@code report}, {@code cli} (each experiment
 * type with its report); the root package (Main) may use all of them. A package may use only the ones below
 * it, and {@code lsh} may not use {@code embed} either: an index takes vectors from anywhere.
 *
 * <p>It checks the compiled classes, not the import lines, so a fully qualified name in the
 * code counts like an import. The one reference it cannot see is a compile-time constant
 * ({@code static final} primitive or String), which javac copies into the user.
 */
@AnalyzeClasses(packages = "lshbench", importOptions = ImportOption.DoNotIncludeTests.class)
final class PackageDependencyTest {
  private static final String ROOT = "lshbench";
  private static final List<String> PIPELINE = List.of("vector", "io", "config", "data",
      "data.images", "data.download", "features", "embed", "lsh", "eval", "family", "experiment", "report", "cli");

  @ArchTest
  static final ArchRule noPackageUsesOneAboveIt = pipeline();

  private static LayeredArchitecture pipeline() {
    LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture()
        .layer(ROOT).definedBy(ROOT);
    for (String layer : PIPELINE) {
      // no "..": each sub-package is its own layer, so data does not stand for data.images
      rule = rule.layer(layer).definedBy(ROOT + "." + layer);
    }
    rule = rule.whereLayer(PIPELINE.get(0)).mayNotAccessAnyLayer();
    for (int i = 1; i < PIPELINE.size(); i++) {
      String layer = PIPELINE.get(i);
      List<String> below = PIPELINE.subList(0, i).stream()
          .filter(b -> !(layer.equals("lsh") && b.equals("embed")))
          .toList();
      rule = rule.whereLayer(layer).mayOnlyAccessLayers(below.toArray(String[]::new));
    }
    return rule;
  }
}
