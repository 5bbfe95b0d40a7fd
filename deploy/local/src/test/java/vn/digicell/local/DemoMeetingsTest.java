package vn.digicell.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The demo's meeting history against a stand-in for meeting-service and Keycloak that speaks their
 * contracts: every cell's past registers entered (but the months some cells skipped), the chronic
 * absentee of C15, the regular-meeting check run for each month, and C07's next meeting scheduled
 * by its secretary.
 */
class DemoMeetingsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

  private HttpServer server;
  private URI base;
  private final Map<String, List<String>> rosters = new ConcurrentHashMap<>();
  private final List<JsonNode> recorded = new CopyOnWriteArrayList<>();
  private final List<String> checkedMonths = new CopyOnWriteArrayList<>();
  private final List<JsonNode> scheduled = new CopyOnWriteArrayList<>();
  private final Map<String, String> tokenOf = new ConcurrentHashMap<>();
  private final List<String> scheduledBy = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    for (int c = 1; c <= 33; c++) {
      List<String> members = new ArrayList<>();
      for (int m = 0; m < (c % 2 == 0 ? 30 : 12); m++) {
        members.add("C%02d-m%d".formatted(c, m));
      }
      rosters.put("C%02d".formatted(c), members);
    }
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 50);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/realms/", this::token);
    server.createContext("/api/cells", this::cells);
    server.createContext("/api/meetings", this::meetings);
    server.createContext("/api/alerts/regular-meetings/check", this::check);
    server.start();
    base = URI.create("http://localhost:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  int members() {
    return rosters.values().stream().mapToInt(List::size).sum();
  }

  @Test
  void entersSixMonthsOfRegistersRunsTheChecksAndSchedulesC07sNextMeeting() {
    DemoMeetings.Loaded loaded =
        new DemoMeetings(base, new KeycloakClient(base), members(), TODAY).load();

    YearMonth current = YearMonth.from(TODAY);
    List<String> regular = new ArrayList<>();
    for (JsonNode body : recorded) {
      OffsetDateTime startsAt = OffsetDateTime.parse(body.get("startsAt").asString());
      assertThat(startsAt.toLocalDate()).isBefore(TODAY);
      String cell = body.get("cellId").asString().replace("id-", "");
      YearMonth month = YearMonth.from(startsAt.atZoneSameInstant(VN));
      assertThat(month).isBetween(current.minusMonths(6), current);
      if ("REGULAR".equals(body.get("kind").asString())) {
        regular.add(cell + " " + month);
      }
      // every invitee has a line; absences with a reason carry it
      assertThat(body.get("attendance")).hasSize(rosters.get(cell).size());
      for (JsonNode line : body.get("attendance")) {
        if ("ABSENT_WITH_REASON".equals(line.get("attendance").asString())) {
          assertThat(line.get("reason").asString()).isNotBlank();
        }
      }
      assertThat(body.get("agenda")).hasSize(2);
    }
    assertThat(loaded.recorded()).isEqualTo(recorded.size());
    // 33 cells x 6 months, but the four skipped months, plus this month's early meetings
    long pastRegular = regular.stream().filter(r -> !r.endsWith(current.toString())).count();
    assertThat(pastRegular).isEqualTo(33 * 6 - 4);
    assertThat(regular).doesNotContain("C19 " + current.minusMonths(1));
    assertThat(regular).doesNotContain("C27 " + current.minusMonths(1));
    assertThat(regular).contains("C19 " + current.minusMonths(2));
    // C15's third member: absent without a reason in three consecutive months
    long chronic =
        recorded.stream()
            .filter(b -> b.get("cellId").asString().equals("id-C15"))
            .flatMap(b -> toList(b.get("attendance")).stream())
            .filter(l -> l.get("memberId").asString().equals("C15-m2"))
            .filter(l -> l.get("attendance").asString().equals("ABSENT_WITHOUT_REASON"))
            .count();
    assertThat(chronic).isGreaterThanOrEqualTo(3);
    assertThat(checkedMonths)
        .containsExactly(
            current.minusMonths(6).toString(),
            current.minusMonths(5).toString(),
            current.minusMonths(4).toString(),
            current.minusMonths(3).toString(),
            current.minusMonths(2).toString(),
            current.minusMonths(1).toString());
    assertThat(scheduled).hasSize(1);
    JsonNode next = scheduled.getFirst();
    assertThat(next.get("cellId").asString()).isEqualTo("id-C07");
    assertThat(OffsetDateTime.parse(next.get("startsAt").asString()).toLocalDate()).isAfter(TODAY);
    assertThat(next.get("agenda")).hasSize(1);
    assertThat(scheduledBy).containsExactly("secretary");
    assertThat(loaded.upcomingMeetingId()).isEqualTo("upcoming-1");
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  private void token(HttpExchange exchange) throws IOException {
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String username =
        URLDecoder.decode(form.replaceAll(".*username=([^&]*).*", "$1"), StandardCharsets.UTF_8);
    String token = "token-" + username;
    tokenOf.put(token, username);
    reply(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":300}");
  }

  private String caller(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    return auth == null ? null : tokenOf.get(auth.replace("Bearer ", ""));
  }

  private void cells(HttpExchange exchange) throws IOException {
    if (!"admin".equals(caller(exchange))) {
      reply(exchange, 403, "{}");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if (path.endsWith("/roster")) {
      String code = path.replaceAll(".*/id-(C\\d\\d)/roster", "$1");
      ArrayNode roster = JSON.createArrayNode();
      for (String id : rosters.get(code)) {
        roster
            .addObject()
            .put("memberId", id)
            .put("status", id.endsWith("m5") ? "EXEMPTED" : "OFFICIAL")
            .put("temporary", false);
      }
      reply(exchange, 200, JSON.writeValueAsString(roster));
      return;
    }
    ArrayNode cells = JSON.createArrayNode();
    rosters.keySet().stream()
        .sorted()
        .forEach(
            code ->
                cells
                    .addObject()
                    .put("id", "id-" + code)
                    .put("code", code)
                    .put("path", "/AG/VB/" + code));
    reply(exchange, 200, JSON.writeValueAsString(cells));
  }

  private void meetings(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    if (exchange.getRequestURI().getPath().endsWith("/recorded")) {
      if (!"admin".equals(caller(exchange))) {
        reply(exchange, 403, "{}");
        return;
      }
      recorded.add(body);
      reply(exchange, 201, "{\"id\":\"r-" + recorded.size() + "\"}");
      return;
    }
    scheduledBy.add(caller(exchange));
    scheduled.add(body);
    reply(exchange, 201, "{\"id\":\"upcoming-" + scheduled.size() + "\"}");
  }

  private void check(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    if (!"admin".equals(caller(exchange))) {
      reply(exchange, 403, "{}");
      return;
    }
    String month = exchange.getRequestURI().getQuery().replace("month=", "");
    checkedMonths.add(month);
    reply(exchange, 200, "{\"month\":\"" + month + "\",\"raised\":0}");
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
