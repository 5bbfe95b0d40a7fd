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
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo commune's first broadcast and feedback, sent through notification-service's API as the
 * people would: the demo {@code member} chooses Zalo for their notices, the {@code commune}
 * committee sends one TASK to all cells of /AG/VB, and the member reports two local issues; the
 * committee takes the first from assignment to resolution, the second waits in the commune's inbox
 * until the deadline it shows (then, untouched, it moves up to the province committee, {@code
 * admin}). Best effort: the demo platform works without them, so a failure is logged, not thrown.
 */
final class DemoBroadcasts {

  private static final Logger log = LoggerFactory.getLogger(DemoBroadcasts.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COMMUNE = "/AG/VB";

  private final URI notificationService;
  private final KeycloakClient keycloak;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** notification-service listens at the same offset from the fixed ports as member-service. */
  DemoBroadcasts(URI memberService, KeycloakClient keycloak) {
    int offset = memberService.getPort() - Ports.withOffset(0).member();
    this.notificationService =
        URI.create("http://localhost:" + Ports.withOffset(offset).notification());
    this.keycloak = keycloak;
  }

  /** Sends the demo task and the demo feedback; logs instead of failing. */
  void send() {
    send(0);
  }

  /**
   * Sends the demo task once notification-service has applied {@code admissions} admissions (so the
   * task reaches the whole commune), then the demo feedback; logs instead of failing.
   */
  void send(int admissions) {
    try {
      awaitAdmissions(admissions);
      String member = keycloak.accessToken("member", "demo");
      awaitRoster(member);
      String committee = keycloak.accessToken("commune", "demo");
      // the demo member follows the commune's Zalo OA and wants notices there
      put(
          "/api/notifications/preferences",
          member,
          Map.of("channels", Map.of("*", List.of("ZALO")), "language", "vi"));
      JsonNode broadcast =
          post(
              "/api/broadcasts",
              committee,
              Map.of(
                  "kind",
                  "TASK",
                  "title",
                  "Rà soát, cập nhật thông tin đảng viên năm 2026",
                  "body",
                  "Đề nghị các chi bộ rà soát thông tin đảng viên trên hệ thống Chi bộ số và"
                      + " báo cáo Đảng ủy xã trước hạn.",
                  "targets",
                  List.of(COMMUNE),
                  "dueOn",
                  LocalDate.now().plusDays(14).toString()));
      // the demo member reads the task in their inbox and acknowledges it: the committee's
      // tracking shows one read and one acknowledged
      acknowledge(member, broadcast.path("id").asString());
      JsonNode resolved =
          post(
              "/api/feedback",
              member,
              Map.of(
                  "category", "ENVIRONMENT",
                  "text",
                      "Đoạn đường liên ấp gần trường tiểu học thường ngập sau mưa, đề nghị xã khơi"
                          + " thông cống thoát nước.",
                  "location", "Ấp Vĩnh Hiệp"));
      // the commune committee takes the first one through to resolution, as its office would
      String id = resolved.path("id").asString();
      post(
          "/api/feedback/" + id + "/assign",
          committee,
          Map.of("assigneeName", "Đ/c Phó Chủ tịch UBND xã phụ trách giao thông"),
          200);
      post("/api/feedback/" + id + "/start", committee, Map.of(), 200);
      post(
          "/api/feedback/" + id + "/responses",
          committee,
          Map.of("text", "Xã đã cử cán bộ địa chính khảo sát đoạn cống bị tắc."),
          200);
      post(
          "/api/feedback/" + id + "/resolve",
          committee,
          Map.of(
              "response",
              "Đã nạo vét cống thoát nước và nâng mặt đường đoạn trước trường tiểu học."),
          200);
      // the second stays with the commune until its deadline, as the item itself says
      JsonNode unhandled =
          post(
              "/api/feedback",
              member,
              Map.of(
                  "category", "SECURITY_ORDER",
                  "text",
                      "Đèn chiếu sáng trên tuyến đê bao ấp Vĩnh Hiệp hỏng nhiều tuần, người dân"
                          + " đi lại ban đêm không an toàn.",
                  "location", "Ấp Vĩnh Hiệp"));
      log.info(
          "Demo broadcast {} sent to {}; demo feedback {} resolved by {}; feedback {} left for"
              + " the commune until its deadline",
          broadcast.path("id").asString(),
          COMMUNE,
          id,
          resolved.path("routedTo").asString(),
          unhandled.path("id").asString());
    } catch (RuntimeException e) {
      log.warn("Demo broadcast and feedback not sent: {}", e.getMessage());
    }
  }

  /**
   * Waits (up to three minutes) until notification-service's own counter of applied admissions
   * ({@code digicell_events_consumed_total} on its Prometheus endpoint) reaches {@code expected}:
   * its roster is built from those events, asynchronously, while the demo loads.
   */
  private void awaitAdmissions(int expected) {
    Instant deadline = Instant.now().plusSeconds(180);
    while (expected > 0 && Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> metrics =
            http.send(
                HttpRequest.newBuilder(notificationService.resolve("/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        double applied =
            metrics
                .body()
                .lines()
                .filter(l -> l.startsWith("digicell_events_consumed_total{"))
                .filter(l -> l.contains("type=\"vn.digicell.member.admitted.v1\""))
                .filter(l -> l.contains("consumer=\"notification-service\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        if (applied >= expected) {
          return;
        }
      } catch (java.net.ConnectException notRunning) {
        // the services are ready before the demo loads: nothing listening means not started
        return;
      } catch (java.io.IOException | NumberFormatException e) {
        // answered badly: try again until the deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(1000); // polling another process's progress, not synchronising a test
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Waits (up to a minute) until notification-service has read the demo member's admission, so the
   * broadcast's fan-out finds the commune's members in its roster: their welcome notice shows it.
   * The services are ready before the demo loads, so an unreachable one is not running at all.
   */
  private void awaitRoster(String memberToken) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> response = send(get("/api/notifications?size=1", memberToken));
        if (response.statusCode() == 200
            && JSON.readTree(response.body()).path("items").size() > 0) {
          return;
        }
      } catch (IllegalStateException e) {
        // answered, but not as expected yet
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private JsonNode post(String path, String token, Object body) {
    return post(path, token, body, 201);
  }

  /** Waits (up to a minute) for the task in the member's inbox, reads it there, acknowledges it. */
  private void acknowledge(String member, String broadcastId) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> inbox = send(get("/api/notifications?size=20", member));
      if (inbox.statusCode() == 200) {
        for (JsonNode notice : JSON.readTree(inbox.body()).path("items")) {
          if ("BROADCAST".equals(notice.path("kind").asString())) {
            post(
                "/api/notifications/" + notice.path("id").asString() + "/read",
                member,
                Map.of(),
                200);
            post(
                "/api/broadcasts/" + broadcastId + "/acknowledge",
                member,
                Map.of("note", "Chi bộ ấp Vĩnh Hiệp đã nhận nhiệm vụ, sẽ báo cáo trước hạn."),
                200);
            return;
          }
        }
      }
      try {
        Thread.sleep(1000); // the fan-out runs in the background
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    log.warn("The demo task did not reach the demo member's inbox within a minute");
  }

  private JsonNode post(String path, String token, Object body, int expected) {
    return call("POST", path, token, body, expected);
  }

  private JsonNode put(String path, String token, Object body) {
    return call("PUT", path, token, body, 200);
  }

  private JsonNode call(String method, String path, String token, Object body, int expected) {
    HttpResponse<String> response =
        send(
            request(path, token)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(body), StandardCharsets.UTF_8)));
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + " answered HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private HttpRequest.Builder get(String path, String token) {
    return request(path, token).GET();
  }

  private HttpRequest.Builder request(String path, String token) {
    return HttpRequest.newBuilder(URI.create(notificationService + path))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .timeout(Duration.ofSeconds(30));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // not running in this start (--services): give up at once rather than wait
      throw new java.io.UncheckedIOException("notification-service is not reachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
