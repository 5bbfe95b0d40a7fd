package vn.digicell.member;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "vn.digicell.member",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainDoesNotDependOnAdapters =
      noClasses()
          .that()
          .resideOutsideOfPackages("vn.digicell.member..web..", "vn.digicell.member..messaging..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("vn.digicell.member..web..", "vn.digicell.member..messaging..")
          .because("aggregates and application services know nothing of HTTP or Kafka adapters")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule adaptersDoNotReachIntoEachOther =
      noClasses()
          .that()
          .resideInAPackage("vn.digicell.member..web..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("vn.digicell.member..messaging..")
          .allowEmptyShould(true);
}
