package vn.digicell.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

/**
 * A closed meeting of three official members (the chair and the secretary present, one absent with
 * a reason) with one opinion, an open vote and its resolution: the draft minutes, signatures with
 * the officers' Ed25519 keys after a fresh login, the finalised event, and the seal from
 * document-service.
 */
@DigiCellIntegrationTest
class MinutesFlowTest {

  static final String FINALIZED = "vn.digicell.meeting.minutes-finalized.v1";

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;

  TestHttp http;
  String path;
  String chair;
  String secretaryId;
  String absent;
  String secretary;
  String meetingId;
  String cellId;
  KeyPair chairKeys;
  KeyPair secretaryKeys;

  @BeforeEach
  void closedMeeting() throws Exception {
    http = new TestHttp("http://localhost:" + port);
    Fixtures fixtures = new Fixtures(publisher);
    String code = Fixtures.newCellCode();
    path = "/AG/VB/" + code;
    cellId = fixtures.cell(code);
    chair = "chair-" + UUID.randomUUID();
    secretaryId = "sec-" + UUID.randomUUID();
    absent = "abs-" + UUID.randomUUID();
    fixtures.official(chair, "Nguyễn Văn Chủ", cellId, path);
    fixtures.official(secretaryId, "Trần Thị Thư", cellId, path);
    fixtures.official(absent, "Lê Văn Vắng", cellId, path);
    secretary = secretaryToken(Instant.now());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.Response r = http.get("/api/cells/" + cellId + "/roster", secretary);
              if (r.status() != 200 || r.json().size() != 3) {
                return false;
              }
              for (JsonNode m : r.json()) {
                if (!"OFFICIAL".equals(m.get("status").asString())) {
                  return false;
                }
              }
              return true;
            });
    JsonNode scheduled =
        http.postJson(
                "/api/meetings",
                secretary,
                Map.of(
                    "cellId", cellId,
                    "kind", "REGULAR",
                    "mode", "IN_PERSON",
                    "title", "Sinh hoạt chi bộ tháng 11",
                    "startsAt", OffsetDateTime.now().plusHours(1).toString(),
                    "location", "Nhà văn hóa ấp",
                    "agenda",
                        List.of(
                            Map.of("title", "Kiểm điểm công tác tháng", "documentIds", List.of()))))
            .json();
    meetingId = scheduled.get("id").asString();
    String itemId = scheduled.get("agenda").get(0).get("itemId").asString();
    ok(http.post("/api/meetings/" + meetingId + "/start", secretary, ""));
    attendance(chair, "PRESENT", null);
    attendance(secretaryId, "PRESENT", null);
    attendance(absent, "ABSENT_WITH_REASON", "Đi công tác");
    ok(
        http.postJson(
            "/api/meetings/" + meetingId + "/opinions",
            secretary,
            Map.of(
                "memberId",
                chair,
                "agendaItemId",
                itemId,
                "summary",
                "Đề nghị tăng cường tuần tra")));
    String motion =
        http.postJson(
                "/api/meetings/" + meetingId + "/motions",
                secretary,
                Map.of(
                    "question", "Thông qua kế hoạch tháng 12",
                    "options", List.of("Tán thành", "Không tán thành"),
                    "ballot", "OPEN"))
            .json()
            .get("id")
            .asString();
    for (String voter : List.of(chair, secretaryId)) {
      assertThat(
              http.postJson(
                      "/api/motions/" + motion + "/votes",
                      MeetingFlowTest.memberToken(voter, path),
                      Map.of("option", "Tán thành"))
                  .status())
          .isEqualTo(201);
    }
    ok(http.post("/api/motions/" + motion + "/close", secretary, ""));
    ok(
        http.postJson(
            "/api/motions/" + motion + "/resolution",
            secretary,
            Map.of("text", "Chi bộ thống nhất kế hoạch tháng 12")));
    ok(http.post("/api/meetings/" + meetingId + "/close", secretary, ""));
    chairKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    secretaryKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  String secretaryToken(Instant authTime) {
    return TestTokens.forUser("sec-" + secretaryId)
        .roles("cell-secretary", "member")
        .orgScope(path)
        .memberId(secretaryId)
        .authTime(authTime)
        .sign();
  }

  String chairToken(Instant authTime) {
    return TestTokens.forUser("m-" + chair)
        .roles("member")
        .orgScope(path)
        .memberId(chair)
        .authTime(authTime)
        .sign();
  }

  void attendance(String memberId, String attendance, String reason) {
    Map<String, String> body =
        reason == null
            ? Map.of("memberId", memberId, "attendance", attendance)
            : Map.of("memberId", memberId, "attendance", attendance, "reason", reason);
    ok(http.postJson("/api/meetings/" + meetingId + "/attendance", secretary, body));
  }

  static void ok(TestHttp.Response r) {
    assertThat(r.status()).as(r.body()).isBetween(200, 201);
  }

  TestHttp.Response put(String uri, String token, Object body) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + uri))
                    .header("Authorization", TestTokens.bearer(token))
                    .header("Content-Type", "application/json")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            JsonMapper.shared().writeValueAsString(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new TestHttp.Response(response.statusCode(), response.headers().map(), response.body());
  }

  JsonNode draft() {
    TestHttp.Response r =
        http.postJson(
            "/api/meetings/" + meetingId + "/minutes", secretary, Map.of("chairMemberId", chair));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  void registerKeys() throws Exception {
    assertThat(
            put(
                    "/api/meetings/signing-keys/" + chair,
                    chairToken(Instant.now()),
                    Map.of("publicKey", encoded(chairKeys)))
                .status())
        .isEqualTo(200);
    assertThat(
            put(
                    "/api/meetings/signing-keys/" + secretaryId,
                    secretary,
                    Map.of("publicKey", encoded(secretaryKeys)))
                .status())
        .isEqualTo(200);
  }

  static String encoded(KeyPair pair) {
    return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
  }

  /** What an officer signs for the minutes of this meeting (digicell-signing-v2). */
  String minutesMessage(int version, String content) {
    return signedMessage("minutes", meetingId, version, content);
  }

  String minutesMessage(String content) {
    return minutesMessage(1, content);
  }

  String amendmentMessage(int number, String content) {
    return signedMessage("amendment", meetingId, number, content);
  }

  static String signedMessage(String kind, String meetingId, int version, String content) {
    try {
      return "DigiCell signature v2\nkind="
          + kind
          + "\nmeetingId="
          + meetingId
          + "\nversion="
          + version
          + "\ncontentSha256="
          + HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(KeyPair pair, String content) throws Exception {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(content.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(signer.sign());
  }

  TestHttp.Response signAs(String role, String token, String signature) {
    return http.postJson(
        "/api/meetings/" + meetingId + "/minutes/signatures",
        token,
        Map.of("role", role, "signature", signature));
  }

  @Test
  void theDraftIsWrittenFromTheMeetingsAttendanceOpinionsVotesAndResolutions() {
    String content = draft().get("content").asString();
    assertThat(content)
        .startsWith("ĐẢNG CỘNG SẢN VIỆT NAM\nBIÊN BẢN SINH HOẠT CHI BỘ")
        .contains("Tổng số đảng viên được triệu tập: 3")
        .contains("Có mặt: 2; đến muộn: 0; vắng có lý do: 1; vắng không có lý do: 0")
        .contains("Nguyễn Văn Chủ (chính thức)")
        .contains("Lê Văn Vắng (chính thức): Đi công tác")
        .contains("1. Kiểm điểm công tác tháng")
        .contains("Đồng chí Nguyễn Văn Chủ: Đề nghị tăng cường tuần tra")
        .contains("Thông qua kế hoạch tháng 12 (biểu quyết công khai)")
        .contains("Số đảng viên tham gia biểu quyết: 2/3")
        .contains("- Tán thành: 2 phiếu")
        .contains("- Không tán thành: 0 phiếu")
        .contains("Kết quả: thông qua phương án \"Tán thành\"")
        .contains("Chi bộ thống nhất kế hoạch tháng 12")
        .contains("Chủ trì: Nguyễn Văn Chủ")
        .contains("Thư ký: Trần Thị Thư")
        .doesNotContain("\r");
    assertThat(content)
        .isEqualTo(java.text.Normalizer.normalize(content, java.text.Normalizer.Form.NFC));
  }

  @Test
  void theSecretaryEditsTheDraftButOnlyTheSecretaryOfTheCell() throws Exception {
    draft();
    TestHttp.Response edited =
        put(
            "/api/meetings/" + meetingId + "/minutes",
            secretary,
            Map.of("content", "BIÊN BẢN\r\nĐã sửa   \r\n"));
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.json().get("content").asString()).isEqualTo("BIÊN BẢN\nĐã sửa\n");
    assertThat(
            put(
                    "/api/meetings/" + meetingId + "/minutes",
                    chairToken(Instant.now()),
                    Map.of("content", "khác"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void signingNeedsAFreshLogin() throws Exception {
    JsonNode minutes = draft();
    registerKeys();
    assertThat(minutes.get("version").asInt()).isEqualTo(1);
    String signature = sign(chairKeys, minutesMessage(minutes.get("content").asString()));
    TestHttp.Response stale =
        signAs("CHAIR", chairToken(Instant.now().minus(Duration.ofMinutes(10))), signature);
    assertThat(stale.status()).isEqualTo(403);
    assertThat(stale.json().get("type").asString()).endsWith("fresh-login-required");
    assertThat(
            http.get("/api/meetings/" + meetingId + "/minutes", secretary)
                .json()
                .get("signatures")
                .size())
        .isZero();
    assertThat(signAs("CHAIR", chairToken(Instant.now()), signature).status()).isEqualTo(200);
  }

  @Test
  void signaturesAreVerifiedBothMakeTheMinutesFinalAndTheSealIsRecorded() throws Exception {
    String content = draft().get("content").asString();
    TestHttp.Response noKey =
        signAs("CHAIR", chairToken(Instant.now()), sign(chairKeys, minutesMessage(content)));
    assertThat(noKey.status()).isEqualTo(422);
    assertThat(noKey.json().get("type").asString()).endsWith("signing-key-not-registered");
    registerKeys();
    JsonNode published = http.get("/api/meetings/signing-keys/" + chair, secretary).json();
    assertThat(Base64.getDecoder().decode(published.get("publicKey").asString())).hasSize(32);

    TestHttp.Response forged =
        signAs("CHAIR", chairToken(Instant.now()), sign(secretaryKeys, minutesMessage(content)));
    assertThat(forged.status()).isEqualTo(422);
    assertThat(forged.json().get("type").asString()).endsWith("invalid-signature");
    TestHttp.Response notChair =
        signAs("CHAIR", secretary, sign(secretaryKeys, minutesMessage(content)));
    assertThat(notChair.status()).isEqualTo(403);

    assertThat(
            signAs("CHAIR", chairToken(Instant.now()), sign(chairKeys, minutesMessage(content)))
                .status())
        .isEqualTo(200);
    TestHttp.Response twice =
        signAs("CHAIR", chairToken(Instant.now()), sign(chairKeys, minutesMessage(content)));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().get("type").asString()).endsWith("already-signed");
    TestHttp.Response last =
        signAs("SECRETARY", secretary, sign(secretaryKeys, minutesMessage(content)));
    assertThat(last.status()).as(last.body()).isEqualTo(200);
    assertThat(last.json().get("status").asString()).isEqualTo("FINALIZED");

    List<ConsumerRecord<String, byte[]>> records =
        TestTopics.awaitRecords("meeting.records", "minutes-" + meetingId, 1);
    assertThat(TestTopics.headers(records.get(0))).containsEntry("ce_type", FINALIZED);
    assertThat(EventSchemas.violations(FINALIZED, records.get(0).value())).isEmpty();
    JsonNode event = JsonMapper.shared().readTree(records.get(0).value());
    assertThat(event.get("meetingId").asString()).isEqualTo(meetingId);
    assertThat(event.get("content").asString()).isEqualTo(content);
    assertThat(event.get("contentSha256").asString())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(content.getBytes(StandardCharsets.UTF_8))));
    assertThat(event.get("signatures")).hasSize(2);
    for (JsonNode s : event.get("signatures")) {
      assertThat(s.get("scheme").asString()).isEqualTo("digicell-signing-v2");
      assertThat(verifies(s, minutesMessage(content))).as(s.toString()).isTrue();
    }

    TestHttp.Response edit =
        put("/api/meetings/" + meetingId + "/minutes", secretary, Map.of("content", "sửa\n"));
    assertThat(edit.status()).isEqualTo(409);
    assertThat(edit.json().get("type").asString()).endsWith("minutes-finalized");
    assertThat(
            http.postJson(
                    "/api/meetings/" + meetingId + "/minutes",
                    secretary,
                    Map.of("chairMemberId", chair))
                .status())
        .isEqualTo(409);

    String sealed =
        """
        {"meetingId":"%s","archiveRecordId":"rec-%s","orgPath":"%s","logIndex":41,\
        "leafHash":"%s","checkpoint":{"size":42,"rootHash":"%s",\
        "signedNote":"digicell.vn/archive\\n42\\nAAAA\\n\\n— digicell.vn/archive abc=\\n"}}"""
            .formatted(
                meetingId,
                meetingId,
                path,
                Base64.getEncoder().encodeToString(new byte[32]),
                Base64.getEncoder().encodeToString(new byte[32]));
    var seal =
        Fixtures.event(
            "vn.digicell.document.minutes-sealed.v1",
            "document.events",
            "rec-" + meetingId,
            1,
            path,
            sealed);
    publisher.publish(seal);
    publisher.publish(seal);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "SEALED"
                    .equals(
                        http.get("/api/meetings/" + meetingId + "/minutes", secretary)
                            .json()
                            .get("status")
                            .asString()));
    JsonNode recorded =
        http.get(
                "/api/meetings/" + meetingId + "/minutes",
                MeetingFlowTest.memberToken(absent, path))
            .json()
            .get("seal");
    assertThat(recorded.get("logIndex").asLong()).isEqualTo(41);
    assertThat(recorded.get("archiveRecordId").asString()).isEqualTo("rec-" + meetingId);
    assertThat(recorded.get("checkpointSize").asLong()).isEqualTo(42);
  }

  static final String AMENDED = "vn.digicell.meeting.minutes-amended.v1";

  void sealOriginal(String content) throws Exception {
    registerKeys();
    ok(signAs("CHAIR", chairToken(Instant.now()), sign(chairKeys, minutesMessage(content))));
    ok(signAs("SECRETARY", secretary, sign(secretaryKeys, minutesMessage(content))));
    publisher.publish(sealEvent("rec-" + meetingId, 41));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "SEALED"
                    .equals(
                        http.get("/api/meetings/" + meetingId + "/minutes", secretary)
                            .json()
                            .get("status")
                            .asString()));
  }

  vn.digicell.platform.events.OutboxEvent sealEvent(String archiveRecordId, long logIndex) {
    String sealed =
        """
        {"meetingId":"%s","archiveRecordId":"%s","orgPath":"%s","logIndex":%d,\
        "leafHash":"%s","checkpoint":{"size":%d,"rootHash":"%s",\
        "signedNote":"digicell.vn/archive\\n42\\nAAAA\\n\\n— digicell.vn/archive abc=\\n"}}"""
            .formatted(
                meetingId,
                archiveRecordId,
                path,
                logIndex,
                Base64.getEncoder().encodeToString(new byte[32]),
                logIndex + 1,
                Base64.getEncoder().encodeToString(new byte[32]));
    return Fixtures.event(
        "vn.digicell.document.minutes-sealed.v1",
        "document.events",
        archiveRecordId,
        1,
        path,
        sealed);
  }

  TestHttp.Response amend(String token, String content) {
    return http.postJson(
        "/api/meetings/" + meetingId + "/amendments",
        token,
        Map.of("content", content, "reason", "Ghi sai tên người phát biểu"));
  }

  @Test
  void correctionsOfSealedMinutesAreSignedAmendmentsThatReferenceTheOriginal() throws Exception {
    String content = draft().get("content").asString();
    TestHttp.Response early = amend(secretary, content + "\nĐính chính.\n");
    assertThat(early.status()).isEqualTo(422);
    assertThat(early.json().get("type").asString()).endsWith("minutes-not-sealed");
    sealOriginal(content);

    String corrected = content.replace("Nguyễn Văn Chủ: Đề nghị", "Nguyễn Văn Chủ: Kiến nghị");
    assertThat(corrected).isNotEqualTo(content);
    assertThat(amend(chairToken(Instant.now()), corrected).status()).isEqualTo(403);
    TestHttp.Response same = amend(secretary, content);
    assertThat(same.status()).isEqualTo(422);
    assertThat(same.json().get("type").asString()).endsWith("amendment-unchanged");
    TestHttp.Response drafted = amend(secretary, corrected);
    assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
    assertThat(drafted.json().get("amendmentNumber").asInt()).isEqualTo(1);
    assertThat(drafted.json().get("amendsLogIndex").asLong()).isEqualTo(41);
    assertThat(drafted.json().get("status").asString()).isEqualTo("DRAFT");
    TestHttp.Response second = amend(secretary, corrected + "x\n");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().get("type").asString()).endsWith("amendment-pending");

    String canonical = drafted.json().get("content").asString();
    String uri = "/api/meetings/" + meetingId + "/amendments/1/signatures";
    TestHttp.Response stale =
        http.postJson(
            uri,
            chairToken(Instant.now().minus(Duration.ofMinutes(10))),
            Map.of("role", "CHAIR", "signature", sign(chairKeys, amendmentMessage(1, canonical))));
    assertThat(stale.status()).isEqualTo(403);
    TestHttp.Response overOriginal =
        http.postJson(
            uri,
            chairToken(Instant.now()),
            Map.of("role", "CHAIR", "signature", sign(chairKeys, amendmentMessage(1, content))));
    assertThat(overOriginal.status()).isEqualTo(422);
    ok(
        http.postJson(
            uri,
            chairToken(Instant.now()),
            Map.of("role", "CHAIR", "signature", sign(chairKeys, amendmentMessage(1, canonical)))));
    TestHttp.Response last =
        http.postJson(
            uri,
            secretary,
            Map.of(
                "role",
                "SECRETARY",
                "signature",
                sign(secretaryKeys, amendmentMessage(1, canonical))));
    assertThat(last.status()).as(last.body()).isEqualTo(200);
    assertThat(last.json().get("status").asString()).isEqualTo("FINALIZED");

    String amendmentId = "amendment-" + meetingId + "-1";
    List<ConsumerRecord<String, byte[]>> records =
        TestTopics.awaitRecords("meeting.records", amendmentId, 1);
    assertThat(TestTopics.headers(records.get(0))).containsEntry("ce_type", AMENDED);
    assertThat(EventSchemas.violations(AMENDED, records.get(0).value())).isEmpty();
    // a superset of minutes-finalized: document-service seals it with the same checks
    assertThat(EventSchemas.violations(FINALIZED, records.get(0).value())).isEmpty();
    JsonNode event = JsonMapper.shared().readTree(records.get(0).value());
    assertThat(event.get("amendsMeetingId").asString()).isEqualTo(meetingId);
    assertThat(event.get("amendmentNumber").asInt()).isEqualTo(1);
    assertThat(event.get("amendsLogIndex").asLong()).isEqualTo(41);
    assertThat(event.get("reason").asString()).isEqualTo("Ghi sai tên người phát biểu");
    for (JsonNode s : event.get("signatures")) {
      assertThat(verifies(s, amendmentMessage(1, canonical))).isTrue();
    }

    // document-service's seal of the amendment (its record id derived from the content hash)
    String recordId =
        UUID.nameUUIDFromBytes(
                ("minutes|" + meetingId + "|" + event.get("contentSha256").asString())
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    publisher.publish(sealEvent(recordId, 57));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "SEALED"
                    .equals(
                        http.get("/api/meetings/" + meetingId + "/amendments/1", secretary)
                            .json()
                            .get("status")
                            .asString()));
    JsonNode amendment =
        http.get(
                "/api/meetings/" + meetingId + "/amendments",
                MeetingFlowTest.memberToken(absent, path))
            .json()
            .get(0);
    assertThat(amendment.get("seal").get("logIndex").asLong()).isEqualTo(57);
    JsonNode original = http.get("/api/meetings/" + meetingId + "/minutes", secretary).json();
    assertThat(original.get("content").asString()).isEqualTo(content);
    assertThat(original.get("seal").get("logIndex").asLong()).isEqualTo(41);
    // the next correction is amendment 2; document-service's seal names its number
    TestHttp.Response next = amend(secretary, corrected + "Bổ sung.\n");
    assertThat(next.json().get("amendmentNumber").asInt()).isEqualTo(2);
    String text2 = next.json().get("content").asString();
    String uri2 = "/api/meetings/" + meetingId + "/amendments/2/signatures";
    ok(
        http.postJson(
            uri2,
            chairToken(Instant.now()),
            Map.of("role", "CHAIR", "signature", sign(chairKeys, amendmentMessage(2, text2)))));
    ok(
        http.postJson(
            uri2,
            secretary,
            Map.of(
                "role",
                "SECRETARY",
                "signature",
                sign(secretaryKeys, amendmentMessage(2, text2)))));
    String numbered =
        sealEvent("rec-2-" + meetingId, 60)
            .payload()
            .replaceFirst(
                "^\\{", "{\"kind\":\"AMENDMENT\",\"amendmentNumber\":2,\"amendsLogIndex\":41,");
    publisher.publish(
        Fixtures.event(
            "vn.digicell.document.minutes-sealed.v1",
            "document.events",
            "rec-2-" + meetingId,
            1,
            path,
            numbered));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                http.get("/api/meetings/" + meetingId + "/amendments/2", secretary)
                        .json()
                        .path("seal")
                        .path("logIndex")
                        .asLong()
                    == 60);
    assertThat(
            http.get("/api/meetings/" + meetingId + "/amendments/1", secretary)
                .json()
                .get("seal")
                .get("logIndex")
                .asLong())
        .isEqualTo(57);
  }

  /** Another meeting of the same cell, held and closed with the chair and the secretary present. */
  String anotherClosedMeeting() {
    String other =
        http.postJson(
                "/api/meetings",
                secretary,
                Map.of(
                    "cellId", cellId,
                    "kind", "REGULAR",
                    "mode", "IN_PERSON",
                    "title", "Sinh hoạt chi bộ tháng 12",
                    "startsAt", OffsetDateTime.now().plusHours(2).toString(),
                    "location", "Nhà văn hóa ấp",
                    "agenda", List.of(Map.of("title", "Công tác tháng", "documentIds", List.of()))))
            .json()
            .get("id")
            .asString();
    ok(http.post("/api/meetings/" + other + "/start", secretary, ""));
    for (String m : List.of(chair, secretaryId, absent)) {
      ok(
          http.postJson(
              "/api/meetings/" + other + "/attendance",
              secretary,
              Map.of("memberId", m, "attendance", "PRESENT")));
    }
    ok(http.post("/api/meetings/" + other + "/close", secretary, ""));
    return other;
  }

  @Test
  void aSignatureGivenForOneMeetingIsRefusedOnAnotherMeetingWithTheSameText() throws Exception {
    String other = anotherClosedMeeting();
    draft();
    ok(
        http.postJson(
            "/api/meetings/" + other + "/minutes", secretary, Map.of("chairMemberId", chair)));
    String text = "BIÊN BẢN\nChi bộ họp thường kỳ.\n";
    for (String m : List.of(meetingId, other)) {
      TestHttp.Response edited =
          put("/api/meetings/" + m + "/minutes", secretary, Map.of("content", text));
      assertThat(edited.status()).as(edited.body()).isEqualTo(200);
      assertThat(edited.json().get("content").asString()).isEqualTo(text);
      assertThat(edited.json().get("version").asInt()).isEqualTo(2);
    }
    registerKeys();
    String forA = sign(chairKeys, minutesMessage(2, text));
    TestHttp.Response replayed =
        http.postJson(
            "/api/meetings/" + other + "/minutes/signatures",
            chairToken(Instant.now()),
            Map.of("role", "CHAIR", "signature", forA));
    assertThat(replayed.status()).as(replayed.body()).isEqualTo(422);
    assertThat(replayed.json().get("type").asString()).endsWith("invalid-signature");
    // nor is a signature over the bare text (the first release's scheme) taken for a new signature
    TestHttp.Response bare =
        http.postJson(
            "/api/meetings/" + other + "/minutes/signatures",
            chairToken(Instant.now()),
            Map.of("role", "CHAIR", "signature", sign(chairKeys, text)));
    assertThat(bare.status()).isEqualTo(422);
    // nor one for an earlier version of the same meeting's draft
    assertThat(
            signAs("CHAIR", chairToken(Instant.now()), sign(chairKeys, minutesMessage(1, text)))
                .status())
        .isEqualTo(422);
    TestHttp.Response own = signAs("CHAIR", chairToken(Instant.now()), forA);
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json().get("signatures").get(0).get("scheme").asString())
        .isEqualTo("digicell-signing-v2");
    assertThat(
            http.postJson(
                    "/api/meetings/" + other + "/minutes/signatures",
                    chairToken(Instant.now()),
                    Map.of(
                        "role",
                        "CHAIR",
                        "signature",
                        sign(chairKeys, signedMessage("minutes", other, 2, text))))
                .status())
        .isEqualTo(200);
  }

  static String keyIdOf(KeyPair pair) throws Exception {
    byte[] x509 = pair.getPublic().getEncoded();
    byte[] raw = java.util.Arrays.copyOfRange(x509, 12, 44);
    return HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(raw))
        .substring(0, 16);
  }

  @Test
  void aNewKeyKeepsTheOldOneInTheHistoryAndSignaturesNameTheKeyValidWhenGiven() throws Exception {
    String content = draft().get("content").asString();
    registerKeys();
    ok(signAs("CHAIR", chairToken(Instant.now()), sign(chairKeys, minutesMessage(content))));
    KeyPair renewed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    TestHttp.Response registered =
        put(
            "/api/meetings/signing-keys/" + chair,
            chairToken(Instant.now()),
            Map.of("publicKey", encoded(renewed)));
    assertThat(registered.status()).as(registered.body()).isEqualTo(200);
    JsonNode keys = http.get("/api/meetings/signing-keys/" + chair, secretary).json();
    assertThat(keys.get("keyId").asString()).isEqualTo(keyIdOf(renewed));
    assertThat(keys.get("history")).hasSize(2);
    assertThat(keys.get("history").get(0).get("keyId").asString()).isEqualTo(keyIdOf(chairKeys));
    assertThat(keys.get("history").get(1).get("supersedesKeyId").asString())
        .isEqualTo(keyIdOf(chairKeys));

    List<ConsumerRecord<String, byte[]>> announced =
        TestTopics.awaitRecords("meeting.events", chair, 2);
    String type = "vn.digicell.meeting.signing-key-registered.v1";
    for (ConsumerRecord<String, byte[]> r : announced) {
      assertThat(TestTopics.headers(r)).containsEntry("ce_type", type);
      assertThat(EventSchemas.violations(type, r.value())).isEmpty();
    }
    JsonNode first = JsonMapper.shared().readTree(announced.get(0).value());
    JsonNode second = JsonMapper.shared().readTree(announced.get(1).value());
    assertThat(first.get("keyId").asString()).isEqualTo(keyIdOf(chairKeys));
    assertThat(first.get("supersedesKeyId").isNull()).isTrue();
    assertThat(second.get("keyId").asString()).isEqualTo(keyIdOf(renewed));
    assertThat(second.get("supersedesKeyId").asString()).isEqualTo(keyIdOf(chairKeys));
    assertThat(Base64.getDecoder().decode(second.get("publicKey").asString())).hasSize(32);

    // the replaced key signs nothing new; the chair's signature given before stays, naming it
    TestHttp.Response minutesNow = http.get("/api/meetings/" + meetingId + "/minutes", secretary);
    assertThat(minutesNow.json().get("signatures")).hasSize(1);
    ok(signAs("SECRETARY", secretary, sign(secretaryKeys, minutesMessage(content))));
    JsonNode record =
        JsonMapper.shared()
            .readTree(
                TestTopics.awaitRecords("meeting.records", "minutes-" + meetingId, 1)
                    .get(0)
                    .value());
    JsonNode chairSignature = record.get("signatures").get(0);
    assertThat(chairSignature.get("role").asString()).isEqualTo("chair");
    assertThat(chairSignature.get("keyId").asString()).isEqualTo(keyIdOf(chairKeys));
    assertThat(Instant.parse(chairSignature.get("signedAt").asString()))
        .isBefore(Instant.parse(second.get("validFrom").asString()));
    assertThat(verifies(chairSignature, minutesMessage(content))).isTrue();
  }

  @Test
  void aNewKeyDoesNotSignWithTheOldOne() throws Exception {
    String content = draft().get("content").asString();
    registerKeys();
    KeyPair renewed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    ok(
        put(
            "/api/meetings/signing-keys/" + chair,
            chairToken(Instant.now()),
            Map.of("publicKey", encoded(renewed))));
    TestHttp.Response old =
        signAs("CHAIR", chairToken(Instant.now()), sign(chairKeys, minutesMessage(content)));
    assertThat(old.status()).isEqualTo(422);
    assertThat(old.json().get("type").asString()).endsWith("invalid-signature");
    ok(signAs("CHAIR", chairToken(Instant.now()), sign(renewed, minutesMessage(content))));
  }

  @Autowired org.springframework.data.mongodb.core.MongoTemplate mongo;

  @Test
  void keysAndSignaturesStoredByTheFirstReleaseKeepVerifyingAsTheyWereMade() throws Exception {
    String content = draft().get("content").asString();
    // what the first release stored: one key per member, a signature over the bare text, no
    // key id, no scheme, no draft version
    String rawChairKey =
        Base64.getEncoder()
            .encodeToString(
                java.util.Arrays.copyOfRange(chairKeys.getPublic().getEncoded(), 12, 44));
    Instant registeredAt =
        Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    mongo.insert(
        new org.bson.Document("_id", chair)
            .append("publicKey", rawChairKey)
            .append("registeredAt", java.util.Date.from(registeredAt)),
        "signing_keys");
    mongo.updateFirst(
        org.springframework.data.mongodb.core.query.Query.query(
            org.springframework.data.mongodb.core.query.Criteria.where("_id")
                .is("minutes-" + meetingId)),
        new org.springframework.data.mongodb.core.query.Update()
            .unset("revision")
            .push(
                "signatures",
                new org.bson.Document("role", "CHAIR")
                    .append("signerMemberId", chair)
                    .append("publicKey", rawChairKey)
                    .append("signature", sign(chairKeys, content))
                    .append("signedAt", new java.util.Date())),
        "minutes");
    JsonNode stored = http.get("/api/meetings/" + meetingId + "/minutes", secretary).json();
    assertThat(stored.get("version").asInt()).isEqualTo(1);
    assertThat(stored.get("signatures").get(0).get("scheme").asString())
        .isEqualTo("raw-content-v1");
    assertThat(stored.get("signatures").get(0).get("keyId").asString())
        .isEqualTo(keyIdOf(chairKeys));

    // the first-release key is carried into the history and announced
    JsonNode key = http.get("/api/meetings/signing-keys/" + chair, secretary).json();
    assertThat(key.get("publicKey").asString()).isEqualTo(rawChairKey);
    assertThat(Instant.parse(key.get("registeredAt").asString())).isEqualTo(registeredAt);
    JsonNode announced =
        JsonMapper.shared()
            .readTree(TestTopics.awaitRecords("meeting.events", chair, 1).get(0).value());
    assertThat(announced.get("keyId").asString()).isEqualTo(keyIdOf(chairKeys));
    assertThat(Instant.parse(announced.get("validFrom").asString())).isEqualTo(registeredAt);

    assertThat(
            put(
                    "/api/meetings/signing-keys/" + secretaryId,
                    secretary,
                    Map.of("publicKey", encoded(secretaryKeys)))
                .status())
        .isEqualTo(200);
    TestHttp.Response last =
        signAs("SECRETARY", secretary, sign(secretaryKeys, minutesMessage(content)));
    assertThat(last.status()).as(last.body()).isEqualTo(200);
    assertThat(last.json().get("status").asString()).isEqualTo("FINALIZED");

    ConsumerRecord<String, byte[]> record =
        TestTopics.awaitRecords("meeting.records", "minutes-" + meetingId, 1).get(0);
    assertThat(EventSchemas.violations(FINALIZED, record.value())).isEmpty();
    JsonNode event = JsonMapper.shared().readTree(record.value());
    assertThat(event.get("version").asInt()).isEqualTo(1);
    JsonNode chairSig = event.get("signatures").get(0);
    assertThat(chairSig.get("scheme").asString()).isEqualTo("raw-content-v1");
    assertThat(chairSig.get("keyId").asString()).isEqualTo(keyIdOf(chairKeys));
    assertThat(verifies(chairSig, content)).isTrue();
    JsonNode secretarySig = event.get("signatures").get(1);
    assertThat(secretarySig.get("scheme").asString()).isEqualTo("digicell-signing-v2");
    assertThat(verifies(secretarySig, minutesMessage(content))).isTrue();
  }

  @Test
  void aConsumerOfTheGeneralStreamSeesNoMinutesTextNoReasonAndNoChoices() throws Exception {
    String content = draft().get("content").asString();
    sealOriginal(content);
    String corrected = content.replace("Nguyễn Văn Chủ: Đề nghị", "Nguyễn Văn Chủ: Kiến nghị");
    TestHttp.Response drafted = amend(secretary, corrected);
    assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
    String canonical = drafted.json().get("content").asString();
    String uri = "/api/meetings/" + meetingId + "/amendments/1/signatures";
    ok(
        http.postJson(
            uri,
            chairToken(Instant.now()),
            Map.of("role", "CHAIR", "signature", sign(chairKeys, amendmentMessage(1, canonical)))));
    ok(
        http.postJson(
            uri,
            secretary,
            Map.of(
                "role",
                "SECRETARY",
                "signature",
                sign(secretaryKeys, amendmentMessage(1, canonical)))));

    // an analyst's plain consumer of meeting.events, from the beginning
    java.util.Properties props = new java.util.Properties();
    props.put(
        "bootstrap.servers", vn.digicell.platform.test.TestInfrastructure.kafkaBootstrapServers());
    props.put("group.id", "analyst-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    props.put(
        "key.deserializer",
        org.apache.kafka.common.serialization.StringDeserializer.class.getName());
    props.put(
        "value.deserializer",
        org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<String, byte[]>> ours = new java.util.ArrayList<>();
    java.util.Set<String> types = new java.util.HashSet<>();
    List<String> expected =
        List.of(
            "vn.digicell.meeting.scheduled.v1",
            "vn.digicell.meeting.attendance-recorded.v1",
            "vn.digicell.meeting.opinion-recorded.v1",
            "vn.digicell.meeting.vote-closed.v1",
            "vn.digicell.meeting.closed.v1",
            "vn.digicell.meeting.signing-key-registered.v1",
            "vn.digicell.meeting.minutes-finalized.v2",
            "vn.digicell.meeting.minutes-amended.v2");
    try (var consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(props)) {
      consumer.subscribe(List.of("meeting.events"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                  Map<String, String> headers = TestTopics.headers(r);
                  if (path.equals(headers.get("ce_orgpath"))
                      || chair.equals(r.key())
                      || secretaryId.equals(r.key())) {
                    ours.add(r);
                    types.add(headers.get("ce_type"));
                  }
                }
                // the events sit on several partitions: wait for every type, not the last one
                return types.containsAll(expected);
              });
    }
    assertThat(types).containsAll(expected).doesNotContain(FINALIZED, AMENDED);
    String reason = "Ghi sai tên người phát biểu";
    for (ConsumerRecord<String, byte[]> r : ours) {
      String type = TestTopics.headers(r).get("ce_type");
      assertThat(EventSchemas.violations(type, r.value())).as(type).isEmpty();
      String value = new String(r.value(), StandardCharsets.UTF_8);
      JsonNode payload = JsonMapper.shared().readTree(value);
      assertThat(payload.has("content")).as(type).isFalse();
      assertThat(payload.has("openChoices")).as(type).isFalse();
      assertThat(value)
          .as(type)
          .doesNotContain(content)
          .doesNotContain(canonical)
          .doesNotContain("BIÊN BẢN")
          .doesNotContain(reason)
          .doesNotContain("Đề nghị tăng cường tuần tra")
          .doesNotContain("Đi công tác");
    }
    JsonNode facts =
        ours.stream()
            .filter(
                r ->
                    "vn.digicell.meeting.minutes-finalized.v2"
                        .equals(TestTopics.headers(r).get("ce_type")))
            .map(r -> JsonMapper.shared().readTree(r.value()))
            .findFirst()
            .orElseThrow();
    assertThat(facts.get("meetingId").asString()).isEqualTo(meetingId);
    assertThat(facts.get("contentSha256").asString())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(content.getBytes(StandardCharsets.UTF_8))));
    assertThat(facts.get("signatures").get(0).get("keyId").asString())
        .isEqualTo(keyIdOf(chairKeys));
    // the text and the reason reach the archive on the restricted topic
    JsonNode amended =
        JsonMapper.shared()
            .readTree(
                TestTopics.awaitRecords("meeting.records", "amendment-" + meetingId + "-1", 1)
                    .get(0)
                    .value());
    assertThat(amended.get("reason").asString()).isEqualTo(reason);
    assertThat(amended.get("content").asString()).isEqualTo(canonical);
  }

  static boolean verifies(JsonNode s, String content) throws Exception {
    byte[] raw = Base64.getDecoder().decode(s.get("publicKey").asString());
    byte[] x509 = new byte[44];
    System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, x509, 0, 12);
    System.arraycopy(raw, 0, x509, 12, 32);
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(
        KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509)));
    verifier.update(content.getBytes(StandardCharsets.UTF_8));
    return verifier.verify(Base64.getDecoder().decode(s.get("signature").asString()));
  }
}
