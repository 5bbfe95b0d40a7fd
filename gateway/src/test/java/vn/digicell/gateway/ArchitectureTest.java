package vn.digicell.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "vn.digicell.gateway",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule featuresDoNotDependOnEachOtherInCycles =
      slices().matching("vn.digicell.gateway.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule featuresReachOnlyTheSharedWebSupport =
      noClasses()
          .that()
          .resideInAnyPackage("vn.digicell.gateway.routing..", "vn.digicell.gateway.portal..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("vn.digicell.gateway.security..");

  @ArchTest
  static final ArchRule sharedWebSupportKnowsNoFeature =
      noClasses()
          .that()
          .resideInAPackage("vn.digicell.gateway.web..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "vn.digicell.gateway.security..",
              "vn.digicell.gateway.routing..",
              "vn.digicell.gateway.portal..");
}
