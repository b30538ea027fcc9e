package motd;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules the README's "Development" section describes, kept by the build. Why: the
 * core is a library that tests and other front ends call without the command line, so nothing may
 * import {@code cli}; each third-party format stays behind one package (YAML in {@code load},
 * Mustache in {@code render}, OpenPGP in {@code sign}), so replacing a library touches one place;
 * the model and the targeting rules stay pure, so they are easy to test and to reason about; and
 * the stages form layers that only call downwards, so a change flows one way.
 */
@AnalyzeClasses(packages = "motd", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule nothingImportsTheCommandLine =
      noClasses()
          .that()
          .resideOutsideOfPackage("motd.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("motd.cli..");

  @ArchTest
  static final ArchRule onlyLoadParsesYaml =
      noClasses()
          .that()
          .resideOutsideOfPackage("motd.load..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.fasterxml.jackson.dataformat.yaml..", "org.yaml.snakeyaml..");

  /**
   * The pipeline's layers, top to bottom: the command line; the preview server (serve); the engine
   * (site); check; the stages it runs (load, rules, compose, render, sign, bundle, emit), with
   * stats (usage counts from logs, called by the command line and by the engine to publish them)
   * beside them; and the pure core (model, version, diagnostic), which every layer may use.
   */
  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("CLI")
          .definedBy("motd.cli..")
          .layer("Serve")
          .definedBy("motd.serve..")
          .layer("Engine")
          .definedBy("motd.site..")
          .layer("Check")
          .definedBy("motd.check..")
          .layer("Compose")
          .definedBy("motd.compose..")
          .layer("Render")
          .definedBy("motd.render..")
          .layer("Rules")
          .definedBy("motd.rules..")
          .layer("Load")
          .definedBy("motd.load..")
          .layer("Emit")
          .definedBy("motd.emit..")
          .layer("Sign")
          .definedBy("motd.sign..")
          .layer("Bundle")
          .definedBy("motd.bundle..")
          .layer("Stats")
          .definedBy("motd.stats..")
          .layer("Core")
          .definedBy("motd.model..", "motd.version..", "motd.diagnostic..")
          .whereLayer("CLI")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Serve")
          .mayOnlyBeAccessedByLayers("CLI")
          .whereLayer("Engine")
          .mayOnlyBeAccessedByLayers("CLI", "Serve")
          .whereLayer("Check")
          .mayOnlyBeAccessedByLayers("CLI", "Engine")
          .whereLayer("Compose")
          .mayOnlyBeAccessedByLayers("Engine", "Check")
          .whereLayer("Render")
          .mayOnlyBeAccessedByLayers("Engine", "Check", "Compose")
          .whereLayer("Rules")
          .mayOnlyBeAccessedByLayers("Engine", "Check", "Compose")
          .whereLayer("Load")
          .mayOnlyBeAccessedByLayers("Engine", "Check", "Stats")
          .whereLayer("Sign")
          .mayOnlyBeAccessedByLayers("CLI", "Serve", "Engine")
          .whereLayer("Bundle")
          .mayOnlyBeAccessedByLayers("CLI", "Engine")
          .whereLayer("Stats")
          .mayOnlyBeAccessedByLayers("CLI", "Engine")
          .whereLayer("Emit")
          .mayOnlyBeAccessedByLayers("CLI", "Serve", "Engine", "Sign", "Bundle", "Stats");

  @ArchTest
  static final ArchRule onlyRenderUsesMustache =
      noClasses()
          .that()
          .resideOutsideOfPackage("motd.render..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.github.mustachejava..");

  @ArchTest
  static final ArchRule onlySignUsesBouncyCastle =
      noClasses()
          .that()
          .resideOutsideOfPackage("motd.sign..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.bouncycastle..");

  @ArchTest
  static final ArchRule modelAndVersionArePure =
      classes()
          .that()
          .resideInAnyPackage("motd.model..", "motd.version..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "motd.model..", "motd.version..", "motd.diagnostic..");

  @ArchTest
  static final ArchRule rulesArePure =
      classes()
          .that()
          .resideInAPackage("motd.rules..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..", "motd.model..", "motd.version..", "motd.rules..", "motd.diagnostic..");

  /**
   * Stats takes its allowlists from the model and knows nothing else about announcements; it reads
   * logs with no library but the two decompressors.
   */
  @ArchTest
  static final ArchRule statsCountsWithoutKnowingTheRest =
      classes()
          .that()
          .resideInAPackage("motd.stats..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "motd.stats..",
              "motd.model..",
              "motd.version..",
              "motd.diagnostic..",
              "motd.load..",
              "motd.emit..",
              "org.tukaani.xz..",
              "io.airlift.compress..");
}
