package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import vn.digicell.local.LocalPlatform;
import vn.digicell.local.PlatformOptions;
import vn.digicell.local.RunningPlatform;
import vn.digicell.local.Service;
import vn.digicell.platform.test.TestHttp;

/**
 * Two of everything, as a cluster runs it ({@code up.sh --replicas 2}: a second gateway and a
 * second instance of every service on the same broker, store, Keycloak and Redis): a person logs in
 * on one gateway and carries on at the other in the same browser, and logging out on either ends
 * the session on both; a register import whose member-service is SIGKILLed half-way is finished by
 * the other one, everyone admitted once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
  @Order(1)
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
      // the login page's own script may still be navigating: a fetch it aborts answers 0
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> assertThat(phone.fetchStatus(gatewayA + "/portal/me")).isEqualTo(401L));
    }
  }

  /** Kills a service, so it runs last. */
  @Test
  @Order(2)
  void anImportWhoseServiceIsKilledHalfWayIsFinishedByTheOtherReplicaEveryoneOnce() {
    String admin = platform.accessToken("admin");
    TestHttp a = new TestHttp(gatewayA);
    TestHttp b = new TestHttp(gatewayB);
    String province = E2eData.orgUnit(a, admin, "AG", "Đảng bộ tỉnh An Giang", "PROVINCE", null);
    String commune = E2eData.orgUnit(a, admin, "VB", "Đảng bộ xã Vĩnh Bình", "COMMUNE", province);
    String code = "K" + (System.currentTimeMillis() % 100_000);
    String cell = E2eData.orgUnit(a, admin, code, "Chi bộ " + code, "CELL", commune);

    int rows = 3_000;
    StringBuilder csv =
        new StringBuilder(
            "\uFEFFHọ và tên;Giới tính;Ngày sinh;Số định danh cá nhân;Chi bộ;Ngày vào Đảng\n");
    for (int i = 0; i < rows; i++) {
      boolean woman = i % 2 == 0;
      csv.append(woman ? "Nguyễn Thị Nhập " : "Trần Văn Nhập ")
          .append(i)
          .append(woman ? ";Nữ" : ";Nam")
          .append(";15/03/1975;089")
          .append(woman ? "1" : "0")
          .append("75")
          .append(String.format("%06d", 500_000 + i))
          .append(';')
          .append(code)
          .append(";19/05/2000\n");
    }
    String boundary = "----digicell" + System.nanoTime();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"so-dang-vien.csv\""
            + "\r\nContent-Type: text/csv\r\n\r\n"
            + csv
            + "\r\n--"
            + boundary
            + "--\r\n";
    // through gateway A to member-service A
    TestHttp.Response started =
        a.send(
            "POST",
            "/api/imports?under=/AG/VB",
            admin,
            "multipart/form-data; boundary=" + boundary,
            body);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String job = "/api/imports/" + started.json().get("id").asString();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> b.get(job, admin).json().get("processedRows").asInt() >= 1_000);

    ProcessHandle memberA = platform.process(Service.MEMBER).orElseThrow();
    memberA.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-over
    await().atMost(Duration.ofSeconds(30)).until(() -> !memberA.isAlive());
    int atKill = b.get(job, admin).json().get("processedRows").asInt();
    assertThat(atKill).as("killed half-way").isLessThan(rows);

    // the lease runs out (30 s) and a replica resumes it from the last saved batch
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> !"RUNNING".equals(b.get(job, admin).json().get("status").asString()));
    JsonNode done = b.get(job, admin).json();
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
    assertThat(done.get("importedRows").asInt()).as("counted once").isEqualTo(rows);
    assertThat(done.get("alreadyOnRecord").asInt()).isZero();
    assertThat(done.get("rejectedRows").asInt()).isZero();

    // the cell's roster, page by page through the surviving replica: everyone exactly once
    List<JsonNode> members = E2eData.membersOfCell(b, admin, cell);
    int listed = members.size();
    Set<String> ids = E2eData.distinct(members, "id");
    Set<String> names = E2eData.distinct(members, "fullName");
    assertThat(listed).as("members in the cell").isEqualTo(rows);
    assertThat(ids).hasSize(rows);
    assertThat(names).as("each row's person once").hasSize(rows);
    System.out.printf(
        "scale-out import: %d rows, member-service A SIGKILLed at %d processed, finished by a"
            + " replica: %d imported, %d members listed, %d distinct%n",
        rows, atKill, done.get("importedRows").asInt(), listed, ids.size());
  }
}
