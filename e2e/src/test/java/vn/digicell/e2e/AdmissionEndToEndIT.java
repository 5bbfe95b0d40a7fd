package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import vn.digicell.local.KeycloakClient;
import vn.digicell.local.RunningPlatform;
import vn.digicell.platform.test.TestHttp;

/**
 * The walking skeleton, for real: Kafka broker, embedded store, Keycloak and the five services as
 * processes, driven through the gateway with tokens Keycloak issued.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionEndToEndIT {

  RunningPlatform platform;
  TestHttp gateway;

  @BeforeAll
  void startPlatform() {
    platform = E2ePlatform.get();
    gateway = E2ePlatform.gateway();
  }

  @Test
  void admittingAMemberThroughTheGatewayPutsAWelcomeInTheirInbox() {
    String admin = platform.accessToken("admin");
    String suffix = Long.toString(System.nanoTime() % 100_000);
    String province = create(admin, unit("AG", "Đảng bộ tỉnh An Giang", "PROVINCE", null));
    String commune = create(admin, unit("VB", "Đảng bộ xã Vĩnh Bình", "COMMUNE", province));
    String cell = create(admin, unit("C" + suffix, "Chi bộ ấp Cái Nứa", "CELL", commune));

    Map<String, Object> admission = new HashMap<>();
    admission.put("fullName", "Huỳnh Thị Mai");
    admission.put("gender", "FEMALE");
    admission.put("dateOfBirth", "1996-08-21");
    admission.put("citizenId", "089196012345");
    admission.put("orgUnitId", cell);
    admission.put("admittedOn", "2025-03-26");
    TestHttp.Response admitted = gateway.postJson("/api/members", admin, admission);
    assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
    String memberId = admitted.json().get("id").asString();
    String orgPath = admitted.json().get("orgPath").asString();

    // the new member gets a login whose token carries their member id
    platform.createUser(
        KeycloakClient.NewUser.member("mai" + suffix, "mai-pass", memberId, orgPath));
    String mai = platform.accessToken("mai" + suffix, "mai-pass");

    JsonNode[] inbox = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              TestHttp.Response r = gateway.get("/api/notifications", mai);
              inbox[0] = r.status() == 200 ? r.json() : null;
              return inbox[0] != null && inbox[0].get("items").size() == 1;
            });
    assertThat(inbox[0].get("items").get(0).get("body").asString()).contains("Huỳnh Thị Mai");

    // the member sees their own record through the gateway, and nobody else's
    assertThat(gateway.get("/api/members/" + memberId, mai).status()).isEqualTo(200);
    assertThat(gateway.get("/api/members?orgUnit=" + cell, mai).status()).isEqualTo(403);

    // positions drive access: made cell secretary, her next token can read the cell's roster
    TestHttp.Response position =
        gateway.post(
            "/api/members/" + memberId + "/history",
            admin,
            "{\"kind\":\"POSITION\",\"from\":\"2025-09-01\",\"classification\":\"CELL_SECRETARY\"}");
    assertThat(position.status()).as(position.body()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                gateway
                        .get(
                            "/api/members?orgUnit=" + cell,
                            platform.accessToken("mai" + suffix, "mai-pass"))
                        .status()
                    == 200);
  }

  @Test
  void theGatewayRefusesTheApiWithoutATokenAsAProblem() {
    TestHttp.Response r = gateway.get("/api/members?orgUnit=x", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
  }

  private String create(String token, Map<String, Object> body) {
    TestHttp.Response r = gateway.postJson("/api/org-units", token, body);
    if (r.status() == 409) {
      // already there from an earlier test of this run: find it by path
      return existing(token, body);
    }
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private String existing(String token, Map<String, Object> body) {
    TestHttp.Response list = gateway.get("/api/org-units?size=200", token);
    for (JsonNode unit : list.json().get("items")) {
      if (unit.get("code").asString().equals(body.get("code"))) {
        return unit.get("id").asString();
      }
    }
    throw new AssertionError("org unit " + body.get("code") + " neither created nor found");
  }

  private static Map<String, Object> unit(String code, String name, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", name);
    body.put("kind", kind);
    body.put("parentId", parent);
    return body;
  }
}
