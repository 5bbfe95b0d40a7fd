package vn.digicell.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives the demo commune several months of meeting history, so the committee's participation charts
 * and alerts have something to show: the past months' paper registers of every cell are entered
 * through meeting-service's API ({@code POST /api/meetings/recorded}, as the commune's data-entry
 * staff would when the platform starts), the missed-regular-meeting check is run for those months,
 * and cell C07's secretary schedules the next meeting. Seeded: the same history every first start
 * (relative to the day it runs).
 */
final class DemoMeetings {

  private static final Logger log = LoggerFactory.getLogger(DemoMeetings.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final long SEED = 20_260_101L;
  private static final int ATTEMPTS = 6;
  static final int MONTHS = 6;
  static final String COMMUNE = "/AG/VB";

  /** Cells that skipped their regular meeting in a month (months ago). */
  static final Map<String, Set<Integer>> SKIPPED =
      Map.of("C19", Set.of(1), "C27", Set.of(1), "C31", Set.of(3), "C12", Set.of(4));

  /** A member of this cell absent without a reason three months running: the absence alert. */
  static final String CHRONIC_CELL = "C15";

  private static final List<String> REASONS =
      List.of(
          "Ốm, có giấy xin phép",
          "Đi làm ăn xa",
          "Đi công tác theo phân công",
          "Gia đình có việc hiếu",
          "Trực ban tại cơ quan",
          "Chăm người nhà nằm viện");
  private static final List<String> OPINIONS =
      List.of(
          "Đề nghị đẩy nhanh tiến độ làm đường giao thông nông thôn",
          "Đề nghị chi bộ quan tâm hộ nghèo, hộ cận nghèo trong ấp",
          "Kiến nghị tăng cường tuần tra an ninh trật tự ban đêm",
          "Đề xuất vận động nhân dân hiến đất mở rộng kênh nội đồng",
          "Đề nghị hướng dẫn đảng viên cài đặt và dùng ứng dụng Chi bộ số",
          "Góp ý nâng cao chất lượng sinh hoạt chi bộ, tránh hình thức",
          "Đề nghị biểu dương gương người tốt việc tốt trong ấp",
          "Kiến nghị sửa chữa nhà văn hóa ấp trước mùa mưa");

  private final URI meetingService;
  private final KeycloakClient keycloak;
  private final int expectedMembers;
  private final LocalDate today;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Random random = new Random(SEED);
  private List<DemoStory.AgendaItem> nextAgenda = List.of();
  private Map<String, String> library = Map.of();
  private Set<String> alwaysPresent = Set.of();
  private final List<String> demoCellRecorded = new ArrayList<>();

  DemoMeetings(URI meetingService, KeycloakClient keycloak, int expectedMembers) {
    this(meetingService, keycloak, expectedMembers, LocalDate.now(VN));
  }

  DemoMeetings(URI meetingService, KeycloakClient keycloak, int expectedMembers, LocalDate today) {
    this.meetingService = meetingService;
    this.keycloak = keycloak;
    this.expectedMembers = expectedMembers;
    this.today = today;
  }

  /**
   * The seed's story: the next meeting's agenda with the library documents to read for it, and the
   * demo logins (secretary and chair of C07's minutes) present at C07's meetings.
   */
  DemoMeetings withStory(
      List<DemoStory.AgendaItem> agenda, Map<String, String> library, Set<String> present) {
    this.nextAgenda = List.copyOf(agenda);
    this.library = Map.copyOf(library);
    this.alwaysPresent = Set.copyOf(present);
    return this;
  }

  /**
   * What was loaded: meetings entered from registers, the id of C07's upcoming meeting, and C07's
   * regular meetings of the last two months, the most recent first (their minutes can be signed).
   */
  record Loaded(int recorded, String upcomingMeetingId, List<String> demoCellRecent) {}

  /** A demo login's token, renewed a little before it expires (the load takes minutes). */
  private final class Login {
    private final String username;
    private String token;
    private Instant expires = Instant.EPOCH;

    Login(String username) {
      this.username = username;
    }

    synchronized void forget() {
      token = null;
    }

    synchronized String token() {
      if (token == null || Instant.now().isAfter(expires.minusSeconds(30))) {
        JsonNode response =
            keycloak.token(KeycloakClient.REALM, KeycloakClient.CLI_CLIENT, username, "demo");
        token = response.path("access_token").asString();
        expires = Instant.now().plusSeconds(response.path("expires_in").asLong(60));
      }
      return token;
    }
  }

  Loaded load() {
    Login admin = new Login("admin");
    List<Cell> cells = awaitRosters(admin);
    YearMonth current = YearMonth.from(today);
    int recorded = 0;
    for (Cell cell : cells) {
      for (int ago = MONTHS; ago >= 1; ago--) {
        YearMonth month = current.minusMonths(ago);
        if (!SKIPPED.getOrDefault(cell.code(), Set.of()).contains(ago)) {
          record(admin, cell, month, "REGULAR", 3 + random.nextInt(8), ago);
          recorded++;
        }
        if (ago == 2 && cell.index() % 4 == 0) {
          record(admin, cell, month, "THEMATIC", 20, ago);
          recorded++;
        }
      }
      if (today.getDayOfMonth() > 4 && cell.index() % 3 == 0) {
        record(admin, cell, current, "REGULAR", 3, 0);
        recorded++;
      }
    }
    for (int ago = MONTHS; ago >= 1; ago--) {
      post(
          admin,
          "/api/alerts/regular-meetings/check?month=" + current.minusMonths(ago),
          JSON.createObjectNode(),
          "the regular-meeting check");
    }
    String upcoming = scheduleNext(cells);
    log.info(
        "Meeting history loaded: {} meetings in {} cells over {} months; C07 meets next on {}",
        recorded,
        cells.size(),
        MONTHS,
        today.plusDays(3));
    List<String> recent = new ArrayList<>(demoCellRecorded);
    java.util.Collections.reverse(recent);
    return new Loaded(
        recorded, upcoming, List.copyOf(recent.subList(0, Math.min(2, recent.size()))));
  }

  record Invitee(String memberId, String status) {}

  record Cell(int index, String id, String code, String path, List<Invitee> roster) {}

  /**
   * Waits until meeting-service's roster (built from member-service's events) holds every member of
   * the commune, then returns the cells with their invitees, by code.
   */
  private List<Cell> awaitRosters(Login token) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    List<Cell> cells = List.of();
    int previous = -1;
    while (Instant.now().isBefore(deadline)) {
      cells = rosters(token);
      int members = cells.stream().mapToInt(c -> c.roster().size()).sum();
      long official =
          cells.stream()
              .flatMap(c -> c.roster().stream())
              .filter(i -> !"PROBATIONARY".equals(i.status()))
              .count();
      // settled: everyone arrived and nothing changed since the last look
      if (members >= expectedMembers && official == previous) {
        return cells;
      }
      previous = (int) official;
      pause(Duration.ofSeconds(3));
    }
    log.warn("meeting-service's roster is still filling; meeting history uses what it holds now");
    return cells;
  }

  private List<Cell> rosters(Login token) {
    List<Cell> cells = new ArrayList<>();
    JsonNode list = get(token, "/api/cells?under=" + COMMUNE);
    List<JsonNode> sorted = new ArrayList<>();
    list.forEach(sorted::add);
    sorted.sort(Comparator.comparing(c -> c.path("code").asString()));
    int index = 0;
    for (JsonNode cell : sorted) {
      String id = cell.path("id").asString();
      List<Invitee> invitees = new ArrayList<>();
      for (JsonNode m : get(token, "/api/cells/" + id + "/roster")) {
        if (!m.path("temporary").asBoolean()) {
          invitees.add(new Invitee(m.path("memberId").asString(), m.path("status").asString()));
        }
      }
      cells.add(
          new Cell(
              index++, id, cell.path("code").asString(), cell.path("path").asString(), invitees));
    }
    return cells;
  }

  /** One register: attendance drawn around the cell's own habits, a few opinions. */
  private void record(Login token, Cell cell, YearMonth month, String kind, int day, int ago) {
    LocalDate date = month.atDay(Math.min(day, month.lengthOfMonth()));
    if (!date.isBefore(today)) {
      return;
    }
    boolean hamlet = cell.roster().size() >= 25;
    LocalTime time = hamlet ? LocalTime.of(19, 30) : LocalTime.of(14, 0);
    double present = 0.72 + 0.24 * new Random(SEED + cell.index()).nextDouble();
    ObjectNode body = JSON.createObjectNode();
    body.put("cellId", cell.id());
    body.put("kind", kind);
    body.put("mode", "IN_PERSON");
    boolean regular = "REGULAR".equals(kind);
    body.put(
        "title",
        regular
            ? "Sinh hoạt chi bộ định kỳ tháng %d/%d"
                .formatted(month.getMonthValue(), month.getYear())
            : "Sinh hoạt chuyên đề: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh");
    body.put("startsAt", date.atTime(time).atZone(VN).toOffsetDateTime().toString());
    body.put("location", hamlet ? "Nhà văn hóa ấp" : "Phòng họp cơ quan, trường học của chi bộ");
    ArrayNode agenda = body.putArray("agenda");
    YearMonth next = month.plusMonths(1);
    agenda
        .addObject()
        .put(
            "title",
            regular
                ? "Kiểm điểm công tác tháng " + month.getMonthValue()
                : "Quán triệt chuyên đề năm " + month.getYear())
        .putArray("documentIds");
    agenda
        .addObject()
        .put(
            "title",
            regular
                ? "Phương hướng, nhiệm vụ tháng " + next.getMonthValue()
                : "Liên hệ bản thân, đăng ký làm theo")
        .putArray("documentIds");
    ArrayNode lines = body.putArray("attendance");
    List<String> attending = new ArrayList<>();
    for (int i = 0; i < cell.roster().size(); i++) {
      Invitee invitee = cell.roster().get(i);
      ObjectNode line = lines.addObject().put("memberId", invitee.memberId());
      boolean chronic = CHRONIC_CELL.equals(cell.code()) && i == 2 && ago >= 2 && ago <= 4;
      double r = random.nextDouble();
      if (chronic) {
        line.put("attendance", "ABSENT_WITHOUT_REASON");
      } else if (r < present) {
        line.put("attendance", random.nextDouble() < 0.08 ? "LATE" : "PRESENT");
        attending.add(invitee.memberId());
      } else if ("EXEMPTED".equals(invitee.status()) || r < present + (1 - present) * 0.7) {
        line.put("attendance", "ABSENT_WITH_REASON");
        line.put("reason", REASONS.get(random.nextInt(REASONS.size())));
      } else {
        line.put("attendance", "ABSENT_WITHOUT_REASON");
      }
      // the demo logins chair and keep C07's meetings (drawn as the others, so the seed holds)
      if (alwaysPresent.contains(invitee.memberId())
          && !"PRESENT".equals(line.path("attendance").asString())) {
        line.put("attendance", "PRESENT");
        line.remove("reason");
        attending.add(invitee.memberId());
      }
    }
    ArrayNode opinions = body.putArray("opinions");
    int speakers = attending.isEmpty() ? 0 : 2 + random.nextInt(4);
    for (int i = 0; i < speakers; i++) {
      opinions
          .addObject()
          .put("memberId", attending.get(random.nextInt(attending.size())))
          .put("agendaIndex", random.nextInt(2))
          .put("summary", OPINIONS.get(random.nextInt(OPINIONS.size())));
    }
    JsonNode entered =
        post(token, "/api/meetings/recorded", body, "the register of " + cell.code() + " " + month);
    if (DemoCommune.DEMO_CELL.equals(cell.code()) && regular && ago >= 1) {
      demoCellRecorded.add(entered.path("id").asString());
    }
  }

  /** C07's secretary schedules the next regular meeting, with an agenda item. */
  private String scheduleNext(List<Cell> cells) {
    Cell demo =
        cells.stream()
            .filter(c -> c.code().equals(DemoCommune.DEMO_CELL))
            .findFirst()
            .orElseThrow(() -> new DemoLoader.DemoLoadException("no cell C07 in the roster"));
    Login secretary = new Login("secretary");
    LocalDate on = today.plusDays(3);
    ObjectNode body = JSON.createObjectNode();
    body.put("cellId", demo.id());
    body.put("kind", "REGULAR");
    body.put("mode", "HYBRID");
    body.put(
        "title",
        "Sinh hoạt chi bộ định kỳ tháng %d/%d".formatted(on.getMonthValue(), on.getYear()));
    body.put("startsAt", on.atTime(19, 30).atZone(VN).toOffsetDateTime().toString());
    body.put("location", "Nhà văn hóa ấp Vĩnh Hiệp");
    body.put("onlineLink", "https://meet.digicell.vn/vb-c07");
    ArrayNode agenda = body.putArray("agenda");
    if (nextAgenda.isEmpty()) {
      ObjectNode item = agenda.addObject();
      item.put("title", "Kiểm điểm công tác tháng, phương hướng tháng tới");
      item.putArray("documentIds");
    }
    // the documents members read before the meeting, from the library
    for (DemoStory.AgendaItem next : nextAgenda) {
      ObjectNode item = agenda.addObject();
      item.put("title", next.title());
      ArrayNode ids = item.putArray("documentIds");
      next.documentKeys().stream()
          .map(library::get)
          .filter(java.util.Objects::nonNull)
          .forEach(ids::add);
    }
    return post(secretary, "/api/meetings", body, "C07's next meeting").path("id").asString();
  }

  private JsonNode get(Login token, String path) {
    return send(token, HttpRequest.newBuilder(URI.create(meetingService + path)).GET(), path, path);
  }

  private JsonNode post(Login token, String path, JsonNode body, String what) {
    return send(
        token,
        HttpRequest.newBuilder(URI.create(meetingService + path))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(body), StandardCharsets.UTF_8)),
        path,
        what);
  }

  /** Retries what a service warming up answers (5xx, 429, refused); a 4xx stops the load. */
  private JsonNode send(Login token, HttpRequest.Builder builder, String path, String what) {
    for (int attempt = 1; ; attempt++) {
      HttpRequest request =
          builder
              .setHeader("Authorization", "Bearer " + token.token())
              .setHeader("Accept", "application/json")
              .timeout(Duration.ofSeconds(30))
              .build();
      String problem;
      try {
        HttpResponse<String> response =
            http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status == 200 || status == 201) {
          return JSON.readTree(response.body());
        }
        if (status == 401 && attempt == 1) {
          token.forget();
          continue;
        }
        if (status >= 400 && status < 500 && status != 429) {
          throw new DemoLoader.DemoLoadException(
              "meeting-service rejected %s: HTTP %d %s (%s)"
                  .formatted(what, status, response.body(), path));
        }
        problem = "HTTP " + status + " " + response.body();
      } catch (IOException e) {
        problem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DemoLoader.DemoLoadException("interrupted while loading " + what, e);
      }
      if (attempt >= ATTEMPTS) {
        throw new DemoLoader.DemoLoadException(
            "meeting-service kept failing on %s after %d attempts: %s"
                .formatted(what, attempt, problem));
      }
      pause(Duration.ofMillis(250L << attempt));
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoLoader.DemoLoadException("interrupted", e);
    }
  }
}
