package vn.digicell.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** The architecture rules every service keeps (see CONVENTIONS.md), for its ArchUnit test. */
public final class ServiceArchitecture {

  private ServiceArchitecture() {}

  /** Aggregates and application services know nothing of HTTP or Kafka adapters. */
  public static ArchRule domainIsIndependentOfAdapters(String basePackage) {
    String web = basePackage + "..web..";
    String messaging = basePackage + "..messaging..";
    return noClasses()
        .that()
        .resideInAPackage(basePackage + "..")
        .and()
        .resideOutsideOfPackages(web, messaging)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(web, messaging)
        .because("domain code does not import web or messaging code")
        .allowEmptyShould(true);
  }

  /** Web adapters and messaging adapters talk to the domain, not to each other. */
  public static ArchRule adaptersAreIndependent(String basePackage) {
    return noClasses()
        .that()
        .resideInAPackage(basePackage + "..web..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(basePackage + "..messaging..")
        .allowEmptyShould(true);
  }
}
