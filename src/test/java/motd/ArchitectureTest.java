package motd;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rules of DESIGN.md, kept by the build. */
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
          .resideInAPackage("com.fasterxml.jackson.dataformat.yaml..");

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
}
