package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * A reorganisation touching more members than the request-time limit (3 here; 2,000 by default) is
 * accepted (202) and runs in the background; its plan tells when it is done.
 */
@DigiCellIntegrationTest
@TestPropertySource(properties = "digicell.member.reorganisation.sync-limit=3")
class LargeReorganisationTest {

  @LocalServerPort int port;

  @Test
  void aLargeMergeIsAcceptedAndCompletesInTheBackground() {
    TestHttp http = new TestHttp("http://localhost:" + port);
    String admin = TestTokens.forUser("admin").roles("org-admin").orgScope("/LG").sign();
    String province = create(http, admin, "LG", "PROVINCE", null);
    String commune = create(http, admin, "VA", "COMMUNE", province);
    String absorbed = create(http, admin, "C01", "CELL", commune);
    String survivor = create(http, admin, "C02", "CELL", commune);
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Map<String, Object> body = new HashMap<>();
      body.put("fullName", "Đông Văn Người " + i);
      body.put("gender", "MALE");
      body.put("dateOfBirth", "1980-05-05");
      body.put("citizenId", "089080" + "%06d".formatted(400 + i));
      body.put("orgUnitId", absorbed);
      body.put("admittedOn", "2015-05-05");
      TestHttp.Response r = http.postJson("/api/members", admin, body);
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      members.add(r.json().get("id").asString());
    }

    TestHttp.Response accepted =
        http.post(
            "/api/org-units/" + absorbed + "/merge",
            admin,
            "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(survivor, LocalDate.now()));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String location = accepted.json().get("location").asString();
    assertThat(accepted.header("Location")).endsWith(location);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "DONE".equals(http.get(location, admin).json().get("state").asString()));
    JsonNode plan = http.get(location, admin).json();
    assertThat(plan.get("kind").asString()).isEqualTo("MERGE");
    assertThat(plan.get("finishedAt").isNull()).isFalse();
    assertThat(
            http.get("/api/org-units/" + absorbed, admin)
                .json()
                .get("unit")
                .get("status")
                .asString())
        .isEqualTo("MERGED");
    for (String m : members) {
      assertThat(http.get("/api/members/" + m, admin).json().get("orgPath").asString())
          .isEqualTo("/LG/VA/C02");
    }
    // the plan is read only by those acting for the unit
    String outsider = TestTokens.forUser("o").roles("committee").orgScope("/LG/VB").sign();
    assertThat(http.get(location, outsider).status()).isEqualTo(403);
    assertThat(http.get("/api/org-units/reorganisations/nope", admin).status()).isEqualTo(404);
  }

  private static String create(
      TestHttp http, String admin, String code, String kind, String parent) {
    return TestOrgUnits.create(http, admin, code, kind, parent);
  }
}
