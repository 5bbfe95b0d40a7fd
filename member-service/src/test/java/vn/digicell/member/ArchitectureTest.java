package vn.digicell.member;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import vn.digicell.platform.test.ServiceArchitecture;

@AnalyzeClasses(
    packages = "vn.digicell.member",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsIndependentOfAdapters =
      ServiceArchitecture.domainIsIndependentOfAdapters("vn.digicell.member");

  @ArchTest
  static final ArchRule adaptersAreIndependent =
      ServiceArchitecture.adaptersAreIndependent("vn.digicell.member");

  @ArchTest
  static final ArchRule scheduledJobsTakeALock =
      ServiceArchitecture.scheduledJobsTakeALock("vn.digicell.member");
}
