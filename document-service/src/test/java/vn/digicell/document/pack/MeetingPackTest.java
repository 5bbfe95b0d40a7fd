package vn.digicell.document.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.events.OutboxEvent;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

/** A meeting's paperless pack follows meeting.events and the library, read by its members. */
@DigiCellIntegrationTest
@TestPropertySource(properties = "digicell.documents.public-base-url=https://chiboso.example.vn/")
class MeetingPackTest {

  static final String VB = "/AG/VB";
  static final String C07 = "/AG/VB/C07";
  static final String C08 = "/AG/VB/C08";
  static final String BASE = "https://chiboso.example.vn";
  static final byte[] PDF =
      "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
          .getBytes(StandardCharsets.US_ASCII);
  static final byte[] PNG = png();

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired MongoTemplate mongo;
  TestHttp http;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void client() {
    http = new TestHttp("http://localhost:" + port);
  }

  static byte[] png() {
    byte[] bytes = new byte[64];
    byte[] magic = {
      (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'
    };
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    return bytes;
  }

  static String secretary(String cell) {
    return TestTokens.forUser("secretary-" + UUID.randomUUID())
        .roles("member", "cell-secretary")
        .orgScope(cell)
        .sign();
  }

  static String member(String scope) {
    return member(scope, "m-" + UUID.randomUUID());
  }

  static String member(String scope, String memberId) {
    return TestTokens.forUser("member-" + memberId)
        .roles("member")
        .orgScope(scope)
        .memberId(memberId)
        .sign();
  }

  static String committee(String scope) {
    return TestTokens.forUser("committee-" + UUID.randomUUID())
        .roles("member", "committee")
        .orgScope(scope)
        .sign();
  }

  static String json(Object value) {
    return JsonMapper.shared().writeValueAsString(value);
  }

  TestHttp.Response upload(String path, String token, String metadata, String name, byte[] bytes) {
    String boundary = "----digicell" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (metadata != null) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                  + "Content-Type: application/json\r\n\r\n"
                  + metadata
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(bytes);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new TestHttp.Response(r.statusCode(), r.headers().map(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String publishDocument(String title, String visibility) {
    String metadata =
        """
        {"title":%s,"kind":"RESOLUTION","number":"57-NQ/TW","issuingBody":"Bộ Chính trị",\
        "summary":"Tài liệu họp","visibility":"%s","orgPath":"%s"}"""
            .formatted(json(title), visibility, C07);
    TestHttp.Response r = upload("/api/documents", secretary(C07), metadata, "tl.pdf", PDF);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  record Raw(int status, byte[] body, String contentType) {}

  Raw raw(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> r =
          client.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Raw(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void meetingEvent(String type, String meetingId, long sequence, String payload) {
    assertThat(EventSchemas.violations(type, payload.getBytes(StandardCharsets.UTF_8)))
        .as(payload)
        .isEmpty();
    publisher.publish(
        new OutboxEvent(
            UUID.randomUUID().toString(),
            type,
            meetingId,
            sequence,
            C07,
            "meeting.events",
            payload,
            Instant.now(),
            null));
  }

  void schedule(String meetingId, String... documentIds) {
    meetingEvent(
        "vn.digicell.meeting.scheduled.v1",
        meetingId,
        1,
        """
        {"meetingId":"%s","cellId":"cell-c07","orgPath":"%s","kind":"REGULAR","mode":"IN_PERSON",\
        "title":"Sinh hoạt chi bộ định kỳ tháng 12","startsAt":"2026-12-05T01:00:00Z",\
        "location":"Nhà văn hoá thôn 7","onlineLink":null,\
        "agenda":[{"itemId":"item-1","title":"Quán triệt Nghị quyết 57","documentIds":%s}]}"""
            .formatted(meetingId, C07, json(List.of(documentIds))));
  }

  JsonNode awaitPack(String meetingId, String token, Predicate<JsonNode> until) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.Response r = http.get("/api/packs?meetingId=" + meetingId, token);
              return r.status() == 200 ? r.json() : null;
            },
            p -> p != null && until.test(p));
  }

  static List<String> documentIds(JsonNode pack, int item) {
    List<String> ids = new ArrayList<>();
    pack.get("agenda")
        .get(item)
        .get("documents")
        .forEach(d -> ids.add(d.get("documentId").asString()));
    return ids;
  }

  @Test
  void aScheduledMeetingGetsAPackThatFollowsTheAgendaAndTheDocuments() {
    String study = publishDocument("Nghị quyết 57-NQ/TW", "SUBTREE");
    String committeeOnly = publishDocument("Dự thảo nhân sự", "COMMITTEE_ONLY");
    String extra = publishDocument("Báo cáo tình hình thôn", "PUBLIC");
    String meetingId = "meeting-" + UUID.randomUUID();
    schedule(meetingId, study, committeeOnly);

    String member = member(C07);
    JsonNode pack = awaitPack(meetingId, member, p -> true);
    String code = pack.get("code").asString();
    assertThat(code).matches("[a-z2-7]{8}");
    assertThat(pack.get("url").asString()).isEqualTo(BASE + "/p/" + code);
    assertThat(pack.get("title").asString()).isEqualTo("Sinh hoạt chi bộ định kỳ tháng 12");
    assertThat(pack.get("location").asString()).isEqualTo("Nhà văn hoá thôn 7");
    assertThat(pack.get("status").asString()).isEqualTo("SCHEDULED");
    // a member does not see the committee's draft; a committee above the cell does
    assertThat(documentIds(pack, 0)).containsExactly(study);
    assertThat(documentIds(http.get("/api/packs/" + code, committee(VB)).json(), 0))
        .containsExactly(study, committeeOnly);
    JsonNode doc = pack.get("agenda").get(0).get("documents").get(0);
    assertThat(doc.get("title").asString()).isEqualTo("Nghị quyết 57-NQ/TW");
    assertThat(doc.get("version").asInt()).isEqualTo(1);
    assertThat(doc.get("contentUrl").asString())
        .isEqualTo("/api/packs/" + code + "/documents/" + study + "/content");

    // the agenda grows, the meeting moves and goes online: the pack follows, the code stays
    meetingEvent(
        "vn.digicell.meeting.agenda-item-added.v1",
        meetingId,
        2,
        """
        {"meetingId":"%s","itemId":"item-2","title":"Tình hình thôn","documentIds":["%s"]}"""
            .formatted(meetingId, extra));
    meetingEvent(
        "vn.digicell.meeting.rescheduled.v1",
        meetingId,
        3,
        """
        {"meetingId":"%s","previousStartsAt":"2026-12-05T01:00:00Z",\
        "startsAt":"2026-12-06T01:00:00Z","reason":"Trùng lịch"}"""
            .formatted(meetingId));
    meetingEvent(
        "vn.digicell.meeting.switched-online.v1",
        meetingId,
        4,
        """
        {"meetingId":"%s","onlineLink":"https://meet.example.vn/c07","reason":"Mưa lũ"}"""
            .formatted(meetingId));
    pack = awaitPack(meetingId, member, p -> "ONLINE".equals(p.get("mode").asString()));
    assertThat(pack.get("code").asString()).isEqualTo(code);
    assertThat(Instant.parse(pack.get("startsAt").asString()))
        .isEqualTo(Instant.parse("2026-12-06T01:00:00Z"));
    assertThat(pack.get("onlineLink").asString()).isEqualTo("https://meet.example.vn/c07");
    assertThat(pack.get("agenda")).hasSize(2);
    assertThat(documentIds(pack, 1)).containsExactly(extra);

    // a new version is served, a retracted document drops out
    assertThat(
            upload("/api/documents/" + study + "/versions", secretary(C07), null, "v2.png", PNG)
                .status())
        .isEqualTo(200);
    assertThat(
            http.post(
                    "/api/documents/" + extra + "/retraction",
                    secretary(C07),
                    "{\"reason\":\"Sai số liệu\"}")
                .status())
        .isEqualTo(200);
    pack = http.get("/api/packs/" + code, member).json();
    assertThat(pack.get("agenda").get(0).get("documents").get(0).get("version").asInt())
        .isEqualTo(2);
    assertThat(documentIds(pack, 1)).isEmpty();
    Raw newest = raw("/api/packs/" + code + "/documents/" + study + "/content", member);
    assertThat(newest.status()).isEqualTo(200);
    assertThat(newest.body()).isEqualTo(PNG);
    assertThat(raw("/api/packs/" + code + "/documents/" + extra + "/content", member).status())
        .isEqualTo(404);

    meetingEvent(
        "vn.digicell.meeting.cancelled.v1",
        meetingId,
        5,
        """
        {"meetingId":"%s","reason":"Hoãn theo chỉ đạo của Đảng uỷ xã"}"""
            .formatted(meetingId));
    pack = awaitPack(meetingId, member, p -> "CANCELLED".equals(p.get("status").asString()));
    assertThat(pack.get("cancelReason").asString()).isEqualTo("Hoãn theo chỉ đạo của Đảng uỷ xã");
  }

  @Test
  void thePackSaysWhetherTheMeetingIsUnderwayOrOver() {
    String meetingId = "meeting-" + UUID.randomUUID();
    schedule(meetingId, publishDocument("Báo cáo chi bộ quý IV", "SUBTREE"));
    String member = member(C07);
    assertThat(awaitPack(meetingId, member, p -> true).get("status").asString())
        .isEqualTo("SCHEDULED");
    meetingEvent(
        "vn.digicell.meeting.started.v1",
        meetingId,
        2,
        """
        {"meetingId":"%s","startedAt":"2026-12-05T01:00:00Z","invitees":[]}"""
            .formatted(meetingId));
    awaitPack(meetingId, member, p -> "IN_PROGRESS".equals(p.get("status").asString()));
    meetingEvent(
        "vn.digicell.meeting.closed.v1",
        meetingId,
        3,
        """
        {"meetingId":"%s","closedAt":"2026-12-05T03:00:00Z","invited":3,"present":3,"late":0,        "absentWithReason":0,"absentWithoutReason":0,"quorumBase":3,"quorumAttending":3,        "quorumReached":true}"""
            .formatted(meetingId));
    JsonNode closed =
        awaitPack(meetingId, member, p -> "CLOSED".equals(p.get("status").asString()));
    // still readable after the meeting: the pack is the record of what was studied
    assertThat(documentIds(closed, 0)).hasSize(1);
  }

  @Test
  void aBadPackCodeIsANotFoundProblemInTheReadersLanguage() {
    String member = member(C07);
    HttpResponse<String> vi = sendGet("/api/packs/zzzzzzzz", member, "vi");
    assertThat(vi.statusCode()).isEqualTo(404);
    JsonNode problem = JsonMapper.shared().readTree(vi.body());
    assertThat(problem.get("title").asString()).isEqualTo("Không tìm thấy bộ tài liệu họp");
    assertThat(problem.get("detail").asString()).startsWith("Không có bộ tài liệu họp nào");
    JsonNode english = http.get("/api/packs/zzzzzzzz", member).json();
    assertThat(english.get("title").asString()).isEqualTo("Meeting pack not found");
  }

  HttpResponse<String> sendGet(String path, String token, String language) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .header("Authorization", "Bearer " + token)
              .header("Accept-Language", language)
              .build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void onlyTheCellAndCommitteesAboveItMayOpenThePack() {
    String meetingId = "meeting-" + UUID.randomUUID();
    schedule(meetingId, publishDocument("Tài liệu công khai", "PUBLIC"));
    String code = awaitPack(meetingId, member(C07), p -> true).get("code").asString();

    assertThat(http.get("/api/packs/" + code, member(C07)).status()).isEqualTo(200);
    assertThat(http.get("/api/packs/" + code, committee(VB)).status()).isEqualTo(200);
    assertThat(http.get("/api/packs/" + code, member(C08)).status()).isEqualTo(403);
    assertThat(http.get("/api/packs/" + code, committee("/AG/XX")).status()).isEqualTo(403);
    assertThat(http.get("/api/packs?meetingId=" + meetingId, member(C08)).status()).isEqualTo(403);
    // a grant on the cell without a meeting reader's role reads no pack (the meeting read rule)
    for (String role : List.of("analyst", "it-admin", "auditor")) {
      String token = TestTokens.forUser(role + "-" + UUID.randomUUID()).grant(role, C07).sign();
      assertThat(http.get("/api/packs/" + code, token).status()).as(role).isEqualTo(403);
      assertThat(http.get("/api/packs?meetingId=" + meetingId, token).status())
          .as(role)
          .isEqualTo(403);
    }
    // a secretary of C08 attached to C07 reads it as a member (the grant on C07 is member's)
    String attached =
        TestTokens.forUser("attached-" + UUID.randomUUID())
            .grant("cell-secretary", C08)
            .grant("member", C07)
            .sign();
    assertThat(http.get("/api/packs/" + code, attached).status()).isEqualTo(200);
    assertThat(http.get("/api/packs/" + code, null).status()).isEqualTo(401);
    assertThat(http.get("/api/packs/zzzzzzzz", member(C07)).status()).isEqualTo(404);
    TestHttp.Response bad = http.get("/api/packs/NOT-A-CODE", member(C07));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.header("Content-Type")).contains("application/problem+json");
    assertThat(http.get("/api/packs?meetingId=unknown", member(C07)).status()).isEqualTo(404);
    assertThat(http.get("/api/packs", member(C07)).status()).isEqualTo(400);
  }

  @Test
  void readingADocumentThroughThePackLeavesAReadReceipt() {
    String study = publishDocument("Chỉ thị 35-CT/TW", "SUBTREE");
    String meetingId = "meeting-" + UUID.randomUUID();
    schedule(meetingId, study);
    String memberId = "m-" + UUID.randomUUID();
    String reader = member(C07, memberId);
    String code = awaitPack(meetingId, reader, p -> true).get("code").asString();

    Raw read = raw("/api/packs/" + code + "/documents/" + study + "/content", reader);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(PDF);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                TestTopics.read("document.events", study + ":" + memberId).stream()
                    .anyMatch(
                        r ->
                            "vn.digicell.document.read.v1"
                                    .equals(TestTopics.headers(r).get("ce_type"))
                                && new String(r.value(), StandardCharsets.UTF_8)
                                    .contains(memberId)));
    JsonNode receipts =
        http.get("/api/documents/" + study + "/read-receipts", secretary(C07)).json();
    assertThat(receipts.toString()).contains(memberId);
    // a stranger cannot read through the pack; a document outside the pack is not served
    assertThat(raw("/api/packs/" + code + "/documents/" + study + "/content", member(C08)).status())
        .isEqualTo(403);
    String other = publishDocument("Không thuộc cuộc họp", "PUBLIC");
    assertThat(raw("/api/packs/" + code + "/documents/" + other + "/content", reader).status())
        .isEqualTo(404);
  }

  @Test
  void thePackQrEncodesThePortalUrlAndTheCodeNeverChanges() throws Exception {
    String meetingId = "meeting-" + UUID.randomUUID();
    schedule(meetingId);
    String code = awaitPack(meetingId, member(C07), p -> true).get("code").asString();
    // the same scheduling delivered again (a replay with a new sequence) keeps the code
    schedule(meetingId);
    meetingEvent(
        "vn.digicell.meeting.agenda-item-added.v1",
        meetingId,
        2,
        """
        {"meetingId":"%s","itemId":"item-9","title":"Ý kiến đảng viên","documentIds":[]}"""
            .formatted(meetingId));
    JsonNode pack = awaitPack(meetingId, member(C07), p -> p.get("agenda").size() == 2);
    assertThat(pack.get("code").asString()).isEqualTo(code);
    assertThat(mongo.count(Query.query(Criteria.where("_id").is(meetingId)), MeetingPack.class))
        .isEqualTo(1);

    Raw png = raw("/api/packs/" + code + "/qr.png", null);
    assertThat(png.status()).isEqualTo(200);
    assertThat(png.contentType()).isEqualTo("image/png");
    var image = ImageIO.read(new ByteArrayInputStream(png.body()));
    String decoded =
        new MultiFormatReader()
            .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
            .getText();
    assertThat(decoded).isEqualTo(BASE + "/p/" + code);
    Raw svg = raw("/api/packs/" + code + "/qr.svg", null);
    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.contentType()).startsWith("image/svg+xml");
    assertThat(new String(svg.body(), StandardCharsets.UTF_8)).contains("<svg").contains("<path");
    assertThat(raw("/api/packs/zzzzzzzz/qr.png", null).status()).isEqualTo(404);
  }
}
