package vn.digicell.document.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

@DigiCellIntegrationTest
@TestPropertySource(properties = "digicell.documents.public-base-url=https://chiboso.example.vn/")
class QrBoardTest {

  static final String VB = "/AG/VB";
  static final String C01 = "/AG/VB/C01";
  static final String XX = "/AG/XX";
  static final String BASE = "https://chiboso.example.vn";

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  TestHttp http;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void client() {
    http = new TestHttp("http://localhost:" + port);
  }

  static String committee(String org) {
    return TestTokens.forUser("committee-" + UUID.randomUUID())
        .roles("member", "committee")
        .orgScope(org)
        .sign();
  }

  static String member(String org) {
    return TestTokens.forUser("member-" + UUID.randomUUID()).roles("member").orgScope(org).sign();
  }

  static String json(Object value) {
    return JsonMapper.shared().writeValueAsString(value);
  }

  record Raw(int status, byte[] body, String contentType) {
    JsonNode json() {
      return JsonMapper.shared().readTree(new String(body, StandardCharsets.UTF_8));
    }
  }

  Raw send(String method, String path, String token, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept-Language", "en")
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Raw(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  String board(String org, String token, String title, String audience) {
    Raw r =
        send(
            "POST",
            "/api/boards",
            token,
            """
            {"title":%s,"orgPath":"%s","audience":"%s"}"""
                .formatted(json(title), org, audience));
    assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    return r.json().get("id").asString();
  }

  static String section(String title, String audience, String audiencePath, String url) {
    return """
        {"title":%s,"caption":"Quét mã để xem","audience":"%s",%s"items":[\
        {"title":"Video lời dạy của Bác","url":"%s"}]}"""
        .formatted(
            json(title),
            audience,
            audiencePath == null ? "" : "\"audiencePath\":\"" + audiencePath + "\",",
            url);
  }

  String addSection(String boardId, String token, String body) {
    Raw r = send("POST", "/api/boards/" + boardId + "/sections", token, body);
    assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    JsonNode sections = r.json().get("sections");
    return sections.get(sections.size() - 1).get("code").asString();
  }

  static ConsumerRecord<String, byte[]> validEvent(String key, String type) {
    ConsumerRecord<String, byte[]> found = null;
    for (int attempt = 0; found == null && attempt < 50; attempt++) {
      TestTopics.awaitRecords("document.events", key, 1);
      found =
          TestTopics.read("document.events", key).stream()
              .filter(r -> type.equals(TestTopics.headers(r).get("ce_type")))
              .findFirst()
              .orElse(null);
    }
    assertThat(found).as(type).isNotNull();
    assertThat(EventSchemas.violations(type, found.value())).isEmpty();
    return found;
  }

  @Test
  void aPublicSectionOpensWithoutATokenAndCountsScans() {
    String token = committee(VB);
    String id = board(VB, token, "Tài liệu chuyển đổi số trong xây dựng Đảng", "PUBLIC");
    String code =
        addSection(
            id, token, section("Video lời dạy của Bác", "PUBLIC", null, "https://youtu.be/abc"));
    assertThat(code).matches("[a-z2-7]{8}");

    Raw first = send("GET", "/api/sections/" + code, null, null);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("title").asString()).isEqualTo("Video lời dạy của Bác");
    assertThat(first.json().get("items").get(0).get("url").asString())
        .isEqualTo("https://youtu.be/abc");
    assertThat(first.json().get("scans").asLong()).isEqualTo(1);
    assertThat(send("GET", "/api/sections/" + code, null, null).json().get("scans").asLong())
        .isEqualTo(2);
    assertThat(
            http.get("/api/boards/" + id, token)
                .json()
                .get("sections")
                .get(0)
                .get("scans")
                .asLong())
        .isEqualTo(2);

    validEvent(id, Board.CREATED);
    validEvent(id, Board.SECTION_ADDED);
    assertThat(send("GET", "/api/sections/zzzzzzzz", null, null).status()).isEqualTo(404);
  }

  @Test
  void aMemberOnlySectionOpensOnlyForMembersOfItsSubtree() {
    String xxToken = committee(XX);
    String id = board(XX, xxToken, "Bảng tài liệu XX", "PUBLIC");
    String code = addSection(id, xxToken, section("Nội bộ", "MEMBERS", null, "https://xx.vn/a"));

    assertThat(send("GET", "/api/sections/" + code, null, null).status()).isEqualTo(401);
    assertThat(send("GET", "/api/sections/" + code, member(C01), null).status()).isEqualTo(404);
    assertThat(send("GET", "/api/sections/" + code, member(XX + "/C02"), null).status())
        .isEqualTo(200);
    assertThat(send("GET", "/api/sections/" + code, member("/AG"), null).status()).isEqualTo(200);
    // the board's overview hides it from outsiders too
    assertThat(http.get("/api/boards/" + id, member(C01)).json().get("sections").size()).isZero();
    // and outsiders cannot curate
    assertThat(
            send(
                    "POST",
                    "/api/boards/" + id + "/sections",
                    committee(VB),
                    section("x", "PUBLIC", null, "https://a.vn"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void theBoardsOfAnOrgAreListedForItsCuratorsWhoeverMadeThem() {
    // made by one curator (another browser, another person), listed for another
    String mine = board(C01, committee(VB), "Bảng tuyên truyền ấp " + UUID.randomUUID(), "PUBLIC");
    String elsewhere = board(XX, committee(XX), "Bảng xã khác", "PUBLIC");
    addSection(mine, committee(VB), section("Nghị quyết", "PUBLIC", null, "https://a.vn/nq"));
    Raw list = send("GET", "/api/boards?under=" + VB, committee(VB), null);
    assertThat(list.status()).as(new String(list.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    List<String> ids = new java.util.ArrayList<>();
    list.json().get("items").forEach(b -> ids.add(b.get("id").asString()));
    assertThat(ids).contains(mine).doesNotContain(elsewhere);
    JsonNode listed = null;
    for (JsonNode b : list.json().get("items")) {
      if (b.get("id").asString().equals(mine)) {
        listed = b;
      }
    }
    assertThat(listed.get("orgPath").asString()).isEqualTo(C01);
    assertThat(listed.get("sections").asInt()).isEqualTo(1);
    // a member is no curator; a committee elsewhere does not see this commune's boards
    assertThat(send("GET", "/api/boards?under=" + VB, member(C01), null).status()).isEqualTo(403);
    assertThat(send("GET", "/api/boards?under=" + VB, committee(XX), null).status()).isEqualTo(403);
    assertThat(send("GET", "/api/boards", committee(VB), null).status()).isEqualTo(400);
  }

  @Test
  void changingASectionKeepsItsCodeAndReorderingKeepsEveryCode() {
    String token = committee(VB);
    String id = board(VB, token, "Bảng QR", "PUBLIC");
    String first = addSection(id, token, section("Một", "PUBLIC", null, "https://a.vn/1"));
    String second = addSection(id, token, section("Hai", "PUBLIC", null, "https://a.vn/2"));

    Raw changed =
        send(
            "PUT",
            "/api/boards/" + id + "/sections/" + first,
            token,
            section("Một (cập nhật)", "MEMBERS", C01, "https://a.vn/moi"));
    assertThat(changed.status())
        .as(new String(changed.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    JsonNode s0 = changed.json().get("sections").get(0);
    assertThat(s0.get("code").asString()).isEqualTo(first);
    assertThat(s0.get("title").asString()).isEqualTo("Một (cập nhật)");
    assertThat(s0.get("url").asString()).isEqualTo(BASE + "/s/" + first);
    ConsumerRecord<String, byte[]> event = validEvent(id, Board.SECTION_CHANGED);
    assertThat(new String(event.value(), StandardCharsets.UTF_8)).contains(first);

    Raw reordered =
        send(
            "PUT",
            "/api/boards/" + id + "/section-order",
            token,
            "{\"codes\":[\"" + second + "\",\"" + first + "\"]}");
    assertThat(reordered.status()).isEqualTo(200);
    assertThat(reordered.json().get("sections").get(0).get("code").asString()).isEqualTo(second);
    assertThat(reordered.json().get("sections").get(1).get("code").asString()).isEqualTo(first);
    validEvent(id, Board.SECTIONS_REORDERED);
  }

  @Test
  void badInputIsAProblemAndChangesNothing() {
    String token = committee(VB);
    String id = board(VB, token, "Bảng QR", "PUBLIC");
    String code = addSection(id, token, section("Một", "PUBLIC", null, "https://a.vn/1"));
    long codes =
        mongo.count(new org.springframework.data.mongodb.core.query.Query(), SectionCode.class);
    JsonNode before = http.get("/api/boards/" + id, token).json();

    List<Raw> bad = new ArrayList<>();
    bad.add(
        send(
            "POST",
            "/api/boards/" + id + "/sections",
            token,
            section("Hai", "PUBLIC", null, "javascript:alert(1)")));
    bad.add(
        send(
            "POST",
            "/api/boards/" + id + "/sections",
            token,
            section("", "PUBLIC", null, "https://a.vn")));
    bad.add(
        send(
            "POST",
            "/api/boards/" + id + "/sections",
            token,
            section("Hai", "MEMBERS", "/AG/XX", "https://a.vn")));
    bad.add(
        send(
            "POST",
            "/api/boards/" + id + "/sections",
            token,
            "{\"title\":\"Hai\",\"audience\":\"PUBLIC\",\"items\":[{\"documentId\":\"nope\"}]}"));
    bad.add(
        send(
            "PUT",
            "/api/boards/" + id + "/sections/" + code,
            token,
            section("Một", "PUBLIC", null, "ftp://a.vn")));
    bad.add(send("PUT", "/api/boards/" + id + "/section-order", token, "{\"codes\":[]}"));
    bad.add(
        send(
            "POST",
            "/api/boards",
            token,
            "{\"title\":\"X\",\"orgPath\":\"AG\",\"audience\":\"PUBLIC\"}"));
    bad.add(send("GET", "/api/boards/" + id + "/poster.pdf?size=A0", token, null));
    for (Raw r : bad) {
      assertThat(r.status()).isBetween(400, 422);
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    assertThat(http.get("/api/boards/" + id, token).json()).isEqualTo(before);
    assertThat(
            mongo.count(new org.springframework.data.mongodb.core.query.Query(), SectionCode.class))
        .isEqualTo(codes);
  }

  String publish(String token, String title, String visibility, String org) {
    String boundary = "----digicell" + UUID.randomUUID();
    String metadata =
        """
        {"title":%s,"kind":"STORY","visibility":"%s","orgPath":"%s"}"""
            .formatted(json(title), visibility, org);
    String body =
        "--%1$s\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n%2$s\r\n--%1$s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%%%EOF\n\r\n--%1$s--\r\n"
            .formatted(boundary, metadata);
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/documents"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      return JsonMapper.shared().readTree(r.body()).get("id").asString();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSectionShowsEachScannerOnlyTheDocumentsTheyMaySee() {
    String token = committee(VB);
    String story = publish(token, "117 câu chuyện kể về Bác Hồ", "PUBLIC", VB);
    String internal = publish(token, "Nghị quyết nội bộ", "SUBTREE", VB);
    String id = board(VB, token, "Bảng QR", "PUBLIC");
    String code =
        addSection(
            id,
            token,
            """
            {"title":"Tài liệu","audience":"PUBLIC","items":[{"documentId":"%s"},\
            {"documentId":"%s"},{"title":"Video","url":"https://youtu.be/x"}]}"""
                .formatted(story, internal));

    JsonNode anonymous = send("GET", "/api/sections/" + code, null, null).json().get("items");
    assertThat(anonymous.size()).isEqualTo(2);
    assertThat(anonymous.get(0).get("title").asString()).isEqualTo("117 câu chuyện kể về Bác Hồ");
    assertThat(anonymous.get(1).get("kind").asString()).isEqualTo("LINK");
    assertThat(send("GET", "/api/sections/" + code, member(XX), null).json().get("items").size())
        .isEqualTo(2);
    JsonNode insider = send("GET", "/api/sections/" + code, member(C01), null).json().get("items");
    assertThat(insider.size()).isEqualTo(3);
    assertThat(insider.get(1).get("documentId").asString()).isEqualTo(internal);
  }

  @Test
  void theQrCodesEncodeTheSectionUrl() throws Exception {
    String token = committee(VB);
    String id = board(VB, token, "Bảng QR", "PUBLIC");
    String code = addSection(id, token, section("Một", "MEMBERS", null, "https://a.vn/1"));

    Raw png = send("GET", "/api/sections/" + code + "/qr.png", null, null);
    assertThat(png.status()).isEqualTo(200);
    assertThat(png.contentType()).isEqualTo("image/png");
    var image = ImageIO.read(new ByteArrayInputStream(png.body()));
    String decoded =
        new MultiFormatReader()
            .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
            .getText();
    assertThat(decoded).isEqualTo(BASE + "/s/" + code);

    Raw svg = send("GET", "/api/sections/" + code + "/qr.svg", null, null);
    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.contentType()).startsWith("image/svg+xml");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    var xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.body()));
    assertThat(xml.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(xml.getElementsByTagName("path").getLength()).isEqualTo(1);
  }

  @Test
  void thePosterHasOnePageWithTheTitleAndEveryQr() throws Exception {
    String token = committee(VB);
    String title = "Tài liệu chuyển đổi số trong xây dựng Đảng";
    String id = board(VB, token, title, "PUBLIC");
    for (String s :
        List.of(
            "117 câu chuyện kể về Bác Hồ",
            "Video lời dạy của Bác",
            "Nghị quyết, chỉ thị mới nhất",
            "Trang thông tin nội bộ của tỉnh")) {
      addSection(id, token, section(s, "PUBLIC", null, "https://a.vn/" + s.length()));
    }
    for (String size : List.of("A4", "A3")) {
      Raw pdf = send("GET", "/api/boards/" + id + "/poster.pdf?size=" + size, token, null);
      assertThat(pdf.status()).isEqualTo(200);
      assertThat(pdf.contentType()).isEqualTo("application/pdf");
      try (PDDocument doc = Loader.loadPDF(pdf.body())) {
        assertThat(doc.getNumberOfPages()).isEqualTo(1);
        PDPage page = doc.getPage(0);
        int images = 0;
        for (COSName name : page.getResources().getXObjectNames()) {
          if (page.getResources().isImageXObject(name)) {
            images++;
          }
        }
        assertThat(images).isEqualTo(4);
        String text = Normalizer.normalize(new PDFTextStripper().getText(doc), Normalizer.Form.NFC);
        assertThat(text).contains(title).contains("Nghị quyết, chỉ thị mới nhất");
        assertThat(page.getMediaBox().getHeight()).isGreaterThan(size.equals("A3") ? 1100 : 800);
      }
    }
  }

  int posterImages(String boardId, String token, List<String> texts) throws Exception {
    Raw pdf = send("GET", "/api/boards/" + boardId + "/poster.pdf?size=A4", token, null);
    assertThat(pdf.status()).as(new String(pdf.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    try (PDDocument doc = Loader.loadPDF(pdf.body())) {
      PDPage page = doc.getPage(0);
      int images = 0;
      for (COSName name : page.getResources().getXObjectNames()) {
        if (page.getResources().isImageXObject(name)) {
          images++;
        }
      }
      texts.add(Normalizer.normalize(new PDFTextStripper().getText(doc), Normalizer.Form.NFC));
      return images;
    }
  }

  @Test
  void thePosterPrintsOnlyTheSectionsTheCallerMayOpen() throws Exception {
    String token = committee(VB);
    String id = board(VB, token, "Bảng tài liệu xã", "PUBLIC");
    addSection(id, token, section("Tài liệu công khai", "PUBLIC", null, "https://a.vn/p"));
    addSection(id, token, section("Chỉ đảng viên chi bộ C01", "MEMBERS", C01, "https://a.vn/m"));

    // a member of another cell reads the public board, but the C01 members' QR is not for them
    List<String> texts = new java.util.ArrayList<>();
    assertThat(posterImages(id, member("/AG/VB/C02"), texts)).isEqualTo(1);
    assertThat(texts.getLast()).contains("Tài liệu công khai").doesNotContain("Chỉ đảng viên");
    // a member of C01 and the board's committee print both
    assertThat(posterImages(id, member(C01), texts)).isEqualTo(2);
    assertThat(texts.getLast()).contains("Chỉ đảng viên chi bộ C01");
    assertThat(posterImages(id, token, texts)).isEqualTo(2);
  }

  @Test
  void aRemovedSectionIsRetiredAndItsPrintedCodeAnswersGone() {
    String token = committee(VB);
    String id = board(VB, token, "Bảng QR thôn 7", "PUBLIC");
    String removed =
        addSection(id, token, section("Tài liệu cũ", "PUBLIC", null, "https://a.vn/1"));
    String kept = addSection(id, token, section("Tài liệu mới", "PUBLIC", null, "https://a.vn/2"));
    assertThat(send("GET", "/api/sections/" + removed, null, null).status()).isEqualTo(200);

    // only curators of the board's org may remove; unknown codes are 404
    assertThat(
            send("DELETE", "/api/boards/" + id + "/sections/" + removed, member(C01), null)
                .status())
        .isEqualTo(403);
    assertThat(
            send("DELETE", "/api/boards/" + id + "/sections/" + removed, committee(XX), null)
                .status())
        .isEqualTo(403);
    assertThat(send("DELETE", "/api/boards/" + id + "/sections/zzzzzzzz", token, null).status())
        .isEqualTo(404);
    assertThat(send("GET", "/api/sections/" + removed, null, null).status()).isEqualTo(200);

    Raw r = send("DELETE", "/api/boards/" + id + "/sections/" + removed, token, null);
    assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(r.json().get("sections")).hasSize(1);
    assertThat(r.json().get("sections").get(0).get("code").asString()).isEqualTo(kept);

    ConsumerRecord<String, byte[]> event = validEvent(id, Board.SECTION_REMOVED);
    JsonNode payload = JsonMapper.shared().readTree(event.value());
    assertThat(payload.get("code").asString()).isEqualTo(removed);
    assertThat(payload.get("title").asString()).isEqualTo("Tài liệu cũ");
    assertThat(payload.get("remainingSections").asInt()).isEqualTo(1);

    // the printed QR code now says the section was removed, not that it never existed
    Raw gone = send("GET", "/api/sections/" + removed, null, null);
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.contentType()).startsWith("application/problem+json");
    assertThat(gone.json().get("type").asString()).endsWith("section-removed");
    assertThat(gone.json().get("detail").asString()).contains("Bảng QR thôn 7");
    assertThat(send("GET", "/api/sections/" + removed + "/qr.png", null, null).status())
        .isEqualTo(410);
    assertThat(send("GET", "/api/sections/" + kept, null, null).status()).isEqualTo(200);
    // the code stays reserved: it is never handed to another section
    assertThat(mongo.findById(removed, SectionCode.class)).isNotNull();

    // the board no longer counts it: reordering names only the remaining sections
    assertThat(
            send(
                    "PUT",
                    "/api/boards/" + id + "/section-order",
                    token,
                    "{\"codes\":[\"" + kept + "\"]}")
                .status())
        .isEqualTo(200);
    // removing it again changes nothing and announces nothing
    assertThat(send("DELETE", "/api/boards/" + id + "/sections/" + removed, token, null).status())
        .isEqualTo(200);
    assertThat(
            TestTopics.read("document.events", id).stream()
                .filter(e -> Board.SECTION_REMOVED.equals(TestTopics.headers(e).get("ce_type")))
                .map(e -> TestTopics.headers(e).get("ce_id"))
                .distinct())
        .hasSize(1);
    // and it cannot be changed any more
    assertThat(
            send(
                    "PUT",
                    "/api/boards/" + id + "/sections/" + removed,
                    token,
                    section("Hồi sinh", "PUBLIC", null, "https://a.vn/3"))
                .status())
        .isEqualTo(404);
  }
}
