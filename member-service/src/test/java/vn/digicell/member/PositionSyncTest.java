package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * Positions recorded in member-service reach Keycloak: a stand-in for Keycloak's admin REST API
 * (real HTTP) holds one login per member and records what member-service sets.
 */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PositionSyncTest {

  static final JsonMapper JSON = JsonMapper.shared();
  static final HttpServer KEYCLOAK = startKeycloak();

  /** member id → that login's org_scope and roles, as the stand-in holds them. */
  static final Map<String, List<String>> SCOPES = new ConcurrentHashMap<>();

  /** member id → that login's grants and synced_grants attributes. */
  static final Map<String, List<String>> GRANTS = new ConcurrentHashMap<>();

  static final Map<String, List<String>> SYNCED = new ConcurrentHashMap<>();

  static final Map<String, Set<String>> ROLES = new ConcurrentHashMap<>();

  @DynamicPropertySource
  static void keycloak(DynamicPropertyRegistry registry) {
    registry.add("digicell.member.keycloak.enabled", () -> "true");
    registry.add(
        "digicell.member.keycloak.base-url",
        () -> "http://127.0.0.1:" + KEYCLOAK.getAddress().getPort());
    registry.add("digicell.member.keycloak.client-secret", () -> "s3cret");
  }

  @LocalServerPort int port;
  TestHttp http;
  String admin;
  String cell;
  String commune;

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin", "committee").orgScope("/AG").sign();
    String province = create("AG", "PROVINCE", null);
    commune = create("VB", "COMMUNE", province);
    cell = create("C05", "CELL", commune);
  }

  @AfterAll
  void stop() {
    KEYCLOAK.stop(0);
  }

  private String create(String code, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Đơn vị " + code);
    body.put("kind", kind);
    body.put("parentId", parent);
    return http.postJson("/api/org-units", admin, body).json().get("id").asString();
  }

  @Test
  void aPositionAssignedOrEndedChangesTheHoldersScopeAndRoles() {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", "Bạch Văn Thư");
    body.put("gender", "MALE");
    body.put("dateOfBirth", "1978-07-07");
    body.put("citizenId", "089078007007");
    body.put("orgUnitId", cell);
    body.put("admittedOn", "2010-01-01");
    String member = http.postJson("/api/members", admin, body).json().get("id").asString();
    SCOPES.put(member, List.of("/AG/VB/C05"));
    ROLES.put(member, new CopyOnWriteArraySet<>(List.of("member")));
    // grants an administrator gave this login by hand: no sync may take them away
    GRANTS.put(member, List.of("org-admin:/AG", "auditor:/AG/VB"));

    TestHttp.Response secretary =
        http.post(
            "/api/members/" + member + "/history",
            admin,
            "{\"kind\":\"POSITION\",\"from\":\"2024-01-01\",\"classification\":\"CELL_SECRETARY\"}");
    assertThat(secretary.status()).as(secretary.body()).isEqualTo(201);
    TestHttp.Response committee =
        http.post(
            "/api/members/" + member + "/history",
            admin,
            "{\"kind\":\"POSITION\",\"from\":\"2024-06-01\",\"classification\":\"COMMITTEE_MEMBER\"}");
    assertThat(committee.status()).isEqualTo(201);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ROLES.get(member).containsAll(Set.of("cell-secretary", "committee")));
    assertThat(SCOPES.get(member)).containsExactly("/AG/VB/C05", "/AG/VB");
    assertThat(ROLES.get(member)).contains("member");
    assertThat(GRANTS.get(member))
        .containsExactlyInAnyOrder(
            "org-admin:/AG",
            "auditor:/AG/VB",
            "member:/AG/VB/C05",
            "cell-secretary:/AG/VB/C05",
            "committee:/AG/VB");
    assertThat(SYNCED.get(member))
        .containsExactlyInAnyOrder(
            "member:/AG/VB/C05", "cell-secretary:/AG/VB/C05", "committee:/AG/VB");

    // the committee term ends: a correction with an end date in the past
    String entry = committee.json().get("entryId").asString();
    TestHttp.Response ended =
        http.post(
            "/api/members/" + member + "/history",
            admin,
            "{\"kind\":\"POSITION\",\"from\":\"2024-06-01\",\"to\":\""
                + LocalDate.now().minusDays(1)
                + "\",\"classification\":\"COMMITTEE_MEMBER\",\"supersedes\":\""
                + entry
                + "\"}");
    assertThat(ended.status()).as(ended.body()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> !ROLES.get(member).contains("committee"));
    assertThat(SCOPES.get(member)).containsExactly("/AG/VB/C05");
    assertThat(ROLES.get(member)).contains("cell-secretary", "member");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !GRANTS.get(member).contains("committee:/AG/VB"));
    // the administrator's grants survive every sync; only what the sync wrote is taken back
    assertThat(GRANTS.get(member))
        .containsExactlyInAnyOrder(
            "org-admin:/AG", "auditor:/AG/VB", "member:/AG/VB/C05", "cell-secretary:/AG/VB/C05");
    assertThat(SYNCED.get(member))
        .containsExactlyInAnyOrder("member:/AG/VB/C05", "cell-secretary:/AG/VB/C05");
  }

  @Test
  void aSecretaryAttachedToAnotherCellIsOnlyAMemberThere() {
    String host = create("C08", "CELL", commune);
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", "Lê Văn Gửi");
    body.put("gender", "MALE");
    body.put("dateOfBirth", "1978-07-07");
    body.put("citizenId", "089078007011");
    body.put("orgUnitId", cell);
    body.put("admittedOn", "2010-01-01");
    String member = http.postJson("/api/members", admin, body).json().get("id").asString();
    SCOPES.put(member, List.of("/AG/VB/C05"));
    ROLES.put(member, new CopyOnWriteArraySet<>(List.of("member")));
    GRANTS.put(member, List.of("analyst:/AG"));
    assertThat(
            http.post(
                    "/api/members/" + member + "/history",
                    admin,
                    "{\"kind\":\"POSITION\",\"from\":\"2024-01-01\",\"classification\":\"CELL_SECRETARY\"}")
                .status())
        .isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> GRANTS.get(member).contains("cell-secretary:/AG/VB/C05"));

    // a temporary attachment to C08 (e.g. working there for three months)
    String transfer =
        http.post(
                "/api/transfers",
                admin,
                "{\"memberId\":\"%s\",\"kind\":\"TEMPORARY\",\"toOrgUnitId\":\"%s\",\"temporaryUntil\":\"%s\",\"reason\":\"công tác\"}"
                    .formatted(member, host, LocalDate.now().plusMonths(3)))
            .json()
            .get("id")
            .asString();
    http.post("/api/transfers/" + transfer + "/approve", admin, "{\"letterNumber\":\"15-GGT\"}");
    http.post("/api/transfers/" + transfer + "/receive", admin, "");
    TestHttp.Response completed = http.post("/api/transfers/" + transfer + "/complete", admin, "");
    assertThat(completed.status()).as(completed.body()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> GRANTS.get(member).contains("member:/AG/VB/C08"));
    assertThat(GRANTS.get(member))
        .containsExactlyInAnyOrder(
            "analyst:/AG", "member:/AG/VB/C05", "cell-secretary:/AG/VB/C05", "member:/AG/VB/C08")
        .doesNotContain("cell-secretary:/AG/VB/C08");
    assertThat(SYNCED.get(member)).doesNotContain("analyst:/AG");
  }

  @Test
  void aSecretaryWhoseCellIsMergedActsForTheSurvivorAfterwards() {
    String merged = create("C18", "CELL", commune);
    String survivor = create("C19", "CELL", commune);
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", "Hợp Văn Nhất");
    body.put("gender", "MALE");
    body.put("dateOfBirth", "1978-07-07");
    body.put("citizenId", "089078007008");
    body.put("orgUnitId", merged);
    body.put("admittedOn", "2010-01-01");
    String member = http.postJson("/api/members", admin, body).json().get("id").asString();
    SCOPES.put(member, List.of("/AG/VB/C18"));
    ROLES.put(member, new CopyOnWriteArraySet<>(List.of("member")));
    assertThat(
            http.post(
                    "/api/members/" + member + "/history",
                    admin,
                    "{\"kind\":\"POSITION\",\"from\":\"2024-01-01\",\"classification\":\"CELL_SECRETARY\"}")
                .status())
        .isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ROLES.get(member).contains("cell-secretary"));

    assertThat(
            http.post(
                    "/api/org-units/" + merged + "/merge",
                    admin,
                    "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}"
                        .formatted(survivor, LocalDate.now()))
                .status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> SCOPES.get(member).equals(List.of("/AG/VB/C19")));
    assertThat(GRANTS.get(member))
        .containsExactlyInAnyOrder("member:/AG/VB/C19", "cell-secretary:/AG/VB/C19");
    assertThat(ROLES.get(member)).contains("cell-secretary", "member");
  }

  private static HttpServer startKeycloak() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/realms/digicell/protocol/openid-connect/token",
          ex -> {
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok =
                form.contains("client_secret=s3cret") && form.contains("client_credentials");
            reply(ex, ok ? 200 : 401, ok ? "{\"access_token\":\"svc\"}" : "{}");
          });
      server.createContext("/admin/realms/digicell/", PositionSyncTest::admin);
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void admin(HttpExchange ex) throws IOException {
    if (!"Bearer svc".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      reply(ex, 401, "{}");
      return;
    }
    String path = ex.getRequestURI().getPath().replace("/admin/realms/digicell", "");
    String method = ex.getRequestMethod();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (path.equals("/users") && method.equals("GET")) {
      String memberId = ex.getRequestURI().getQuery().replaceAll(".*member_id:", "");
      reply(ex, 200, SCOPES.containsKey(memberId) ? "[" + user(memberId) + "]" : "[]");
    } else if (path.startsWith("/roles/")) {
      String name = path.substring("/roles/".length());
      reply(ex, 200, "{\"id\":\"r-" + name + "\",\"name\":\"" + name + "\"}");
    } else if (path.endsWith("/role-mappings/realm")) {
      String memberId = path.split("/")[2].substring(2);
      Set<String> roles = ROLES.get(memberId);
      switch (method) {
        case "GET" -> {
          StringBuilder out = new StringBuilder("[");
          roles.forEach(
              r -> out.append(out.length() > 1 ? "," : "").append("{\"name\":\"" + r + "\"}"));
          reply(ex, 200, out + "]");
        }
        case "POST" -> {
          JSON.readTree(body).forEach(r -> roles.add(r.get("name").asString()));
          reply(ex, 204, null);
        }
        case "DELETE" -> {
          JSON.readTree(body).forEach(r -> roles.remove(r.get("name").asString()));
          reply(ex, 204, null);
        }
        default -> reply(ex, 405, null);
      }
    } else if (path.startsWith("/users/")) {
      String memberId = path.substring("/users/u-".length());
      if (method.equals("GET")) {
        reply(ex, 200, user(memberId));
      } else {
        JsonNode user = JSON.readTree(body);
        assertThat(user.get("attributes").get("member_id").get(0).asString()).isEqualTo(memberId);
        SYNCED.put(memberId, strings(user.get("attributes").get("synced_grants")));
        GRANTS.put(memberId, strings(user.get("attributes").get("grants")));
        SCOPES.put(memberId, strings(user.get("attributes").get("org_scope")));
        reply(ex, 204, null);
      }
    } else {
      reply(ex, 404, "{}");
    }
  }

  private static String user(String memberId) {
    Map<String, Object> attributes = new java.util.LinkedHashMap<>();
    attributes.put("member_id", List.of(memberId));
    attributes.put("org_scope", SCOPES.get(memberId));
    if (GRANTS.containsKey(memberId)) {
      attributes.put("grants", GRANTS.get(memberId));
    }
    if (SYNCED.containsKey(memberId)) {
      attributes.put("synced_grants", SYNCED.get(memberId));
    }
    return JSON.writeValueAsString(
        Map.of("id", "u-" + memberId, "username", "thu", "attributes", attributes));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    if (array != null) {
      array.forEach(v -> values.add(v.asString()));
    }
    return values;
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body == null ? -1 : bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
