package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.platform.test.TestHttp;

/**
 * A cell secretary temporarily attached to another cell is a plain member there (issue 14's grant
 * model, walked end to end): her secretary position is recorded in her record (member-service syncs
 * it to Keycloak as {@code cell-secretary} on her own cell), the attachment goes through the
 * transfer workflow (request, the commune's letter, receipt, completion), and her next login
 * carries {@code member} on the host cell and nothing more there. She is invited to the host cell's
 * meeting and reads it on her phone; the host cell's member profiles, roster and scheduling answer
 * 403; at home she is still the secretary.
 */
class AttachmentAccessIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aSecretaryAttachedToAnotherCellReadsItsMeetingsButNotItsMembers() {
    PortalFixture home = new PortalFixture("Chi bộ ấp Vĩnh Lợi");
    PortalFixture host = new PortalFixture("Chi bộ ấp Vĩnh Thành");
    String s = home.suffix.toLowerCase();
    // her login starts as a plain member: the secretary grant comes from her recorded position
    PortalFixture.Person mai = home.official("Võ Thị Mai", "FEMALE", "bt" + s, List.of("member"));
    PortalFixture.Person homeMember =
        home.official("Lê Văn Tâm", "MALE", "dv" + s, List.of("member"));
    PortalFixture.Person hostSecretary =
        host.official(
            "Phạm Văn Lộc",
            "MALE",
            "bt" + host.suffix.toLowerCase(),
            List.of("member", "cell-secretary"));
    PortalFixture.Person hostMember =
        host.official(
            "Đặng Thị Lan", "FEMALE", "dv" + host.suffix.toLowerCase(), List.of("member"));
    TestHttp gateway = home.gateway;
    String admin = home.platform.accessToken("admin");

    TestHttp.Response position =
        gateway.postJson(
            "/api/members/" + mai.memberId() + "/history",
            admin,
            Map.of(
                "kind", "POSITION",
                "from", LocalDate.now().minusYears(1).toString(),
                "title", "Bí thư chi bộ",
                "classification", "CELL_SECRETARY",
                "decisionNumber", "15-QĐ/ĐU"));
    assertThat(position.status()).as(position.body()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> grants(home.token(mai)).contains("cell-secretary:" + home.cellPath));
    // at home she reads her members' profiles; the other cell is closed to her
    assertThat(gateway.get("/api/members/" + homeMember.memberId(), home.token(mai)).status())
        .isEqualTo(200);
    String hostMeeting =
        host.meeting(hostSecretary, "Sinh hoạt chuyên đề ấp Vĩnh Thành " + host.suffix, List.of())
            .get("id")
            .asString();
    assertThat(gateway.get("/api/meetings/" + hostMeeting, home.token(mai)).status())
        .isEqualTo(403);

    // the attachment, as the commune runs it
    String until = LocalDate.now().plusMonths(3).toString();
    TestHttp.Response requested =
        gateway.postJson(
            "/api/transfers",
            admin,
            Map.of(
                "memberId",
                mai.memberId(),
                "kind",
                "TEMPORARY",
                "toOrgUnitId",
                host.cellId,
                "temporaryUntil",
                until,
                "reason",
                "Đi làm ăn xa ba tháng"));
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    String transfer = requested.json().get("id").asString();
    ok(
        gateway.postJson(
            "/api/transfers/" + transfer + "/approve", admin, Map.of("letterNumber", "27-GGT/ĐU")));
    ok(gateway.postJson("/api/transfers/" + transfer + "/receive", admin, Map.of()));
    ok(gateway.postJson("/api/transfers/" + transfer + "/complete", admin, Map.of()));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> grants(home.token(mai)).contains("member:" + host.cellPath));
    List<String> grants = grants(home.token(mai));
    assertThat(grants)
        .contains("member:" + home.cellPath, "cell-secretary:" + home.cellPath)
        .doesNotContain("cell-secretary:" + host.cellPath, "committee:" + host.cellPath);

    String token = home.token(mai);
    // the host cell's meetings, as a member reads them
    assertThat(gateway.get("/api/meetings/" + hostMeeting, token).status()).isEqualTo(200);
    TestHttp.Response list = gateway.get("/api/meetings?size=20&cellId=" + host.cellId, token);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.body()).contains(hostMeeting);
    // …but not its members, its roster, nor the secretary's work there
    assertThat(gateway.get("/api/members/" + hostMember.memberId(), token).status()).isEqualTo(403);
    assertThat(gateway.get("/api/cells/" + host.cellId + "/roster", token).status()).isEqualTo(403);
    assertThat(
            gateway.get("/api/members/search?under=" + host.cellPath + "&size=5", token).status())
        .isEqualTo(403);
    TestHttp.Response schedule =
        gateway.postJson(
            "/api/meetings",
            token,
            Map.of(
                "cellId", host.cellId,
                "kind", "REGULAR",
                "mode", "IN_PERSON",
                "title", "Không được phép",
                "startsAt", java.time.Instant.now().plus(Duration.ofDays(2)).toString(),
                "location", "Nhà văn hóa"));
    assertThat(schedule.status()).as(schedule.body()).isEqualTo(403);
    // at home she is still the secretary
    assertThat(gateway.get("/api/members/" + homeMember.memberId(), token).status()).isEqualTo(200);
    assertThat(gateway.get("/api/cells/" + home.cellId + "/roster", token).status()).isEqualTo(200);

    // on her phone: the host cell's next meeting invites her, and its page opens
    String nextTitle = "Sinh hoạt thường kỳ ấp Vĩnh Thành " + host.suffix;
    String next = host.meeting(hostSecretary, nextTitle, List.of()).get("id").asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                gateway
                    .get("/api/notifications?size=20", home.token(mai))
                    .body()
                    .contains("/#/meeting/" + next));
    try (PortalBrowser phone = PortalBrowser.phone(E2ePlatform.gatewayUrl())) {
      phone.login(mai.username(), PortalFixture.PASSWORD);
      phone.open("notices");
      phone.click(
          By.xpath("//a[contains(normalize-space(.), 'Lịch sinh hoạt: " + nextTitle + "')]"));
      phone.textIn(By.cssSelector("#main h2"), nextTitle);
      assertThat(phone.driver.getCurrentUrl()).endsWith("#/meeting/" + next);
      phone.assertReadable();
    }
  }

  private static void ok(TestHttp.Response response) {
    assertThat(response.status()).as(response.body()).isBetween(200, 201);
  }

  /** The {@code grants} claim of an access token (read, not verified: the services verify it). */
  private static List<String> grants(String accessToken) {
    String payload = accessToken.split("\\.")[1];
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
    return claims.path("grants").valueStream().map(JsonNode::asString).toList();
  }
}
