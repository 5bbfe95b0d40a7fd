package vn.digicell.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.document.archive.ArchiveRecord;
import vn.digicell.document.archive.ArchiveService;
import vn.digicell.document.archive.FinalizedMinutes;
import vn.digicell.document.archive.SigningKeyRegistered;
import vn.digicell.document.archive.SigningKeys;
import vn.digicell.document.ledger.LogHashes;
import vn.digicell.document.pack.MeetingEvents;
import vn.digicell.document.pack.MeetingPack;
import vn.digicell.document.pack.PackService;
import vn.digicell.platform.test.AuthorizationMatrix;
import vn.digicell.platform.test.AuthorizationMatrix.Persona;
import vn.digicell.platform.test.AuthorizationMatrix.Rule;
import vn.digicell.platform.test.AuthorizationMatrix.Where;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * Every endpoint of document-service, from its own handler mappings, called with a token of every
 * role on the resource's own cell, on a foreign cell, on a foreign cell with a temporary attachment
 * ({@code member}) to the own cell, and with no grant at all. The fixtures (documents, a board with
 * a members' section, a meeting pack, a sealed archive record) are made once, in this one context.
 */
@DigiCellIntegrationTest
class AuthorizationMatrixTest {

  static final String OWN = "/AG/VB/C07";
  static final String FOREIGN = "/AG/XY/C01";
  static final byte[] PDF =
      "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
          .getBytes(StandardCharsets.US_ASCII);

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired ArchiveService archive;
  @Autowired SigningKeys keys;
  @Autowired PackService packs;

  final HttpClient client = HttpClient.newHttpClient();
  TestHttp http;

  // who may do what: one grant with one of these roles covering the own cell
  static final Set<String> MANAGERS = Set.of("cell-secretary", "committee", "org-admin");
  static final Set<String> CURATORS = Set.of("committee", "org-admin");
  static final Set<String> MEETING_READERS = Set.of("member", "cell-secretary", "committee");
  static final Set<String> ARCHIVE_READERS =
      Set.of("member", "cell-secretary", "committee", "auditor");

  /** A grant of one of {@code roles} on the own cell (an attachment is a member grant there). */
  static Predicate<Persona> ownWith(Set<String> roles) {
    return p ->
        (p.where() == Where.OWN && roles.contains(p.role()))
            || (p.where() == Where.ATTACHED && roles.contains("member"));
  }

  /** Any grant lying in the own cell's subtree or above it, whatever its role. */
  static final Predicate<Persona> NEAR = p -> p.where() == Where.OWN || p.where() == Where.ATTACHED;

  static final Predicate<Persona> ANYONE = p -> true;

  /** A role held on some path, whatever the path (no org path is concerned). */
  static Predicate<Persona> roleAnywhere(Set<String> roles) {
    return p -> p.where() != Where.NONE && roles.contains(p.role());
  }

  @Test
  void everyEndpointAnswersEveryRoleOnOwnForeignAttachedAndNoPath() {
    http = new TestHttp("http://localhost:" + port);
    String staff = TestTokens.forUser("fixture-staff").grant("committee", OWN).sign();

    // library: a subtree document (with a second to retract), visible in and above the cell
    String doc = publish(staff, "Kế hoạch sinh hoạt chi bộ", "SUBTREE");
    String retracted = publish(staff, "Tài liệu sẽ thu hồi", "SUBTREE");

    // a members' board of the cell with a members' section, and a section to remove
    String board =
        http.post(
                "/api/boards",
                staff,
                """
                {"title":"Bảng tài liệu chi bộ","orgPath":"%s","audience":"MEMBERS"}"""
                    .formatted(OWN))
            .json()
            .get("id")
            .asString();
    String section = addSection(staff, board, "Tài liệu học tập");
    String doomed = addSection(staff, board, "Mục sẽ gỡ");

    // a meeting pack (as the meeting events would make it), with the document on its agenda
    String meetingId = "meeting-" + UUID.randomUUID();
    MeetingPack pack =
        packs.scheduled(
            new MeetingEvents.Scheduled(
                meetingId,
                "cell-c07",
                OWN,
                "REGULAR",
                "IN_PERSON",
                "Sinh hoạt chi bộ tháng 12",
                Instant.parse("2026-12-10T07:30:00Z"),
                "Nhà văn hoá thôn",
                null,
                List.of(
                    new MeetingEvents.AgendaItemAdded(
                        meetingId, "item-1", "Nghị quyết", List.of(doc)))));
    String code = pack.code();

    // a sealed archive record of the cell's minutes (keys from the projection)
    String recordId = sealMinutes(meetingId);

    List<Rule> rules = new ArrayList<>();
    // library
    rules.add(
        Rule.of(
            "POST /api/documents",
            t -> upload("/api/documents", t, metadata("Văn bản mới", "SUBTREE")),
            ownWith(MANAGERS)));
    rules.add(
        Rule.of(
            "POST /api/documents/{id}/versions",
            t -> upload("/api/documents/" + doc + "/versions", t, null),
            ownWith(MANAGERS)));
    rules.add(
        Rule.of(
            "PUT /api/documents/{id}/metadata",
            t ->
                http.put("/api/documents/" + doc + "/metadata", t, metadata("Kế hoạch", "SUBTREE")),
            ownWith(MANAGERS)));
    rules.add(
        Rule.of(
            "POST /api/documents/{id}/retraction",
            t ->
                http.post(
                    "/api/documents/" + retracted + "/retraction",
                    t,
                    "{\"reason\":\"Hết hiệu lực\"}"),
            ownWith(MANAGERS)));
    rules.add(
        Rule.of("GET /api/documents/{id}", t -> http.get("/api/documents/" + doc, t), NEAR)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "GET /api/documents/{id}/versions/{number}/content",
                t -> http.get("/api/documents/" + doc + "/versions/1/content", t),
                NEAR)
            .deniedWith(404));
    rules.add(
        Rule.of(
            "GET /api/documents/{id}/read-receipts",
            t -> http.get("/api/documents/" + doc + "/read-receipts", t),
            ownWith(MANAGERS)));
    rules.add(Rule.of("GET /api/documents", t -> http.get("/api/documents?q=ke", t), ANYONE));
    // boards
    rules.add(
        Rule.of(
            "POST /api/boards",
            t ->
                http.post(
                    "/api/boards",
                    t,
                    """
                    {"title":"Bảng mới","orgPath":"%s","audience":"PUBLIC"}"""
                        .formatted(OWN)),
            ownWith(CURATORS)));
    rules.add(
        Rule.of(
            "GET /api/boards", t -> http.get("/api/boards?under=" + OWN, t), ownWith(CURATORS)));
    rules.add(
        Rule.of("GET /api/boards/{id}", t -> http.get("/api/boards/" + board, t), NEAR)
            .deniedWith(404));
    rules.add(
        Rule.of(
            "POST /api/boards/{id}/sections",
            t -> http.post("/api/boards/" + board + "/sections", t, sectionJson("Mục thêm")),
            ownWith(CURATORS)));
    rules.add(
        Rule.of(
            "PUT /api/boards/{id}/sections/{code}",
            t ->
                http.put(
                    "/api/boards/" + board + "/sections/" + section,
                    t,
                    sectionJson("Tài liệu học tập")),
            ownWith(CURATORS)));
    rules.add(
        Rule.of(
            "DELETE /api/boards/{id}/sections/{code}",
            t -> http.delete("/api/boards/" + board + "/sections/" + doomed, t),
            ownWith(CURATORS)));
    rules.add(
        Rule.of(
            "PUT /api/boards/{id}/section-order",
            t ->
                http.put(
                    "/api/boards/" + board + "/section-order",
                    t,
                    "{\"codes\":[\"" + section + "\"]}"),
            ownWith(CURATORS)));
    rules.add(
        Rule.of(
                "GET /api/boards/{id}/poster.pdf",
                t -> http.get("/api/boards/" + board + "/poster.pdf", t),
                NEAR)
            .deniedWith(404));
    rules.add(
        Rule.of("GET /api/sections/{code}", t -> http.get("/api/sections/" + section, t), NEAR)
            .deniedWith(404));
    rules.add(
        Rule.of(
            "GET /api/sections/{code}/qr.png",
            t -> http.get("/api/sections/" + section + "/qr.png", t),
            ANYONE));
    rules.add(
        Rule.of(
            "GET /api/sections/{code}/qr.svg",
            t -> http.get("/api/sections/" + section + "/qr.svg", t),
            ANYONE));
    // meeting packs: the meeting read rule
    rules.add(
        Rule.of(
            "GET /api/packs/{code}",
            t -> http.get("/api/packs/" + code, t),
            ownWith(MEETING_READERS)));
    rules.add(
        Rule.of(
            "GET /api/packs",
            t -> http.get("/api/packs?meetingId=" + meetingId, t),
            ownWith(MEETING_READERS)));
    rules.add(
        Rule.of(
            "GET /api/packs/{code}/documents/{documentId}/content",
            t -> http.get("/api/packs/" + code + "/documents/" + doc + "/content", t),
            ownWith(MEETING_READERS)));
    rules.add(
        Rule.of(
            "GET /api/packs/{code}/qr.png",
            t -> http.get("/api/packs/" + code + "/qr.png", t),
            ANYONE));
    rules.add(
        Rule.of(
            "GET /api/packs/{code}/qr.svg",
            t -> http.get("/api/packs/" + code + "/qr.svg", t),
            ANYONE));
    // the sealed archive: the meeting read rule plus auditors; the log's public side
    rules.add(
        Rule.of(
            "GET /api/archive/records/{id}",
            t -> http.get("/api/archive/records/" + recordId, t),
            ownWith(ARCHIVE_READERS)));
    rules.add(
        Rule.of(
            "GET /api/archive/records/{id}/inclusion-proof",
            t -> http.get("/api/archive/records/" + recordId + "/inclusion-proof", t),
            ownWith(ARCHIVE_READERS)));
    rules.add(
        Rule.of(
            "GET /api/archive/log/consistency-proof",
            t -> http.get("/api/archive/log/consistency-proof?from=0&to=1", t),
            ANYONE));
    rules.add(
        Rule.of(
            "GET /api/archive/log/checkpoint",
            t -> http.get("/api/archive/log/checkpoint", t),
            ANYONE));
    rules.add(
        Rule.of(
            "POST /api/archive/verification",
            t -> http.post("/api/archive/verification", t, ""),
            roleAnywhere(Set.of("auditor", "it-admin"))));
    // the platform's dead-letter administration
    rules.add(
        Rule.of(
            "GET /api/admin/dead-letters",
            t -> http.get("/api/admin/dead-letters", t),
            roleAnywhere(Set.of("it-admin"))));
    rules.add(
        Rule.of(
            "GET /api/admin/dead-letters/{topic}",
            t ->
                http.get("/api/admin/dead-letters/meeting.records.document-service-records.dlt", t),
            roleAnywhere(Set.of("it-admin"))));
    rules.add(
        Rule.of(
            "POST /api/admin/dead-letters/{topic}/{partition}/{offset}/replay",
            t ->
                http.post(
                    "/api/admin/dead-letters/meeting.records.document-service-records.dlt/0/999999/replay",
                    t,
                    ""),
            roleAnywhere(Set.of("it-admin"))));

    int calls =
        AuthorizationMatrix.verify(
            context, rules, AuthorizationMatrix.personas(OWN, FOREIGN, Map.of()));
    System.out.println(
        "document-service authorisation matrix: "
            + rules.size()
            + " endpoints, "
            + calls
            + " calls");
    assertThat(calls)
        .isEqualTo(rules.size() * AuthorizationMatrix.ROLES.size() * Where.values().length);

    // the public endpoints need no token at all (the gateway routes them publicly)
    assertThat(http.get("/api/archive/log/checkpoint", null).status()).isEqualTo(200);
    assertThat(http.get("/api/sections/" + section + "/qr.svg", null).status()).isEqualTo(200);
    assertThat(http.get("/api/packs/" + code + "/qr.svg", null).status()).isEqualTo(200);
    assertThat(http.get("/api/sections/" + section, null).status()).isEqualTo(401);
    assertThat(http.get("/api/archive/records/" + recordId, null).status()).isEqualTo(401);
  }

  // ---- fixtures ----

  static String metadata(String title, String visibility) {
    return """
        {"title":%s,"kind":"PLAN","visibility":"%s","orgPath":"%s"}"""
        .formatted(JsonMapper.shared().writeValueAsString(title), visibility, OWN);
  }

  static String sectionJson(String title) {
    return """
        {"title":%s,"audience":"MEMBERS","audiencePath":"%s","items":[\
        {"title":"Cổng thông tin","url":"https://dangcongsan.vn"}]}"""
        .formatted(JsonMapper.shared().writeValueAsString(title), OWN);
  }

  String addSection(String token, String board, String title) {
    TestHttp.Response r =
        http.post("/api/boards/" + board + "/sections", token, sectionJson(title));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    var sections = r.json().get("sections");
    return sections.get(sections.size() - 1).get("code").asString();
  }

  String publish(String token, String title, String visibility) {
    TestHttp.Response r = upload("/api/documents", token, metadata(title, visibility));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  TestHttp.Response upload(String path, String token, String metadataJson) {
    String boundary = "----digicell" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (metadataJson != null) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                  + "Content-Type: application/json\r\n\r\n"
                  + metadataJson
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ke-hoach.pdf\""
                + "\r\nContent-Type: application/pdf\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(PDF);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new TestHttp.Response(r.statusCode(), r.headers().map(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String sealMinutes(String meetingId) {
    KeyPair chair = ed25519();
    KeyPair secretary = ed25519();
    Instant validFrom = Instant.parse("2026-01-01T00:00:00Z");
    keys.registered(
        new SigningKeyRegistered("m-chair-c07", keyId(chair), publicKey(chair), validFrom, null),
        "fixture-key-1");
    keys.registered(
        new SigningKeyRegistered(
            "m-secretary-c07", keyId(secretary), publicKey(secretary), validFrom, null),
        "fixture-key-2");
    String content = "BIÊN BẢN HỌP CHI BỘ C07 tháng 12\nNghị quyết: triển khai sổ tay điện tử.\n";
    String sha =
        HexFormat.of().formatHex(LogHashes.sha256(content.getBytes(StandardCharsets.UTF_8)));
    ArchiveRecord record =
        archive.seal(
            new FinalizedMinutes(
                meetingId,
                OWN,
                content,
                sha,
                List.of(
                    new FinalizedMinutes.MinutesSignature(
                        "chair", "m-chair-c07", publicKey(chair), sign(chair, content)),
                    new FinalizedMinutes.MinutesSignature(
                        "secretary",
                        "m-secretary-c07",
                        publicKey(secretary),
                        sign(secretary, content))),
                Instant.parse("2026-12-10T10:00:00Z")),
            "fixture-minutes");
    archive.checkpointAndSeal();
    return record.id();
  }

  static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String publicKey(KeyPair pair) {
    byte[] encoded = pair.getPublic().getEncoded();
    return Base64.getEncoder()
        .encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
  }

  static String keyId(KeyPair pair) {
    return HexFormat.of()
        .formatHex(LogHashes.sha256(Base64.getDecoder().decode(publicKey(pair))))
        .substring(0, 16);
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
}
