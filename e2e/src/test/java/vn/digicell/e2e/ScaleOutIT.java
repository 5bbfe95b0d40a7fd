package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import vn.digicell.local.LocalPlatform;
import vn.digicell.local.PlatformOptions;
import vn.digicell.local.RunningPlatform;
import vn.digicell.platform.test.TestHttp;

/**
 * Two of everything, as a cluster runs it ({@code up.sh --replicas 2}: a second gateway and a
 * second instance of every service on the same broker, store, Keycloak and Redis): a person logs in
 * on one gateway and carries on at the other in the same browser, and logging out on either ends
 * the session on both.
 */
class ScaleOutIT {

  private static RunningPlatform platform;
  private static String gatewayA;
  private static String gatewayB;

  @BeforeAll
  static void twoOfEverything() {
    Path root = Path.of(System.getProperty("digicell.e2e.root", "..")).toAbsolutePath().normalize();
    Path data = Path.of("target", "e2e-scale-out-" + UUID.randomUUID()).toAbsolutePath();
    int offset = Integer.getInteger("digicell.e2e.scale-out-port-offset", 20000);
    platform =
        LocalPlatform.start(
            PlatformOptions.forEndToEndTests(root, data, false)
                .withPortOffset(offset)
                .withReplicas(2));
    gatewayA = "http://localhost:" + platform.ports().gateway();
    gatewayB = "http://localhost:" + platform.ports().replica(2).gateway();
    // both gateways answer through their own set of services before a person arrives
    String admin = platform.accessToken("admin");
    for (String gateway : new String[] {gatewayA, gatewayB}) {
      TestHttp http = new TestHttp(gateway);
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> http.get("/api/org-units?size=1", admin).status() == 200);
    }
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aPersonLogsInOnOneGatewayCarriesOnAtTheOtherAndLogsOutOfBoth() {
    try (PortalBrowser phone = PortalBrowser.phone(gatewayA)) {
      phone.login("member", "demo");
      assertThat(phone.fetchStatus(gatewayA + "/portal/me")).isEqualTo(200L);

      // the same browser at the second gateway: no login page, the same person
      phone.openUrl(gatewayB + "/");
      phone.visible(By.id("logout"));
      assertThat(phone.fetchStatus(gatewayB + "/portal/me")).isEqualTo(200L);
      assertThat(phone.driver.findElements(By.id("login"))).isEmpty();
      phone.assertReadable();

      // logging out at B ends the session A knows too
      phone.click(By.id("logout"));
      phone.openUrl(gatewayA + "/");
      phone.visible(By.id("login"));
      assertThat(phone.fetchStatus(gatewayA + "/portal/me")).isEqualTo(401L);
    }
  }
}
