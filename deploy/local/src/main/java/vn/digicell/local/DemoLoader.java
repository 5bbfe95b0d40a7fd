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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads the demo commune through member-service's public API, as an org admin would, so every org
 * unit and member produces its events and the other services build their projections from them,
 * exactly as in production. Then links the demo logins {@code secretary} and {@code member} to
 * member records of cell C07.
 */
final class DemoLoader {

  private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int THREADS = 4;
  private static final int ATTEMPTS = 6;

  private final URI memberService;
  private final URI documentService;
  private final URI meetingService;
  private final KeycloakClient keycloak;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Object tokenLock = new Object();
  private String token;
  private Instant tokenExpires = Instant.EPOCH;

  DemoLoader(URI memberService, KeycloakClient keycloak) {
    this(memberService, null, keycloak);
  }

  /** With {@code documentService}, the commune's QR board is loaded too. */
  DemoLoader(URI memberService, URI documentService, KeycloakClient keycloak) {
    this(memberService, documentService, null, keycloak);
  }

  /** With {@code meetingService}, the commune gets months of meeting history too. */
  DemoLoader(URI memberService, URI documentService, URI meetingService, KeycloakClient keycloak) {
    this.meetingService = meetingService;
    this.documentService = documentService;
    this.memberService = memberService;
    this.keycloak = keycloak;
  }

  LoadedDemo load() throws InterruptedException {
    long started = System.nanoTime();
    DemoCommune commune = new DemoCommune();
    String provinceId = createOrgUnit(DemoCommune.PROVINCE, null).path("id").asString();
    String communeId = createOrgUnit(DemoCommune.COMMUNE, provinceId).path("id").asString();

    List<DemoCommune.Cell> cells = commune.cells();
    // members are drawn in a fixed order before any request, so the seed alone decides the data
    List<PendingMember> pending = new ArrayList<>();
    for (DemoCommune.Cell cell : cells) {
      String cellId = createOrgUnit(cell.unit(), communeId).path("id").asString();
      for (int i = 0; i < cell.members(); i++) {
        DemoCommune.Member next = commune.nextMember();
        if (cell.unit().code().equals(DemoCommune.DEMO_CELL) && i == 1 && next.zaloId() == null) {
          // C07's second member is the demo member login, who follows the commune's Zalo OA
          next = next.withZaloId(commune.zaloId());
        }
        pending.add(new PendingMember(cell.unit().code(), cellId, next));
      }
    }
    log.info("Created {} org units; loading {} members", cells.size() + 2, pending.size());

    AtomicInteger done = new AtomicInteger();
    List<Future<String>> ids = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      for (PendingMember member : pending) {
        ids.add(
            pool.submit(
                () -> {
                  String id = createMember(member).path("id").asString();
                  settleStatus(id, member);
                  int n = done.incrementAndGet();
                  if (n % 250 == 0) {
                    log.info("  {} / {} members", n, pending.size());
                  }
                  return id;
                }));
      }
      List<String> demoCellMembers = new ArrayList<>();
      String demoCellId = null;
      String neighbour = null;
      for (int i = 0; i < pending.size(); i++) {
        String id = await(ids.get(i), pool);
        if (pending.get(i).cellCode().equals(DemoCommune.DEMO_CELL)) {
          demoCellMembers.add(id);
          demoCellId = pending.get(i).cellId();
        } else if (neighbour == null && pending.get(i).cellCode().equals(TRANSFER_FROM)) {
          neighbour = id;
        }
      }
      // one completed transfer, so the commune's history shows how members move between cells
      transfer(neighbour, demoCellId);
      DemoStory story =
          documentService != null
              ? new DemoStory(documentService, meetingService, keycloak, LocalDate.now())
              : null;
      // the library the commune and the cell publish, read before the next meeting
      Map<String, String> library = story != null ? story.library() : Map.of();
      if (documentService != null) {
        qrBoard();
      }
      // the demo logins act for real records: the secretary is C07's first member
      linkLogin("secretary", demoCellMembers.get(0));
      linkLogin("member", demoCellMembers.get(1));
      // the secretary's position is on their record, so member-service keeps their access in step
      ObjectNode position = JSON.createObjectNode();
      position.put("kind", "POSITION");
      position.put("from", "2025-09-01");
      position.put("title", "Bí thư Chi bộ ấp Vĩnh Hiệp, nhiệm kỳ 2025–2030");
      position.put("classification", "CELL_SECRETARY");
      post(
          "/api/members/" + demoCellMembers.get(0) + "/history",
          position,
          "the secretary's position");
      if (meetingService != null) {
        DemoMeetings meetings = new DemoMeetings(meetingService, keycloak, pending.size());
        if (story != null) {
          meetings.withStory(
              DemoStory.nextAgenda(LocalDate.now()),
              library,
              java.util.Set.of(demoCellMembers.get(0), demoCellMembers.get(1)));
        }
        DemoMeetings.Loaded held = meetings.load();
        if (story != null) {
          List<String> toRead =
              DemoStory.ids(library, DemoStory.nextAgenda(LocalDate.now()).get(0).documentKeys());
          story.readBeforeMeeting(held.upcomingMeetingId(), toRead);
          // C07's last meetings: minutes signed by chair (the demo member) and secretary, sealed
          try {
            DemoStory.Signer secretary = story.signer("secretary", demoCellMembers.get(0));
            DemoStory.Signer chair = story.signer("member", demoCellMembers.get(1));
            int signed = story.signMinutes(held.demoCellRecent(), secretary, chair);
            log.info("{} past meetings of C07 have signed minutes for the archive", signed);
          } catch (RuntimeException e) {
            // the platform works without them: say so, do not stop the start
            log.warn("C07's past minutes were not signed: {}", e.getMessage());
          }
        }
      }
      // last: by now notification-service has read (or is reading) every admission
      new DemoBroadcasts(memberService, keycloak).send(pending.size());
      log.info(
          "Demo commune loaded: {} org units, {} members in {} s",
          cells.size() + 2,
          pending.size(),
          Duration.ofNanos(System.nanoTime() - started).toSeconds());
      return new LoadedDemo(
          cells.size() + 2, pending.size(), demoCellMembers.get(0), demoCellMembers.get(1));
    }
  }

  private record PendingMember(String cellCode, String cellId, DemoCommune.Member member) {}

  private String await(Future<String> future, ExecutorService pool) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      pool.shutdownNow();
      if (e.getCause() instanceof DemoLoadException failure) {
        throw failure;
      }
      throw new DemoLoadException("loading a member failed: " + e.getCause(), e.getCause());
    }
  }

  private void linkLogin(String username, String memberId) {
    keycloak.setUserAttributes(username, Map.of("member_id", List.of(memberId)));
  }

  private JsonNode createOrgUnit(DemoCommune.OrgUnit unit, String parentId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", unit.code());
    body.put("name", unit.name());
    body.put("kind", unit.kind());
    if (parentId != null) {
      body.put("parentId", parentId);
    }
    return post("/api/org-units", body, "org unit " + unit.code());
  }

  /**
   * Gives the member the status their history implies, through the same decisions a committee
   * records: official once the 12-month probation is over (a few recent ones still waiting, so the
   * due list has entries), and some of the elderly exempted from activities. Decided by the
   * member's citizen id, so the seed alone still decides the data.
   */
  private void settleStatus(String id, PendingMember pending) {
    DemoCommune.Member m = pending.member();
    LocalDate today = LocalDate.now();
    LocalDate probationEnds = m.admittedOn().plusMonths(12);
    int h = Math.floorMod(m.citizenId().hashCode(), 100);
    if (probationEnds.isAfter(today) || (probationEnds.isAfter(today.minusMonths(18)) && h < 60)) {
      return;
    }
    LocalDate official = probationEnds.plusDays(h % 45);
    decide(id, "recognise-official", official.isAfter(today) ? today : official, pending);
    LocalDate seventyFive = m.dateOfBirth().plusYears(75);
    if (!seventyFive.isAfter(today) && h < 40) {
      decide(id, "exempt", seventyFive.isBefore(official) ? official : seventyFive, pending);
    }
  }

  private void decide(String id, String decision, LocalDate on, PendingMember pending) {
    ObjectNode body = JSON.createObjectNode();
    body.put("effectiveOn", on.toString());
    body.put("decisionNumber", "%d-QĐ/ĐU".formatted(10 + Math.floorMod(id.hashCode(), 90)));
    post(
        "/api/members/" + id + "/" + decision,
        body,
        decision + " for " + pending.member().fullName() + " of " + pending.cellCode());
  }

  /**
   * The commune's board of QR codes (vn-reference: "Tài liệu chuyển đổi số trong xây dựng Đảng").
   */
  private void qrBoard() {
    ObjectNode board = JSON.createObjectNode();
    board.put("title", "Tài liệu chuyển đổi số trong xây dựng Đảng");
    board.put("orgPath", "/AG/VB");
    board.put("audience", "PUBLIC");
    String id = post(documentService, "/api/boards", board, "QR board").path("id").asString();
    String[][] sections = {
      {"117 câu chuyện kể về Bác Hồ", "Đọc và kể lại trong sinh hoạt chi bộ", "PUBLIC"},
      {"Video lời dạy của Bác", "Những lời dạy của Chủ tịch Hồ Chí Minh", "PUBLIC"},
      {"Nghị quyết, chỉ thị mới nhất", "Văn bản của Trung ương, Tỉnh ủy, Đảng ủy xã", "MEMBERS"},
      {"Trang thông tin nội bộ của tỉnh", "Tin tức Đảng bộ tỉnh An Giang", "PUBLIC"},
      {"Điều lệ Đảng", "Toàn văn và hướng dẫn thi hành", "PUBLIC"},
      {"Sổ tay đảng viên", "Quyền và nhiệm vụ của đảng viên", "MEMBERS"},
      {"Chuyển đổi số ở cơ sở", "Hướng dẫn dùng Chi bộ số trên điện thoại", "PUBLIC"},
      {"Học tập và làm theo Bác", "Chuyên đề năm 2026", "MEMBERS"},
      {"Gương người tốt việc tốt", "Ấp Cái Nứa, ấp Hiệp Hòa", "PUBLIC"},
      {"Góp ý của nhân dân", "Kênh phản ánh nhanh từ cơ sở", "PUBLIC"}
    };
    for (int i = 0; i < sections.length; i++) {
      ObjectNode section = JSON.createObjectNode();
      section.put("title", sections[i][0]);
      section.put("caption", sections[i][1]);
      section.put("audience", sections[i][2]);
      ObjectNode link = section.putArray("items").addObject();
      link.put("title", sections[i][0]);
      link.put("url", "https://digicell.vn/tai-lieu/" + (i + 1));
      post(documentService, "/api/boards/" + id + "/sections", section, "QR board section");
    }
    log.info(
        "QR board loaded: {} sections (poster: /api/boards/{}/poster.pdf)", sections.length, id);
  }

  /** The cell a demo member transfers out of, into the demo cell. */
  static final String TRANSFER_FROM = "C08";

  private void transfer(String memberId, String toCellId) {
    ObjectNode request = JSON.createObjectNode();
    request.put("memberId", memberId);
    request.put("kind", "OFFICIAL");
    request.put("toOrgUnitId", toCellId);
    request.put("reason", "Chuyển nơi cư trú về ấp Vĩnh Hiệp");
    String id = post("/api/transfers", request, "transfer request").path("id").asString();
    ObjectNode letter = JSON.createObjectNode();
    letter.put("letterNumber", "27-GGT/ĐU");
    post("/api/transfers/" + id + "/approve", letter, "transfer approval");
    post("/api/transfers/" + id + "/receive", JSON.createObjectNode(), "transfer reception");
    post("/api/transfers/" + id + "/complete", JSON.createObjectNode(), "transfer completion");
    log.info(
        "One member transferred from {} to {} (transfer {})",
        TRANSFER_FROM,
        DemoCommune.DEMO_CELL,
        id);
  }

  private JsonNode createMember(PendingMember pending) {
    DemoCommune.Member m = pending.member();
    ObjectNode body = JSON.createObjectNode();
    body.put("fullName", m.fullName());
    body.put("gender", m.gender());
    body.put("dateOfBirth", m.dateOfBirth().toString());
    body.put("citizenId", m.citizenId());
    body.put("orgUnitId", pending.cellId());
    body.put("admittedOn", m.admittedOn().toString());
    body.put("phone", m.phone());
    if (m.email() != null) {
      body.put("email", m.email());
    }
    if (m.zaloId() != null) {
      body.put("zaloId", m.zaloId());
    }
    body.put("ethnicity", m.ethnicity());
    body.put("hometown", m.hometown());
    return post("/api/members", body, "member " + m.fullName() + " of " + pending.cellCode());
  }

  /**
   * POSTs with retries on what a service still warming up answers (5xx, 429, refused connections);
   * a 4xx means our data or the contract is wrong, and retrying cannot help.
   */
  private JsonNode post(String path, JsonNode body, String what) {
    return post(memberService, path, body, what);
  }

  private JsonNode post(URI service, String path, JsonNode body, String what) {
    String json = JSON.writeValueAsString(body);
    boolean tokenRefreshed = false;
    for (int attempt = 1; ; attempt++) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(service + path))
              .header("Authorization", "Bearer " + token())
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
              .build();
      String problem;
      try {
        HttpResponse<String> response =
            http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status == 200 || status == 201) {
          return JSON.readTree(response.body());
        }
        if (status == 401 && !tokenRefreshed) {
          tokenRefreshed = true;
          forgetToken();
          continue;
        }
        if (status >= 400 && status < 500 && status != 429) {
          throw new DemoLoadException(
              "member-service rejected %s: HTTP %d %s%n  request: POST %s %s"
                  .formatted(what, status, response.body(), path, json));
        }
        problem = "HTTP " + status + " " + response.body();
      } catch (IOException e) {
        problem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DemoLoadException("interrupted while loading " + what, e);
      }
      if (attempt >= ATTEMPTS) {
        throw new DemoLoadException(
            "member-service kept failing on %s after %d attempts: %s"
                .formatted(what, attempt, problem));
      }
      sleep(Duration.ofMillis(250L << attempt));
    }
  }

  /** The org admin's token, renewed a little before it expires (5 minutes by default). */
  private String token() {
    synchronized (tokenLock) {
      if (token == null || Instant.now().isAfter(tokenExpires.minusSeconds(30))) {
        JsonNode response =
            keycloak.token(KeycloakClient.REALM, KeycloakClient.CLI_CLIENT, "admin", "demo");
        token = response.path("access_token").asString();
        tokenExpires = Instant.now().plusSeconds(response.path("expires_in").asLong(60));
      }
      return token;
    }
  }

  private void forgetToken() {
    synchronized (tokenLock) {
      token = null;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoLoadException("interrupted", e);
    }
  }

  /** The demo could not be loaded; the message says what member-service answered. */
  static final class DemoLoadException extends RuntimeException {
    DemoLoadException(String message) {
      super(message);
    }

    DemoLoadException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
