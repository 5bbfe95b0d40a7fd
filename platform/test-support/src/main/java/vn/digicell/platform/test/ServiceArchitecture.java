package vn.digicell.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
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

  /**
   * Every scheduled job runs on one replica at a time: its method takes the job's lock
   * ({@code @SchedulerLock}, platform/events' {@code ScheduledJobsAutoConfiguration}), or says why
   * it belongs to every replica ({@code @EveryReplica}). A new {@code @Scheduled} method without
   * either fails the build.
   */
  public static ArchRule scheduledJobsTakeALock(String basePackage) {
    return methods()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage(basePackage + "..")
        .and()
        .areAnnotatedWith("org.springframework.scheduling.annotation.Scheduled")
        .should()
        .beAnnotatedWith("net.javacrumbs.shedlock.spring.annotation.SchedulerLock")
        .orShould()
        .beAnnotatedWith("vn.digicell.platform.jobs.EveryReplica")
        .because("a scheduled job runs once per cluster, not once per replica")
        .allowEmptyShould(true);
  }
}
