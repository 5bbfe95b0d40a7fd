package vn.digicell.notification.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.notification.recipient.Roster;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.MutableClock;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

@DigiCellIntegrationTest
@Import(FeedbackTest.Clocks.class)
@TestPropertySource(properties = "digicell.notification.feedback.max-attachment-size=64KB")
class FeedbackTest {

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MutableClock mutableClock() {
      return new MutableClock();
    }
  }

  /** The smallest valid PNG (1×1 pixel). */
  static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

  @LocalServerPort int port;
  @Autowired Roster roster;
  @Autowired MongoTemplate mongo;
  @Autowired FeedbackEscalation escalation;
  @Autowired MutableClock clock;

  TestHttp http;
  String province;
  String commune;
  String cell;

  @BeforeEach
  void setUp() {
    http = new TestHttp("http://localhost:" + port);
    province = "/P" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    commune = province + "/VB";
    cell = commune + "/C07";
  }

  private String member(String path, String name) {
    String id = UUID.randomUUID().toString();
    roster.admitted(id, name, path, "cell", "OFFICIAL");
    return id;
  }

  private static String memberToken(String memberId, String path) {
    return TestTokens.forUser("m-" + memberId)
        .roles("member")
        .orgScope(path)
        .memberId(memberId)
        .sign();
  }

  private static String committeeToken(String scope) {
    return TestTokens.forUser("committee" + scope).roles("committee").orgScope(scope).sign();
  }

  private int inboxSize(String token) {
    return http.get("/api/notifications?size=100", token).json().get("items").size();
  }

  private JsonNode submit(String token, Map<String, Object> body) {
    TestHttp.Response r = http.postJson("/api/feedback", token, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private static Map<String, Object> aboutTheRoad() {
    return Map.of(
        "category",
        "ENVIRONMENT",
        "text",
        "Đường liên ấp bị ngập sau mưa.",
        "location",
        "Ấp Bình Hòa");
  }

  @Test
  void aMembersFeedbackReachesTheirCommuneAndIsFollowedToResolution() {
    String hoa = member(cell, "Nguyễn Thị Hoa");
    String hoaToken = memberToken(hoa, cell);
    String committee = committeeToken(commune);

    JsonNode submitted = submit(hoaToken, aboutTheRoad());
    String id = submitted.get("id").asString();
    assertThat(submitted.get("routedTo").asString()).isEqualTo(commune);
    assertThat(submitted.get("originPath").asString()).isEqualTo(cell);
    assertThat(submitted.get("status").asString()).isEqualTo("RECEIVED");

    // only the submitter and the responsible committee see it
    assertThat(http.get("/api/feedback/" + id, committee).status()).isEqualTo(200);
    assertThat(
            http.get("/api/feedback?box=inbox", committee)
                .json()
                .get("items")
                .findValuesAsString("id"))
        .containsExactly(id);
    String otherCommune = committeeToken(province + "/VX");
    assertThat(http.get("/api/feedback/" + id, otherCommune).status()).isEqualTo(404);
    assertThat(http.get("/api/feedback?box=inbox", otherCommune).json().get("items").size())
        .isZero();
    String neighbour = member(cell, "Trần Văn Bình");
    assertThat(http.get("/api/feedback/" + id, memberToken(neighbour, cell)).status())
        .isEqualTo(404);
    String secretary =
        TestTokens.forUser("sec")
            .roles("cell-secretary", "member")
            .orgScope(cell)
            .memberId(neighbour)
            .sign();
    assertThat(http.get("/api/feedback/" + id, secretary).status()).isEqualTo(404);
    assertThat(http.post("/api/feedback/" + id + "/start", otherCommune, "").status())
        .isEqualTo(404);
    assertThat(
            http.postJson(
                    "/api/feedback/" + id + "/assign", hoaToken, Map.of("assigneeName", "Tôi"))
                .status())
        .isEqualTo(403);
    assertThat(
            http.get("/api/feedback?box=mine", hoaToken)
                .json()
                .get("items")
                .findValuesAsString("id"))
        .containsExactly(id);

    // invalid transitions are conflicts and change nothing
    TestHttp.Response early =
        http.postJson("/api/feedback/" + id + "/resolve", committee, Map.of("response", "Xong"));
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.header("Content-Type")).contains("application/problem+json");
    assertThat(http.post("/api/feedback/" + id + "/start", committee, "").status()).isEqualTo(409);

    JsonNode assigned =
        http.postJson(
                "/api/feedback/" + id + "/assign",
                committee,
                Map.of("assigneeName", "Đồng chí Phó Bí thư"))
            .json();
    assertThat(assigned.get("status").asString()).isEqualTo("ASSIGNED");
    assertThat(assigned.get("assignee").get("name").asString()).isEqualTo("Đồng chí Phó Bí thư");
    assertThat(
            http.post("/api/feedback/" + id + "/start", committee, "")
                .json()
                .get("status")
                .asString())
        .isEqualTo("IN_PROGRESS");
    assertThat(
            http.postJson(
                    "/api/feedback/" + id + "/responses",
                    committee,
                    Map.of("text", "Đã liên hệ UBND xã."))
                .status())
        .isEqualTo(200);
    JsonNode resolved =
        http.postJson(
                "/api/feedback/" + id + "/resolve",
                committee,
                Map.of("response", "Đã khơi thông cống thoát nước."))
            .json();
    assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
    assertThat(
            http.postJson("/api/feedback/" + id + "/decline", committee, Map.of("response", "x"))
                .status())
        .isEqualTo(409);

    JsonNode seenBySubmitter = http.get("/api/feedback/" + id, hoaToken).json();
    assertThat(seenBySubmitter.get("responses").findValuesAsString("text"))
        .containsExactly("Đã liên hệ UBND xã.", "Đã khơi thông cống thoát nước.");

    // notified at each step: received, assigned, started, responded, resolved
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(hoaToken) == 5);
    // each leads to the submitter's own item, with its status and answers, not to the inbox
    assertThat(
            http.get("/api/notifications?size=10", hoaToken)
                .json()
                .get("items")
                .findValuesAsString("link"))
        .hasSize(5)
        .containsOnly("/#/my-feedback/" + id);

    List<ConsumerRecord<String, byte[]>> events = TestTopics.awaitRecords("feedback.events", id, 5);
    assertThat(events)
        .extracting(r -> TestTopics.headers(r).get("ce_type"))
        .containsExactly(
            Feedback.SUBMITTED,
            Feedback.ASSIGNED,
            Feedback.STARTED,
            Feedback.RESPONDED,
            Feedback.RESOLVED);
    for (ConsumerRecord<String, byte[]> event : events) {
      String type = TestTopics.headers(event).get("ce_type");
      assertThat(EventSchemas.violations(type, event.value())).as(type).isEmpty();
      assertThat(new String(event.value(), StandardCharsets.UTF_8))
          .doesNotContain("ngập", "Nguyễn", hoa);
    }

    JsonNode stats = http.get("/api/feedback/statistics?under=" + commune, committee).json();
    assertThat(stats.size()).isEqualTo(1);
    assertThat(stats.get(0).get("routedTo").asString()).isEqualTo(commune);
    assertThat(stats.get(0).get("resolved").asLong()).isEqualTo(1);
    assertThat(stats.get(0).get("open").asLong()).isZero();
    assertThat(stats.get(0).has("averageSecondsToResolve")).isTrue();
    assertThat(http.get("/api/feedback/statistics?under=" + commune, otherCommune).status())
        .isEqualTo(403);
  }

  @Test
  void feedbackNobodyTakesUpEscalatesToTheNextLevel() {
    String an = member(cell, "Võ Văn An");
    String anToken = memberToken(an, cell);
    String communeCommittee = committeeToken(commune);
    String provinceCommittee = committeeToken(province);
    String waiting = submit(anToken, aboutTheRoad()).get("id").asString();
    String started =
        submit(
                anToken,
                Map.of("category", "LAND", "text", "Tranh chấp ranh đất.", "location", "Ấp Tây"))
            .get("id")
            .asString();
    http.postJson(
        "/api/feedback/" + started + "/assign",
        communeCommittee,
        Map.of("assigneeName", "Chị Lan"));
    assertThat(http.post("/api/feedback/" + started + "/start", communeCommittee, "").status())
        .isEqualTo(200);

    // not yet due (its shown deadline is 30 days on): nothing moves
    clock.advance(Duration.ofDays(29));
    escalation.escalateDue();
    assertThat(
            http.get("/api/feedback/" + waiting, communeCommittee)
                .json()
                .get("routedTo")
                .asString())
        .isEqualTo(commune);

    clock.advance(Duration.ofDays(1));
    assertThat(escalation.escalateDue()).isGreaterThanOrEqualTo(1);
    // the province committee has it now; the commune's no longer sees it; the submitter does
    JsonNode escalated = http.get("/api/feedback/" + waiting, provinceCommittee).json();
    assertThat(escalated.get("routedTo").asString()).isEqualTo(province);
    assertThat(escalated.get("escalations").get(0).get("from").asString()).isEqualTo(commune);
    assertThat(escalated.get("escalations").get(0).get("to").asString()).isEqualTo(province);
    assertThat(http.get("/api/feedback/" + waiting, communeCommittee).status()).isEqualTo(404);
    assertThat(http.get("/api/feedback/" + waiting, anToken).json().get("routedTo").asString())
        .isEqualTo(province);
    // work had begun on the other one: it stays
    assertThat(
            http.get("/api/feedback/" + started, communeCommittee)
                .json()
                .get("routedTo")
                .asString())
        .isEqualTo(commune);

    // the province is the top: it never escalates further
    clock.advance(Duration.ofDays(10));
    escalation.escalateDue();
    assertThat(
            http.get("/api/feedback/" + waiting, provinceCommittee)
                .json()
                .get("routedTo")
                .asString())
        .isEqualTo(province);

    ConsumerRecord<String, byte[]> event =
        TestTopics.awaitRecords("feedback.events", waiting, 2).get(1);
    assertThat(TestTopics.headers(event).get("ce_type")).isEqualTo(Feedback.ESCALATED);
    assertThat(EventSchemas.violations(Feedback.ESCALATED, event.value())).isEmpty();
    assertThat(TestTopics.headers(event).get("ce_orgpath")).isEqualTo(province);

    // 61 days on, both are open past the deadline of their level (the province got 30 days again
    // when it arrived): overdue, each at its committee
    clock.advance(Duration.ofDays(21));
    JsonNode stats =
        http.get("/api/feedback/statistics?under=" + province, provinceCommittee).json();
    assertThat(stats.findValuesAsString("routedTo")).containsExactly(province, commune);
    assertThat(stats.get(0).get("overdue").asLong()).isEqualTo(1);
    assertThat(stats.get(1).get("overdue").asLong()).isEqualTo(1);
    assertThat(stats.get(1).get("open").asLong()).isEqualTo(1);
  }

  @Test
  void aCellSecretarySubmitsForTheCellAndAnonymousSubmittersStayHidden() {
    String secretaryId = member(cell, "Bùi Văn Sơn");
    String secretary =
        TestTokens.forUser("sec-" + secretaryId)
            .roles("cell-secretary", "member")
            .orgScope(cell)
            .memberId(secretaryId)
            .sign();
    Map<String, Object> forCell =
        Map.of(
            "category",
            "PARTY_BUILDING",
            "text",
            "Chi bộ đề nghị tập huấn.",
            "location",
            "Ấp Đông",
            "cellPath",
            cell);
    JsonNode submitted = submit(secretary, forCell);
    assertThat(submitted.get("onBehalfOfCell").asBoolean()).isTrue();
    assertThat(submitted.get("routedTo").asString()).isEqualTo(commune);
    // a deputy secretary of the same cell follows it too
    String deputy = TestTokens.forUser("deputy").roles("cell-secretary").orgScope(cell).sign();
    assertThat(http.get("/api/feedback/" + submitted.get("id").asString(), deputy).status())
        .isEqualTo(200);

    // a secretary of another cell, or a plain member, cannot speak for this cell
    String other =
        TestTokens.forUser("sec2").roles("cell-secretary").orgScope(commune + "/C08").sign();
    assertThat(http.postJson("/api/feedback", other, forCell).status()).isEqualTo(403);
    String plain = member(cell, "Lâm Thị Tú");
    assertThat(http.postJson("/api/feedback", memberToken(plain, cell), forCell).status())
        .isEqualTo(403);

    JsonNode anonymous =
        submit(
            memberToken(plain, cell),
            Map.of(
                "category",
                "SECURITY_ORDER",
                "text",
                "Trộm cắp vặt tăng.",
                "location",
                "Ấp Đông",
                "anonymousToOthers",
                true));
    String anonymousId = anonymous.get("id").asString();
    assertThat(anonymous.get("submitterMemberId").asString()).isEqualTo(plain);
    JsonNode seenByCommittee =
        http.get("/api/feedback/" + anonymousId, committeeToken(commune)).json();
    assertThat(seenByCommittee.has("submitterMemberId")).isFalse();
    assertThat(seenByCommittee.has("submitterName")).isFalse();
    assertThat(seenByCommittee.get("text").asString()).isEqualTo("Trộm cắp vặt tăng.");
  }

  @Test
  void badInputIsAProblemAndChangesNothing() {
    String binh = member(cell, "Trần Văn Bình");
    String token = memberToken(binh, cell);
    assertThat(http.post("/api/feedback", token, "{\"text\":\"x\",\"location\":\"Ấp\"}").status())
        .isEqualTo(400);
    assertThat(
            http.post(
                    "/api/feedback",
                    token,
                    "{\"category\":\"WEATHER\",\"text\":\"x\",\"location\":\"Ấp\"}")
                .status())
        .isEqualTo(400);
    TestHttp.Response tooLong =
        http.postJson(
            "/api/feedback",
            token,
            Map.of("category", "OTHER", "text", "x".repeat(5001), "location", "Ấp"));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body()).contains("text");
    assertThat(http.postJson("/api/feedback", committeeToken(commune), aboutTheRoad()).status())
        .isEqualTo(422);
    assertThat(http.postJson("/api/feedback", null, aboutTheRoad()).status()).isEqualTo(401);
    assertThat(http.get("/api/feedback?box=all", token).status()).isEqualTo(400);
    assertThat(http.get("/api/feedback?box=mine&cursor=%21%21", token).status()).isEqualTo(400);
    assertThat(http.get("/api/feedback?box=mine", token).json().get("items").size()).isZero();
    assertThat(
            mongo.count(
                Query.query(Criteria.where("originPath").regex("^" + province)), Feedback.class))
        .isZero();

    String id = submit(token, aboutTheRoad()).get("id").asString();
    assertThat(
            http.postJson("/api/feedback/" + id + "/assign", committeeToken(commune), Map.of())
                .status())
        .isEqualTo(400);
    assertThat(
            http.postJson(
                    "/api/feedback/" + id + "/resolve",
                    committeeToken(commune),
                    Map.of("response", ""))
                .status())
        .isEqualTo(400);
    assertThat(http.get("/api/feedback/" + id, token).json().get("status").asString())
        .isEqualTo("RECEIVED");
  }

  @Test
  void theSubmitterAttachesAPhotoThatOnlyTheyAndTheCommitteeCanOpen() throws Exception {
    String cuong = member(cell, "Lê Văn Cường");
    String token = memberToken(cuong, cell);
    String id = submit(token, aboutTheRoad()).get("id").asString();

    HttpResponse<byte[]> photo = upload(id, token, "ngap.png", PNG);
    assertThat(photo.statusCode()).isEqualTo(201);
    JsonNode attachment = http.get("/api/feedback/" + id, token).json().get("attachments").get(0);
    assertThat(attachment.get("mediaType").asString()).isEqualTo("image/png");
    String fileId = attachment.get("fileId").asString();

    // a text file named like a photo is refused by its bytes; a large one by its size
    assertThat(
            upload(id, token, "anh.jpg", "xin chào".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(415);
    byte[] large = new byte[70 * 1024];
    System.arraycopy(PNG, 0, large, 0, PNG.length);
    assertThat(upload(id, token, "lon.png", large).statusCode()).isEqualTo(413);
    // only the submitter attaches
    assertThat(upload(id, committeeToken(commune), "c.png", PNG).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/feedback/" + id, token).json().get("attachments").size())
        .isEqualTo(1);

    HttpResponse<byte[]> download = download(id, fileId, committeeToken(commune));
    assertThat(download.statusCode()).isEqualTo(200);
    // stored re-encoded from its pixels: the same 1x1 image, not necessarily the same bytes
    java.awt.image.BufferedImage image =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(download.body()));
    assertThat(image.getWidth()).isEqualTo(1);
    assertThat(image.getHeight()).isEqualTo(1);
    assertThat(download(id, fileId, committeeToken(province + "/VX")).statusCode()).isEqualTo(404);
    String stranger = member(cell, "Người lạ");
    assertThat(download(id, fileId, memberToken(stranger, cell)).statusCode()).isEqualTo(404);
  }

  private HttpResponse<byte[]> upload(String id, String token, String filename, byte[] content)
      throws IOException, InterruptedException {
    String boundary = "----digicell" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename
                + "\"\r\nContent-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/feedback/" + id + "/attachment"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> download(String id, String fileId, String token)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + port
                            + "/api/feedback/"
                            + id
                            + "/attachments/"
                            + fileId))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }
}
