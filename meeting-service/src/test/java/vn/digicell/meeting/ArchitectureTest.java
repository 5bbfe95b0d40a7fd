package vn.digicell.meeting;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import vn.digicell.platform.test.ServiceArchitecture;

@AnalyzeClasses(
    packages = "vn.digicell.meeting",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsIndependentOfAdapters =
      ServiceArchitecture.domainIsIndependentOfAdapters("vn.digicell.meeting");

  @ArchTest
  static final ArchRule adaptersAreIndependent =
      ServiceArchitecture.adaptersAreIndependent("vn.digicell.meeting");

  @ArchTest
  static final ArchRule scheduledJobsTakeALock =
      ServiceArchitecture.scheduledJobsTakeALock("vn.digicell.meeting");
}
