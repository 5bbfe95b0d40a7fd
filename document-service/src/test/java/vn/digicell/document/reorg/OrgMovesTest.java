package vn.digicell.document.reorg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.document.archive.ArchiveRecord;
import vn.digicell.document.archive.ArchiveService;
import vn.digicell.document.archive.FinalizedMinutes;
import vn.digicell.document.archive.SigningKeyRegistered;
import vn.digicell.document.archive.SigningKeys;
import vn.digicell.document.ledger.LogHashes;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.events.OutboxEvent;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/** Stored org paths follow orgunit.moved / orgunit.merged, by whole path segments. */
@DigiCellIntegrationTest
class OrgMovesTest {

  static final String MOVED = "vn.digicell.orgunit.moved.v1";
  static final String MERGED = "vn.digicell.orgunit.merged.v1";
  static final byte[] PDF =
      "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
          .getBytes(StandardCharsets.US_ASCII);

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired ArchiveService archive;
  @Autowired SigningKeys keys;
  TestHttp http;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void client() {
    http = new TestHttp("http://localhost:" + port);
  }

  static String token(String scope, String... roles) {
    return TestTokens.forUser("u-" + UUID.randomUUID()).roles(roles).orgScope(scope).sign();
  }

  String publishDocument(String org, String visibility) {
    String boundary = "----digicell" + UUID.randomUUID();
    String metadata =
        """
        {"title":"Tài liệu","kind":"STORY","visibility":"%s","orgPath":"%s"}"""
            .formatted(visibility, org);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--%1$s\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n%2$s\r\n--%1$s\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n")
            .formatted(boundary, metadata)
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(PDF);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/documents"))
                  .header("Authorization", "Bearer " + token(org, "member", "cell-secretary"))
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      return JsonMapper.shared().readTree(r.body()).get("id").asString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void publish(String topic, String type, String subject, String org, String payload) {
    assertThat(EventSchemas.violations(type, payload.getBytes(StandardCharsets.UTF_8)))
        .as(payload)
        .isEmpty();
    publisher.publish(
        new OutboxEvent(
            UUID.randomUUID().toString(),
            type,
            subject,
            1,
            org,
            topic,
            payload,
            Instant.now(),
            null));
  }

  static String sign(KeyPair pair, String content) {
    try {
      Signature ed = Signature.getInstance("Ed25519");
      ed.initSign(pair.getPrivate());
      ed.update(content.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ed.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signature by a fresh officer key, registered in the archive's key projection first. */
  FinalizedMinutes.MinutesSignature signature(String role, String content) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] encoded = pair.getPublic().getEncoded();
      byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
      String publicKey = Base64.getEncoder().encodeToString(raw);
      String member = "m-" + role + "-" + UUID.randomUUID();
      keys.registered(
          new SigningKeyRegistered(
              member,
              HexFormat.of().formatHex(LogHashes.sha256(raw)).substring(0, 16),
              publicKey,
              Instant.parse("2026-01-01T00:00:00Z"),
              null),
          "key-" + member);
      return new FinalizedMinutes.MinutesSignature(role, member, publicKey, sign(pair, content));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  ArchiveRecord minutes(String org) {
    String content = "BIÊN BẢN " + UUID.randomUUID();
    return archive.seal(
        new FinalizedMinutes(
            "meeting-" + UUID.randomUUID(),
            org,
            content,
            HexFormat.of().formatHex(LogHashes.sha256(content.getBytes(StandardCharsets.UTF_8))),
            List.of(signature("chair", content), signature("secretary", content)),
            Instant.parse("2026-11-20T10:00:00Z")),
        "e-" + UUID.randomUUID());
  }

  @Test
  void aMovedCellTakesItsDocumentsBoardsPacksAndArchiveAccessAlong() {
    String unit = "C" + (int) (Math.random() * 900 + 100);
    String oldPath = "/AG/VB/" + unit;
    String newPath = "/AG/VC/" + unit;
    String document = publishDocument(oldPath, "SUBTREE");
    String sibling = publishDocument(oldPath + "0", "SUBTREE");
    ArchiveRecord record = minutes(oldPath);
    String meetingId = "meeting-" + UUID.randomUUID();
    publish(
        "meeting.events",
        "vn.digicell.meeting.scheduled.v1",
        meetingId,
        oldPath,
        """
        {"meetingId":"%s","cellId":"%s","orgPath":"%s","kind":"REGULAR","mode":"IN_PERSON",\
        "title":"Sinh hoạt chi bộ","startsAt":"2026-12-05T01:00:00Z","agenda":[\
        {"itemId":"i1","title":"Nghị quyết","documentIds":["%s"]}]}"""
            .formatted(meetingId, unit, oldPath, document));
    String commune = token("/AG/VB", "member", "committee");
    String board =
        http.post(
                "/api/boards",
                commune,
                "{\"title\":\"Bảng\",\"orgPath\":\"/AG/VB\",\"audience\":\"PUBLIC\"}")
            .json()
            .get("id")
            .asString();
    TestHttp.Response added =
        http.post(
            "/api/boards/" + board + "/sections",
            commune,
            """
            {"title":"Chi bộ","audience":"MEMBERS","audiencePath":"%s","items":[\
            {"title":"Trang","url":"https://a.vn"}]}"""
                .formatted(oldPath));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    String before = token(oldPath, "member");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http.get("/api/packs?meetingId=" + meetingId, before).status() == 200);
    assertThat(http.get("/api/documents/" + document, before).status()).isEqualTo(200);

    publish(
        "orgunit.events",
        MOVED,
        "unit-" + unit,
        newPath,
        """
        {"orgUnitId":"unit-%s","code":"%s","oldPath":"%s","newPath":"%s","oldParentId":"vb",\
        "newParentId":"vc","reason":"MOVE","effectiveOn":"2026-12-01","decisionNumber":"12-QĐ/HU"}"""
            .formatted(unit, unit, oldPath, newPath));

    String after = token(newPath, "member");
    // one move rewrites the collections one after another: wait for all of them
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                http.get("/api/documents/" + document, after).status() == 200
                    && http.get("/api/packs?meetingId=" + meetingId, after).status() == 200
                    && http.get("/api/archive/records/" + record.id(), after).status() == 200);
    JsonNode moved = http.get("/api/documents/" + document, after).json();
    assertThat(moved.toString()).contains(newPath).doesNotContain(oldPath + "\"");
    assertThat(http.get("/api/documents/" + document, before).status()).isEqualTo(404);
    // a sibling whose path merely starts with the same characters stays where it was
    assertThat(http.get("/api/documents/" + sibling, token(oldPath + "0", "member")).status())
        .isEqualTo(200);
    JsonNode pack = http.get("/api/packs?meetingId=" + meetingId, after).json();
    assertThat(pack.get("orgPath").asString()).isEqualTo(newPath);
    assertThat(pack.get("agenda").get(0).get("documents")).hasSize(1);
    assertThat(http.get("/api/packs?meetingId=" + meetingId, before).status()).isEqualTo(403);
    JsonNode section =
        http.get("/api/boards/" + board, token("/AG", "member")).json().get("sections").get(0);
    assertThat(section.get("audiencePath").asString()).isEqualTo(newPath);
    // the members it was printed for still open it under their new path
    String code = section.get("code").asString();
    assertThat(http.get("/api/sections/" + code, after).status()).isEqualTo(200);
    assertThat(http.get("/api/sections/" + code, before).status()).isEqualTo(404);
    // archive: the record keeps the path its log entry commits to, access follows the org
    JsonNode archived = http.get("/api/archive/records/" + record.id(), after).json();
    assertThat(archived.get("orgPath").asString()).isEqualTo(oldPath);
    assertThat(http.get("/api/archive/records/" + record.id(), before).status()).isEqualTo(403);
    String auditor = token("/", "auditor");
    assertThat(http.post("/api/archive/verification", auditor, "").json().get("intact").asBoolean())
        .isTrue();
  }

  @Test
  void aMergedCellsDocumentsGoToTheSurvivor() {
    String absorbed = "/AG/VB/M" + (int) (Math.random() * 900 + 100);
    String survivor = absorbed + "S";
    String document = publishDocument(absorbed, "SUBTREE");
    publish(
        "orgunit.events",
        MERGED,
        "unit-absorbed",
        absorbed,
        """
        {"orgUnitId":"unit-absorbed","oldPath":"%s","survivorId":"unit-survivor",\
        "survivorPath":"%s","membersMoved":12,"childUnitsMoved":0,"effectiveOn":"2026-12-01"}"""
            .formatted(absorbed, survivor));
    String member = token(survivor, "member");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http.get("/api/documents/" + document, member).status() == 200);
    assertThat(http.get("/api/documents/" + document, token(absorbed, "member")).status())
        .isEqualTo(404);
  }
}
