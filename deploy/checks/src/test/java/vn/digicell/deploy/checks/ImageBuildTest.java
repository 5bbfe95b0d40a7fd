package vn.digicell.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * One Dockerfile for every service (build arguments SERVICE and PORT): layered Boot jar, non-root,
 * health-checked; and each service's build arguments match its own jar and configured port.
 */
class ImageBuildTest {

  static final List<String> SERVICES = Repo.SERVICES;
  private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$");

  @Test
  void imageRunsAsANonRootUser() {
    Matcher matcher = USER.matcher(Images.dockerfile());
    String last = null;
    while (matcher.find()) {
      last = matcher.group(1);
    }
    assertThat(last).as("the image sets a USER").isNotNull();
    assertThat(last.split(":")[0]).isNotIn("0", "root");
  }

  @Test
  void imageChecksTheLivenessEndpointOnThePortItServes() {
    String dockerfile = Images.dockerfile();
    assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK ");
    assertThat(dockerfile).contains("/actuator/health/liveness");
    assertThat(dockerfile)
        .contains("SERVER_PORT=${PORT}")
        .containsPattern("(?m)^EXPOSE \\$\\{PORT}");
    assertThat(dockerfile).contains("/dev/tcp/127.0.0.1/${SERVER_PORT}");
  }

  @Test
  void imageIsBuiltFromTheLayersOfTheServicesBootJar() {
    String dockerfile = Images.dockerfile();
    assertThat(dockerfile)
        .contains("-Djarmode=tools -jar application.jar extract --layers")
        .contains("COPY target/${SERVICE}-*.jar application.jar");
    List<String> layers =
        List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    int previous = -1;
    for (String layer : layers) {
      int at = dockerfile.indexOf("extracted/" + layer + "/");
      assertThat(at)
          .as("layer " + layer + " is copied after the ones that change less")
          .isGreaterThan(previous);
      previous = at;
    }
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void composeBuildsEachServiceFromItsOwnJarOnItsConfiguredPort(String service) {
    Map<String, Object> services =
        Repo.cast(Repo.yamlFile("deploy/compose/compose.yaml").get("services"));
    Map<String, Object> build =
        Repo.cast(Repo.<Map<String, Object>>cast(services.get(service)).get("build"));
    assertThat(build.get("context")).isEqualTo("../../" + service);
    assertThat(build.get("dockerfile")).isEqualTo("../deploy/images/Dockerfile");
    assertThat(Repo.<Map<String, Object>>cast(build.get("args")).get("SERVICE")).isEqualTo(service);
    String config = Repo.read(service + "/src/main/resources/application.yml");
    assertThat(config).containsPattern("(?m)^\\s+port: " + Images.exposedPort(service) + "\\s*$");
  }
}
