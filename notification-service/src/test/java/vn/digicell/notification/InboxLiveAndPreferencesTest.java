package vn.digicell.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import vn.digicell.notification.notice.NoticeIssuer;
import vn.digicell.notification.notice.NoticeRequest;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/** Unread count, read-all, the live stream read by a real HTTP client, and preferences. */
@DigiCellIntegrationTest
@TestPropertySource(
    properties = {
      "digicell.notification.stream.heartbeat=PT0.5S",
      "digicell.notification.stream.unread-refresh=PT1S"
    })
class InboxLiveAndPreferencesTest {

  @LocalServerPort int port;
  @Autowired NoticeIssuer issuer;
  @Autowired org.springframework.data.mongodb.core.MongoTemplate mongo;
  @Autowired vn.digicell.platform.events.EventPublisher publisher;

  final HttpClient client = HttpClient.newHttpClient();
  TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp("http://localhost:" + port);
  }

  private String token(String memberId) {
    return TestTokens.forUser("u-" + memberId)
        .roles("member")
        .orgScope("/AG/VB/C07")
        .memberId(memberId)
        .sign();
  }

  private NoticeRequest notice(String memberId, String title) {
    return new NoticeRequest(
        memberId,
        "MEETING",
        "meeting.day-of",
        Map.of("title", title, "when", "19:30 05/12/2026", "place", "Hội trường"),
        UUID.randomUUID().toString(),
        "/meetings/x",
        "/AG/VB/C07");
  }

  /** A member's live stream, read line by line as it arrives, until closed. */
  record OpenStream(
      HttpResponse<Stream<String>> response,
      ConcurrentLinkedQueue<String> lines,
      CompletableFuture<Void> reader)
      implements AutoCloseable {
    @Override
    public void close() {
      reader.cancel(true);
      response.body().close();
    }
  }

  private OpenStream openStream(String memberId) throws Exception {
    ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    HttpResponse<Stream<String>> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + token(memberId))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    return new OpenStream(
        response, lines, CompletableFuture.runAsync(() -> response.body().forEach(lines::add)));
  }

  private HttpResponse<String> put(String path, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .header("Accept-Language", "en")
            .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void unreadCountAndReadAllConcernOnlyTheCallersNotices() {
    String me = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    issuer.issue(
        List.of(notice(me, "Một"), notice(me, "Hai"), notice(me, "Ba"), notice(other, "Bốn")));
    assertThat(http.get("/api/notifications/unread-count", token(me)).json().get("unread").asLong())
        .isEqualTo(3);
    String first =
        http.get("/api/notifications", token(me)).json().get("items").get(0).get("id").asString();
    assertThat(http.post("/api/notifications/" + first + "/read", token(me), "").status())
        .isEqualTo(200);
    assertThat(http.get("/api/notifications/unread-count", token(me)).json().get("unread").asLong())
        .isEqualTo(2);

    TestHttp.Response all = http.post("/api/notifications/read-all", token(me), "");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().get("marked").asLong()).isEqualTo(2);
    assertThat(all.json().get("unread").asLong()).isZero();
    assertThat(http.get("/api/notifications", token(me)).json().get("items").findValues("read"))
        .allMatch(JsonNode::asBoolean);
    // the other member's notice is untouched, and read-all twice changes nothing
    assertThat(
            http.get("/api/notifications/unread-count", token(other)).json().get("unread").asLong())
        .isEqualTo(1);
    assertThat(
            http.post("/api/notifications/read-all", token(me), "").json().get("marked").asLong())
        .isZero();
    // a notice read by its recipient can still be marked read again (a no-op), a stranger gets 404
    assertThat(http.post("/api/notifications/" + first + "/read", token(other), "").status())
        .isEqualTo(404);
    assertThat(http.get("/api/notifications/unread-count", null).status()).isEqualTo(401);
  }

  @Test
  void theStreamPushesNewNoticesAndTheUnreadCountWithHeartbeats() throws Exception {
    String me = UUID.randomUUID().toString();
    String stranger = UUID.randomUUID().toString();
    ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/notifications/stream"))
            .header("Authorization", "Bearer " + token(me))
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<Stream<String>> response =
        client.send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(response.headers().firstValue("X-Accel-Buffering")).contains("no");
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:unread"));
      assertThat(lines).contains("data:{\"unread\":0}");

      issuer.issue(List.of(notice(stranger, "Không phải của tôi")));
      issuer.issue(List.of(notice(me, "Họp khẩn")));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("Họp khẩn")));
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("data:{\"unread\":1}"));
      assertThat(lines).contains("event:notice");
      assertThat(lines).noneMatch(l -> l.contains("Không phải của tôi"));
      // heartbeats keep idle connections open through proxies
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(":heartbeat"));
    } finally {
      reader.cancel(true);
      response.body().close();
    }
    assertThat(http.get("/api/notifications/stream", null).status()).isEqualTo(401);
    String staff = TestTokens.forUser("analyst").roles("analyst").orgScope("/AG").sign();
    assertThat(http.get("/api/notifications/stream", staff).status()).isEqualTo(404);
  }

  @Test
  void aNoticeReadOnAnotherInstanceBringsTheOpenStreamsCountDown() throws Exception {
    String me = UUID.randomUUID().toString();
    try (OpenStream stream = openStream(me)) {
      ConcurrentLinkedQueue<String> lines = stream.lines();
      NoticeRequest readElsewhere = notice(me, "Đọc ở máy khác");
      issuer.issue(List.of(readElsewhere, notice(me, "Còn chưa đọc")));
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("data:{\"unread\":2}"));
      // the member reads one on their other phone, whose stream and request another instance
      // serves: the store changes, nothing reaches this instance
      mongo
          .getCollection("notices")
          .updateOne(
              new org.bson.Document("recipientMemberId", me)
                  .append("causeEventId", readElsewhere.causeId()),
              new org.bson.Document(
                  "$set",
                  new org.bson.Document("readAt", java.util.Date.from(java.time.Instant.now()))));
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("data:{\"unread\":1}"));
      // told once: the next recounts find nothing new to say
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lines.stream().filter(":heartbeat"::equals).count() >= 6);
      assertThat(lines.stream().filter("data:{\"unread\":1}"::equals)).hasSize(1);
    }
  }

  @Test
  void aNoticeIssuedByAnotherInstanceReachesTheOpenStreamOnce() throws Exception {
    String me = UUID.randomUUID().toString();
    try (OpenStream stream = openStream(me)) {
      ConcurrentLinkedQueue<String> lines = stream.lines();
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:unread"));
      // another instance wrote the notice and published notice-issued; this one never issued it
      String noticeId = UUID.randomUUID().toString();
      mongo.insert(
          new org.bson.Document("_id", noticeId)
              .append("recipientMemberId", me)
              .append("orgPath", "/AG/VB/C07")
              .append("kind", "MEETING")
              .append("templateKey", "meeting.day-of")
              .append("language", "vi")
              .append("title", "Từ phiên bản khác")
              .append("body", "Nội dung")
              .append("createdAt", java.util.Date.from(java.time.Instant.now()))
              .append("version", 0L),
          "notices");
      String payload =
          """
          {"noticeId":"%s","recipientMemberId":"%s","kind":"meeting","causeEventId":"c-%s"}"""
              .formatted(noticeId, me, noticeId);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                // the live consumer group starts at the newest records: resend until it is there
                publisher.publish(
                    TestEvents.event(
                        "vn.digicell.notification.notice-issued.v1",
                        "notification.events",
                        noticeId,
                        1,
                        "/AG/VB/C07",
                        payload));
                return lines.stream().anyMatch(l -> l.contains("Từ phiên bản khác"));
              });
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("data:{\"unread\":1}"));
      // however often the event arrives, the stream shows the notice once: a duplicate, then a
      // second notice's event on the same key (same partition, so read after the duplicate)
      publisher.publish(
          TestEvents.event(
              "vn.digicell.notification.notice-issued.v1",
              "notification.events",
              noticeId,
              1,
              "/AG/VB/C07",
              payload));
      String second = UUID.randomUUID().toString();
      mongo.insert(
          new org.bson.Document("_id", second)
              .append("recipientMemberId", me)
              .append("orgPath", "/AG/VB/C07")
              .append("kind", "MEETING")
              .append("title", "Thông báo thứ hai")
              .append("body", "Nội dung")
              .append("createdAt", java.util.Date.from(java.time.Instant.now()))
              .append("version", 0L),
          "notices");
      publisher.publish(
          TestEvents.event(
              "vn.digicell.notification.notice-issued.v1",
              "notification.events",
              noticeId,
              2,
              "/AG/VB/C07",
              """
              {"noticeId":"%s","recipientMemberId":"%s","kind":"meeting","causeEventId":"c-%s"}"""
                  .formatted(second, me, second)));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lines.stream().anyMatch(l -> l.contains("Thông báo thứ hai")));
      assertThat(lines.stream().filter(l -> l.contains("Từ phiên bản khác"))).hasSize(1);
    }
  }

  @Test
  void preferencesAreTheMembersOwnAndValidated() throws Exception {
    String me = UUID.randomUUID().toString();
    JsonNode defaults = http.get("/api/notifications/preferences", token(me)).json();
    assertThat(defaults.get("digest").asString()).isEqualTo("NONE");
    assertThat(defaults.get("language").asString()).isEqualTo("vi");
    assertThat(defaults.get("defaultChannels").findValuesAsString("defaultChannels")).isEmpty();
    assertThat(defaults.get("defaultChannels").toString()).contains("INBOX").contains("EMAIL");

    HttpResponse<String> saved =
        put(
            "/api/notifications/preferences",
            token(me),
            """
            {"channels":{"MEETING":["SMS","ZALO"],"ALERT":[]},
             "quietHours":{"from":"22:00","to":"06:30"},"digest":"DAILY","language":"en"}""");
    assertThat(saved.statusCode()).isEqualTo(200);
    JsonNode mine = http.get("/api/notifications/preferences", token(me)).json();
    assertThat(mine.get("channels").get("MEETING").toString())
        .contains("INBOX")
        .contains("SMS")
        .contains("ZALO");
    assertThat(mine.get("channels").get("ALERT").toString()).isEqualTo("[\"INBOX\"]");
    assertThat(mine.get("quietHours").get("from").asString()).isEqualTo("22:00:00");
    assertThat(mine.get("digest").asString()).isEqualTo("DAILY");
    assertThat(mine.get("language").asString()).isEqualTo("en");

    // notices are now worded in English
    issuer.issue(List.of(notice(me, "Urgent")));
    assertThat(
            http.get("/api/notifications", token(me))
                .json()
                .get("items")
                .get(0)
                .get("title")
                .asString())
        .isEqualTo("Meeting today: Urgent");

    for (String bad :
        List.of(
            "{\"language\":\"fr\"}",
            "{\"channels\":{\"MEETING\":[\"FAX\"]}}",
            "{\"channels\":{\"meeting\":[\"SMS\"]}}",
            "{\"digest\":\"WEEKLY\"}",
            "{\"quietHours\":{\"from\":\"25:00\",\"to\":\"06:00\"}}",
            "{\"quietHours\":{\"from\":\"22:00\"}}")) {
      HttpResponse<String> r = put("/api/notifications/preferences", token(me), bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .as(bad)
          .contains("problem+json");
    }
    // nothing changed
    assertThat(
            http.get("/api/notifications/preferences", token(me)).json().get("language").asString())
        .isEqualTo("en");
    // another member's preferences are their own
    assertThat(
            http.get("/api/notifications/preferences", token(UUID.randomUUID().toString()))
                .json()
                .get("digest")
                .asString())
        .isEqualTo("NONE");
    String staff = TestTokens.forUser("analyst").roles("analyst").orgScope("/AG").sign();
    assertThat(http.get("/api/notifications/preferences", staff).status()).isEqualTo(404);
    assertThat(put("/api/notifications/preferences", null, "{}").statusCode()).isEqualTo(401);
  }
}
