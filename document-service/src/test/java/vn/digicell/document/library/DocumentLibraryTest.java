package vn.digicell.document.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.document.ledger.LogHashes;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

@DigiCellIntegrationTest
@TestPropertySource(properties = "digicell.documents.max-size=4KB")
class DocumentLibraryTest {

  static final String C07 = "/AG/VB/C07";
  static final String C08 = "/AG/VB/C08";
  static final byte[] PDF =
      "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
          .getBytes(StandardCharsets.US_ASCII);
  static final byte[] PNG = png(64);
  static final byte[] EXE = exe();

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  TestHttp http;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void client() {
    http = new TestHttp("http://localhost:" + port);
  }

  static byte[] png(int size) {
    byte[] bytes = new byte[size];
    byte[] magic = {
      (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'
    };
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    return bytes;
  }

  static byte[] exe() {
    byte[] bytes = new byte[512];
    bytes[0] = 'M';
    bytes[1] = 'Z';
    bytes[0x3c] = (byte) 0x80;
    bytes[0x80] = 'P';
    bytes[0x81] = 'E';
    return bytes;
  }

  static String secretary(String cell) {
    return TestTokens.forUser("secretary-" + UUID.randomUUID())
        .roles("member", "cell-secretary")
        .orgScope(cell)
        .sign();
  }

  static String member(String... scope) {
    return TestTokens.forUser("member-" + UUID.randomUUID()).roles("member").orgScope(scope).sign();
  }

  static String metadata(String title, String visibility, String orgPath, String tag) {
    return """
        {"title":%s,"kind":"RESOLUTION","number":"57-NQ/TW","issuingBody":"Bộ Chính trị",\
        "issuedOn":"2024-12-22","summary":"Về đột phá phát triển khoa học, công nghệ",\
        "tags":["chuyển đổi số","%s"],"visibility":"%s","orgPath":"%s"}"""
        .formatted(JsonMapper.shared().writeValueAsString(title), tag, visibility, orgPath);
  }

  TestHttp.Response upload(
      String path,
      String token,
      String metadataJson,
      String filename,
      String declaredType,
      byte[] content) {
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
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename
                + "\"\r\nContent-Type: "
                + declaredType
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                  .header("Authorization", "Bearer " + token)
                  .header("Accept-Language", "en")
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new TestHttp.Response(r.statusCode(), r.headers().map(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  byte[] download(String id, int version, String token) {
    try {
      HttpResponse<byte[]> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://localhost:"
                              + port
                              + "/api/documents/"
                              + id
                              + "/versions/"
                              + version
                              + "/content"))
                  .header("Authorization", "Bearer " + token)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String publish(String title, String visibility, String orgPath, String tag) {
    TestHttp.Response r =
        upload(
            "/api/documents",
            secretary(orgPath),
            metadata(title, visibility, orgPath, tag),
            "nq57.pdf",
            "application/pdf",
            PDF);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  static ConsumerRecord<String, byte[]> validEvent(String id, String type) {
    List<ConsumerRecord<String, byte[]>> records =
        TestTopics.awaitRecords("document.events", id, 1);
    ConsumerRecord<String, byte[]> found = null;
    for (int attempt = 0; found == null && attempt < 50; attempt++) {
      found =
          TestTopics.read("document.events", id).stream()
              .filter(r -> type.equals(TestTopics.headers(r).get("ce_type")))
              .findFirst()
              .orElse(null);
    }
    assertThat(records).isNotEmpty();
    assertThat(found).as(type).isNotNull();
    assertThat(EventSchemas.violations(type, found.value())).isEmpty();
    return found;
  }

  @Test
  void aPublishedDocumentIsReadDownloadedAndAnnounced() {
    String id =
        publish(
            "Nghị quyết 57-NQ/TW về khoa học, công nghệ", "SUBTREE", C07, "t" + UUID.randomUUID());
    JsonNode doc = http.get("/api/documents/" + id, member(C07)).json();
    assertThat(doc.get("metadata").get("number").asString()).isEqualTo("57-NQ/TW");
    JsonNode version = doc.get("versions").get(0);
    assertThat(version.get("mediaType").asString()).isEqualTo("application/pdf");
    assertThat(version.get("sha256").asString())
        .isEqualTo(HexFormat.of().formatHex(LogHashes.sha256(PDF)));
    assertThat(download(id, 1, member(C07))).isEqualTo(PDF);
    ConsumerRecord<String, byte[]> event = validEvent(id, LibraryDocument.PUBLISHED);
    assertThat(TestTopics.headers(event)).containsEntry("ce_orgpath", C07);
  }

  @Test
  void aRenamedExecutableIsRejectedAndNothingIsStored() {
    long documents = mongo.count(new Query(), LibraryDocument.class);
    long files = mongo.getCollection("fs.files").countDocuments();
    TestHttp.Response r =
        upload(
            "/api/documents",
            secretary(C07),
            metadata("Tài liệu", "PUBLIC", C07, "exe"),
            "nghi-quyet.pdf",
            "application/pdf",
            EXE);
    assertThat(r.status()).as(r.body()).isEqualTo(415);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("type").asString()).endsWith("/unsupported-content");
    assertThat(mongo.count(new Query(), LibraryDocument.class)).isEqualTo(documents);
    assertThat(mongo.getCollection("fs.files").countDocuments()).isEqualTo(files);
  }

  @Test
  void contentOverTheSizeLimitIsRefused() {
    TestHttp.Response r =
        upload(
            "/api/documents",
            secretary(C07),
            metadata("Ảnh lớn", "PUBLIC", C07, "big"),
            "anh.png",
            "image/png",
            png(5 * 1024));
    assertThat(r.status()).as(r.body()).isEqualTo(413);
    assertThat(r.json().get("type").asString()).endsWith("/content-too-large");
  }

  @Test
  void aMemberOfCellACannotSeeASubtreeDocumentOfCellB() {
    String tag = "vis" + UUID.randomUUID().toString().substring(0, 8);
    String ofB = publish("Kế hoạch của chi bộ 8", "SUBTREE", C08, tag);
    String open = publish("Tài liệu công khai", "PUBLIC", C08, tag);
    String committee = publish("Tài liệu của cấp ủy", "COMMITTEE_ONLY", "/AG/VB", tag);
    String memberOfA = member(C07);
    assertThat(http.get("/api/documents/" + ofB, memberOfA).status()).isEqualTo(404);
    assertThat(download(ofB, 1, memberOfA)).isNull();
    assertThat(ids(http.get("/api/documents?q=" + tag, memberOfA).json())).containsExactly(open);

    assertThat(http.get("/api/documents/" + ofB, member(C08)).status()).isEqualTo(200);
    assertThat(ids(http.get("/api/documents?q=" + tag, member(C08)).json()))
        .containsExactlyInAnyOrder(ofB, open);
    String commune =
        TestTokens.forUser("committee-vb").roles("member", "committee").orgScope("/AG/VB").sign();
    assertThat(ids(http.get("/api/documents?q=" + tag, commune).json()))
        .containsExactlyInAnyOrder(ofB, open, committee);
    assertThat(http.get("/api/documents/" + committee, member("/AG/VB")).status()).isEqualTo(404);
    assertThat(download(committee, 1, commune)).isEqualTo(PDF);

    // a committee grant elsewhere plus a member grant here is no committee here: one grant decides
    String committeeElsewhere =
        TestTokens.forUser("committee-xx")
            .grant("committee", "/AG/XX")
            .grant("member", "/AG/VB")
            .sign();
    assertThat(http.get("/api/documents/" + committee, committeeElsewhere).status()).isEqualTo(404);
    assertThat(ids(http.get("/api/documents?q=" + tag, committeeElsewhere).json()))
        .containsExactlyInAnyOrder(ofB, open);
    // nor may a secretary of C07 attached to C08 manage C08's documents
    String attached =
        TestTokens.forUser("secretary-attached")
            .grant("cell-secretary", C07)
            .grant("member", C08)
            .sign();
    assertThat(
            http.post(
                    "/api/documents/" + ofB + "/retraction",
                    attached,
                    "{\"reason\":\"thử thu hồi\"}")
                .status())
        .isEqualTo(403);
    assertThat(http.get("/api/documents/" + ofB + "/read-receipts", attached).status())
        .isEqualTo(403);
  }

  @Test
  void searchIgnoresDiacriticsAndPagesByKeyset() {
    String tag = "kw" + UUID.randomUUID().toString().substring(0, 8);
    String first = publish("Nghị quyết Đại hội Đảng bộ xã", "PUBLIC", C07, tag);
    String second = publish("NGHỊ QUYẾT ĐẠI HỘI chi bộ", "PUBLIC", C07, tag);
    String third = publish("Nghi quyet dai hoi (không dấu)", "PUBLIC", C07, tag);
    publish("Báo cáo tổng kết", "PUBLIC", C07, tag);
    String token = member(C07);
    JsonNode page1 =
        http.get("/api/documents?size=2&q=" + tag + "%20nghi%20quyet%20dai%20hoi", token).json();
    assertThat(ids(page1)).containsExactly(third, second);
    String cursor = page1.get("nextCursor").asString();
    JsonNode page2 =
        http.get(
                "/api/documents?size=2&q=" + tag + "%20nghi%20quyet%20dai%20hoi&cursor=" + cursor,
                token)
            .json();
    assertThat(ids(page2)).containsExactly(first);
    assertThat(page2.get("nextCursor") == null || page2.get("nextCursor").isNull()).isTrue();
    JsonNode accented =
        http.get("/api/documents?q=" + tag + "%20%C4%91%E1%BA%A1i%20h%E1%BB%99i", token).json();
    assertThat(ids(accented)).containsExactlyInAnyOrder(first, second, third);
  }

  @Test
  void searchFiltersByKindIssuerAndIssueDate() {
    String tag = "f" + UUID.randomUUID().toString().substring(0, 8);
    String resolution = publish("Nghị quyết về công tác cán bộ", "PUBLIC", C07, tag);
    String meta =
        metadata("Kế hoạch học tập", "PUBLIC", C07, tag)
            .replace("\"RESOLUTION\"", "\"PLAN\"")
            .replace("Bộ Chính trị", "Đảng ủy xã Vĩnh Bình")
            .replace("2024-12-22", "2025-03-01");
    TestHttp.Response r =
        upload("/api/documents", secretary(C07), meta, "kh.pdf", "application/pdf", PDF);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String plan = r.json().get("id").asString();
    String token = member(C07);
    assertThat(ids(http.get("/api/documents?q=" + tag + "&kind=PLAN", token).json()))
        .containsExactly(plan);
    assertThat(
            ids(
                http.get("/api/documents?q=" + tag + "&issuer=dang%20uy%20xa%20vinh%20binh", token)
                    .json()))
        .containsExactly(plan);
    assertThat(ids(http.get("/api/documents?q=" + tag + "&issuedTo=2024-12-31", token).json()))
        .containsExactly(resolution);
    assertThat(
            ids(
                http.get(
                        "/api/documents?q=" + tag + "&issuedFrom=2025-01-01&issuedTo=2025-12-31",
                        token)
                    .json()))
        .containsExactly(plan);
    assertThat(http.get("/api/documents?kind=POEM", token).status()).isEqualTo(400);
  }

  @Test
  void aMembersFirstReadIsAnnouncedAndLaterReadsAreCounted() {
    String id = publish("Tài liệu học tập Nghị quyết", "SUBTREE", C07, "rr");
    String memberId = "member-" + UUID.randomUUID();
    String reader =
        TestTokens.forUser("reader").roles("member").orgScope(C07).memberId(memberId).sign();
    assertThat(download(id, 1, reader)).isEqualTo(PDF);
    assertThat(download(id, 1, reader)).isEqualTo(PDF);
    String receiptId = id + ":" + memberId;
    ConsumerRecord<String, byte[]> event =
        TestTopics.awaitRecords("document.events", receiptId, 1).getFirst();
    assertThat(TestTopics.headers(event)).containsEntry("ce_type", ReadReceipt.READ);
    assertThat(EventSchemas.violations(ReadReceipt.READ, event.value())).isEmpty();
    assertThat(JsonMapper.shared().readTree(event.value()).get("memberId").asString())
        .isEqualTo(memberId);

    JsonNode receipts = http.get("/api/documents/" + id + "/read-receipts", secretary(C07)).json();
    assertThat(receipts.get("items")).hasSize(1);
    assertThat(receipts.get("items").get(0).get("reads").asLong()).isEqualTo(2);
    assertThat(http.get("/api/documents/" + id + "/read-receipts", reader).status()).isEqualTo(403);
    assertThat(
            TestTopics.read("document.events", receiptId).stream()
                .map(r -> TestTopics.headers(r).get("ce_id"))
                .distinct())
        .hasSize(1);
  }

  int put(String path, String token, String json) {
    try {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void correctedMetadataIsSearchableAnnouncedAndTheOrgStaysFixed() {
    String tag = "md" + UUID.randomUUID().toString().substring(0, 8);
    String id = publish("Dự thảo kế hoạch", "SUBTREE", C07, tag);
    String corrected = metadata("Kế hoạch chuyển đổi số năm 2026", "PUBLIC", C07, tag);
    assertThat(put("/api/documents/" + id + "/metadata", member(C07), corrected)).isEqualTo(403);
    assertThat(
            put(
                "/api/documents/" + id + "/metadata",
                secretary(C07),
                metadata("Khác", "PUBLIC", C08, tag)))
        .isEqualTo(422);
    assertThat(put("/api/documents/" + id + "/metadata", secretary(C07), corrected)).isEqualTo(200);
    // now public: a member of another cell finds it by its new title
    assertThat(
            ids(http.get("/api/documents?q=" + tag + "%20chuyen%20doi%20so", member(C08)).json()))
        .containsExactly(id);
    JsonNode changed =
        JsonMapper.shared().readTree(validEvent(id, LibraryDocument.METADATA_CHANGED).value());
    assertThat(changed.get("changedFields").valueStream().map(JsonNode::asString).toList())
        .containsExactly("title", "visibility");
  }

  @Test
  void versionsAreKeptAndARetractedDocumentIsHidden() {
    String tag = "rv" + UUID.randomUUID().toString().substring(0, 8);
    String id = publish("Hướng dẫn sinh hoạt chi bộ", "SUBTREE", C07, tag);
    String secretary = secretary(C07);
    assertThat(
            upload(
                    "/api/documents/" + id + "/versions",
                    member(C07),
                    null,
                    "v2.png",
                    "image/png",
                    PNG)
                .status())
        .isEqualTo(403);
    TestHttp.Response v2 =
        upload("/api/documents/" + id + "/versions", secretary, null, "v2.png", "image/png", PNG);
    assertThat(v2.status()).as(v2.body()).isEqualTo(200);
    assertThat(v2.json().get("versions")).hasSize(2);
    assertThat(download(id, 1, member(C07))).isEqualTo(PDF);
    assertThat(download(id, 2, member(C07))).isEqualTo(PNG);
    validEvent(id, LibraryDocument.VERSION_ADDED);

    assertThat(
            http.post("/api/documents/" + id + "/retraction", member(C07), "{\"reason\":\"x\"}")
                .status())
        .isEqualTo(403);
    assertThat(http.post("/api/documents/" + id + "/retraction", secretary, "{}").status())
        .isEqualTo(400);
    TestHttp.Response retracted =
        http.post(
            "/api/documents/" + id + "/retraction", secretary, "{\"reason\":\"Đã thay thế\"}");
    assertThat(retracted.status()).as(retracted.body()).isEqualTo(200);
    assertThat(http.get("/api/documents/" + id, member(C07)).status()).isEqualTo(404);
    assertThat(ids(http.get("/api/documents?q=" + tag, member(C07)).json())).isEmpty();
    assertThat(http.get("/api/documents/" + id, secretary).json().get("status").asString())
        .isEqualTo("RETRACTED");
    assertThat(
            upload(
                    "/api/documents/" + id + "/versions",
                    secretary,
                    null,
                    "v3.png",
                    "image/png",
                    PNG)
                .status())
        .isEqualTo(422);
    validEvent(id, LibraryDocument.RETRACTED);
  }

  @Test
  void aMemberCannotPublishAndBadMetadataChangesNothing() {
    TestHttp.Response r =
        upload(
            "/api/documents",
            member(C07),
            metadata("Tài liệu", "PUBLIC", C07, "m"),
            "a.pdf",
            "application/pdf",
            PDF);
    assertThat(r.status()).isEqualTo(403);
    TestHttp.Response otherCell =
        upload(
            "/api/documents",
            secretary(C08),
            metadata("Tài liệu", "PUBLIC", C07, "m"),
            "a.pdf",
            "application/pdf",
            PDF);
    assertThat(otherCell.status()).isEqualTo(403);
    long files = mongo.getCollection("fs.files").countDocuments();
    TestHttp.Response invalid =
        upload(
            "/api/documents",
            secretary(C07),
            metadata("", "PUBLIC", C07, "m"),
            "a.pdf",
            "application/pdf",
            PDF);
    assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
    assertThat(mongo.getCollection("fs.files").countDocuments()).isEqualTo(files);
  }

  static List<String> ids(JsonNode page) {
    return page.get("items").valueStream().map(n -> n.get("id").asString()).toList();
  }

  static byte[] copy(byte[] b) {
    return Arrays.copyOf(b, b.length);
  }
}
