package vn.digicell.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The demo logins and keys of deploy/local appear nowhere else under deploy/. */
class NoDemoCredentialsTest {

  @Test
  void noDeploymentFileOutsideDeployLocalHoldsADemoCredential() throws IOException {
    Path deploy = Repo.ROOT.resolve("deploy");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(deploy)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> !f.startsWith(deploy.resolve("local")))
              .filter(f -> !f.startsWith(deploy.resolve("checks")))
              .filter(f -> !f.toString().contains("/target/"))
              .toList();
    }
    assertThat(files).as("deployment files").hasSizeGreaterThan(20);
    for (Path file : files) {
      String text = Files.readString(file);
      for (String secret : DemoCredentials.all()) {
        assertThat(text)
            .as("%s holds a demo credential", Repo.ROOT.relativize(file))
            .doesNotContain(secret);
      }
      assertThat(text)
          .as("%s imports demo users", Repo.ROOT.relativize(file))
          .doesNotContain("local-realm-overlay");
    }
  }
}
