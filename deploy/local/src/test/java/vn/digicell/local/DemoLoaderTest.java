package vn.digicell.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loader against stand-ins for member-service and Keycloak that speak their contracts: org
 * units before members, retries on 5xx, a clear stop on 4xx, and the demo logins linked to C07.
 */
class DemoLoaderTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private HttpServer server;
  private URI base;
  private final Map<String, String> orgPaths = new ConcurrentHashMap<>();
  private final Map<String, String> memberCell = new ConcurrentHashMap<>();
  private final Map<String, Integer> decisions = new ConcurrentHashMap<>();
  private final List<String> transferSteps = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, String> linkedMemberIds = new ConcurrentHashMap<>();
  private final Map<String, String> zaloIds = new ConcurrentHashMap<>();
  private final AtomicInteger memberCalls = new AtomicInteger();
  private volatile int rejectMembersWith;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 50);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/realms/", this::token);
    server.createContext("/admin/realms/digicell/users", this::users);
    server.createContext("/api/org-units", this::orgUnit);
    server.createContext("/api/members", this::member);
    server.createContext("/api/transfers", this::transfer);
    server.start();
    base = URI.create("http://localhost:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void loadsTheCommuneThroughTheApiAndLinksTheDemoLoginsToCellC07() throws Exception {
    LoadedDemo result = new DemoLoader(base, new KeycloakClient(base)).load();

    assertThat(result.orgUnits()).isEqualTo(35);
    assertThat(orgPaths.values()).contains("/AG", "/AG/VB", "/AG/VB/C01", "/AG/VB/C33");
    assertThat(memberCell).hasSize(result.members());
    assertThat(result.members()).isGreaterThanOrEqualTo(1000);
    assertThat(linkedMemberIds)
        .containsEntry("kc-secretary", result.secretaryMemberId())
        .containsEntry("kc-member", result.memberMemberId());
    assertThat(orgPaths.get(memberCell.get(result.secretaryMemberId()))).isEqualTo("/AG/VB/C07");
    assertThat(orgPaths.get(memberCell.get(result.memberMemberId()))).isEqualTo("/AG/VB/C07");
    assertThat(result.secretaryMemberId()).isNotEqualTo(result.memberMemberId());
    // most members' probation ended long ago: they are official; a few elderly are exempted
    assertThat(decisions.get("recognise-official")).isGreaterThan(result.members() / 2);
    assertThat(decisions.get("recognise-official")).isLessThan(result.members());
    assertThat(decisions.get("exempt")).isPositive();
    assertThat(decisions.get("history")).isEqualTo(1);
    assertThat(transferSteps).containsExactly("transfers", "approve", "receive", "complete");
    // the demo member follows the commune's Zalo OA, as do about two in five members
    assertThat(zaloIds).containsKey(result.memberMemberId());
    assertThat(zaloIds.size()).isBetween(result.members() * 3 / 10, result.members() / 2);
    assertThat(new java.util.HashSet<>(zaloIds.values())).hasSize(zaloIds.size());
  }

  @Test
  void stopsWithWhatTheServiceSaidWhenItRejectsTheData() {
    rejectMembersWith = 400;

    assertThatThrownBy(() -> new DemoLoader(base, new KeycloakClient(base)).load())
        .isInstanceOf(DemoLoader.DemoLoadException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("citizenId is invalid");
  }

  private void token(HttpExchange exchange) throws IOException {
    String payload =
        java.util.Base64.getUrlEncoder()
            .encodeToString(
                "{\"realm_access\":{\"roles\":[\"org-admin\"]}}".getBytes(StandardCharsets.UTF_8));
    reply(exchange, 200, "{\"access_token\":\"h." + payload + ".s\",\"expires_in\":300}");
  }

  private void users(HttpExchange exchange) throws IOException {
    if (exchange.getRequestMethod().equals("GET")) {
      String username = exchange.getRequestURI().getQuery().replaceAll(".*username=", "");
      reply(
          exchange,
          200,
          "[{\"id\":\"kc-%s\",\"username\":\"%s\",\"attributes\":{\"org_scope\":[\"/AG/VB/C07\"]}}]"
              .formatted(username, username));
      return;
    }
    JsonNode user = JSON.readTree(exchange.getRequestBody().readAllBytes());
    assertThat(user.path("attributes").path("org_scope").get(0).asString()).isEqualTo("/AG/VB/C07");
    String id = exchange.getRequestURI().getPath().replaceAll(".*/", "");
    linkedMemberIds.put(id, user.path("attributes").path("member_id").get(0).asString());
    reply(exchange, 204, null);
  }

  private void orgUnit(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String parent = body.path("parentId").asString(null);
    String path = (parent == null ? "" : orgPaths.get(parent)) + "/" + body.path("code").asString();
    String id = UUID.randomUUID().toString();
    orgPaths.put(id, path);
    reply(exchange, 201, "{\"id\":\"%s\",\"path\":\"%s\"}".formatted(id, path));
  }

  private void member(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String[] path = exchange.getRequestURI().getPath().split("/");
    if (path.length == 5) {
      // POST /api/members/{id}/{decision}
      assertThat(memberCell).containsKey(path[3]);
      if (!path[4].equals("history")) {
        assertThat(body.path("effectiveOn").asString()).isNotBlank();
      }
      decisions.merge(path[4], 1, Integer::sum);
      reply(exchange, 200, "{\"id\":\"%s\"}".formatted(path[3]));
      return;
    }
    if (rejectMembersWith != 0) {
      reply(exchange, rejectMembersWith, "{\"title\":\"citizenId is invalid\"}");
      return;
    }
    // a service still warming up: the loader must retry, not give up or skip the member
    if (memberCalls.incrementAndGet() % 50 == 0) {
      reply(exchange, 503, "{}");
      return;
    }
    assertThat(orgPaths).containsKey(body.path("orgUnitId").asString());
    String id = UUID.randomUUID().toString();
    memberCell.put(id, body.path("orgUnitId").asString());
    if (body.hasNonNull("zaloId")) {
      assertThat(body.get("zaloId").asString()).matches("[0-9]{6,32}");
      zaloIds.put(id, body.get("zaloId").asString());
    }
    reply(exchange, 201, "{\"id\":\"%s\",\"partyNumber\":\"1\"}".formatted(id));
  }

  private void transfer(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/api/transfers")) {
      assertThat(memberCell).containsKey(body.path("memberId").asString());
      assertThat(orgPaths.get(body.path("toOrgUnitId").asString())).isEqualTo("/AG/VB/C07");
    }
    transferSteps.add(path.substring(path.lastIndexOf('/') + 1));
    reply(exchange, path.equals("/api/transfers") ? 201 : 200, "{\"id\":\"t-1\"}");
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body == null ? -1 : bytes.length);
    if (body != null) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }
}
