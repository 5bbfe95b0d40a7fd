package vn.digicell.notification.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.gridfs.model.GridFSFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import vn.digicell.notification.recipient.Roster;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * What could name an anonymous sender or leak a member: a photo's EXIF/GPS data and its file name,
 * a committee assigning (and so naming) a member outside its units, roles of one grant applied to
 * another path.
 */
@DigiCellIntegrationTest
class FeedbackPrivacyTest {

  static final String SECRET_TEXT = "GPS 10.3712N 105.4321E owner Nguyen Van Gui";

  @LocalServerPort int port;
  @Autowired Roster roster;
  @Autowired GridFsTemplate files;

  TestHttp http;
  String commune;
  String cell;

  @BeforeEach
  void setUp() {
    http = new TestHttp("http://localhost:" + port);
    String province = "/Q" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    commune = province + "/VB";
    cell = commune + "/C07";
  }

  private String member(String path, String name) {
    String id = UUID.randomUUID().toString();
    roster.admitted(id, name, path, "cell-" + path.hashCode(), "OFFICIAL");
    return id;
  }

  private static String memberToken(String memberId, String path) {
    return TestTokens.forUser("m-" + memberId).grant("member", path).memberId(memberId).sign();
  }

  private String submit(String token, boolean anonymous) {
    TestHttp.Response r =
        http.postJson(
            "/api/feedback",
            token,
            Map.of(
                "category", "OTHER",
                "text", "Cán bộ ấp thu tiền sai quy định.",
                "location", "Ấp 2",
                "anonymousToOthers", anonymous));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  /** A real JPEG with an EXIF segment right after its start marker. */
  static byte[] jpegWithExif() throws Exception {
    BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", plain);
    byte[] jpeg = plain.toByteArray();
    byte[] payload = ("Exif\0\0MM\0*\0\0\0\b" + SECRET_TEXT).getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2); // SOI
    out.write(0xFF);
    out.write(0xE1); // APP1
    int length = payload.length + 2;
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.write(payload);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  @Test
  void anAnonymousItemsPhotoIsStoredWithoutExifAndWithoutItsName() throws Exception {
    String hoa = member(cell, "Nguyễn Thị Hoa");
    String token = memberToken(hoa, cell);
    String id = submit(token, true);
    byte[] original = jpegWithExif();
    assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains(SECRET_TEXT);

    HttpResponse<byte[]> uploaded = upload(id, token, "IMG_Nguyen_Thi_Hoa_0412.jpg", original);
    assertThat(uploaded.statusCode()).isEqualTo(201);

    var attachment = http.get("/api/feedback/" + id, token).json().get("attachments").get(0);
    assertThat(attachment.get("filename").asString()).isEqualTo("attachment-1.jpg");
    GridFSFile stored =
        files.findOne(
            Query.query(
                Criteria.where("_id").is(new ObjectId(attachment.get("fileId").asString()))));
    assertThat(stored.getFilename()).isEqualTo("attachment-1.jpg");
    byte[] bytes = files.getResource(stored).getInputStream().readAllBytes();
    String asText = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(asText).doesNotContain(SECRET_TEXT).doesNotContain("Exif").doesNotContain("Hoa");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(image.getWidth()).isEqualTo(16);
  }

  @Test
  void webpLosesItsExifAndXmpChunks() throws Exception {
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    chunks.write(chunk("VP8X", new byte[] {0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    chunks.write(chunk("VP8L", new byte[] {0x2F, 0, 0, 0, 0}));
    chunks.write(chunk("EXIF", SECRET_TEXT.getBytes(StandardCharsets.US_ASCII)));
    chunks.write(chunk("XMP ", "<x:xmpmeta>Nguyen Van Gui</x:xmpmeta>".getBytes()));
    byte[] body = chunks.toByteArray();
    ByteArrayOutputStream webp = new ByteArrayOutputStream();
    webp.write("RIFF".getBytes(StandardCharsets.US_ASCII));
    webp.write(le(4 + body.length));
    webp.write("WEBP".getBytes(StandardCharsets.US_ASCII));
    webp.write(body);

    byte[] clean = ImageSanitizer.webpWithoutMetadata(webp.toByteArray());
    String text = new String(clean, StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain("EXIF").doesNotContain("XMP ").doesNotContain("Nguyen");
    assertThat(text).contains("VP8X").contains("VP8L");
    assertThat(clean[20] & 0x0C).as("EXIF and XMP flags cleared").isZero();
    assertThat(
            java.nio.ByteBuffer.wrap(clean, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt())
        .isEqualTo(clean.length - 8);
  }

  @Test
  void assignNamesOnlyMembersUnderTheUnitTheItemIsRoutedTo() {
    String hoa = member(cell, "Nguyễn Thị Hoa");
    String id = submit(memberToken(hoa, cell), false);
    String committee = TestTokens.forUser("committee-vb").grant("committee", commune).sign();
    String elsewhere = member("/Q0/VX/C01", "Người Xã Khác Tên Riêng");

    TestHttp.Response refused =
        http.postJson("/api/feedback/" + id + "/assign", committee, Map.of("memberId", elsewhere));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).doesNotContain("Người Xã Khác Tên Riêng");
    assertThat(
            http.get("/api/feedback/" + id, committee).json().path("assignee").isMissingNode()
                || http.get("/api/feedback/" + id, committee).json().path("assignee").isNull())
        .isTrue();

    String neighbour = member(cell, "Trần Văn Láng Giềng");
    TestHttp.Response assigned =
        http.postJson("/api/feedback/" + id + "/assign", committee, Map.of("memberId", neighbour));
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    assertThat(assigned.json().get("assignee").get("name").asString())
        .isEqualTo("Trần Văn Láng Giềng");
  }

  @Test
  void aSecretaryAttachedElsewhereIsNotTheSecretaryThere() {
    // C08's secretary speaks for C08; C07's secretary attached to C08 is only a member there
    String c08 = commune + "/C08";
    String secretaryOfC08 =
        TestTokens.forUser("sec-c08").grant("cell-secretary", c08).grant("member", c08).sign();
    TestHttp.Response submitted =
        http.postJson(
            "/api/feedback",
            secretaryOfC08,
            Map.of(
                "category",
                "OTHER",
                "text",
                "Chi bộ C08 đề nghị.",
                "location",
                "Ấp 8",
                "cellPath",
                c08));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String id = submitted.json().get("id").asString();
    assertThat(http.get("/api/feedback/" + id, secretaryOfC08).status()).isEqualTo(200);

    String attached =
        TestTokens.forUser("sec-c07").grant("cell-secretary", cell).grant("member", c08).sign();
    assertThat(http.get("/api/feedback/" + id, attached).status()).isEqualTo(404);
  }

  @Test
  void theInboxListsOnlyWhereTheCallerHandlesFeedback() {
    String hoa = member(cell, "Nguyễn Thị Hoa");
    String id = submit(memberToken(hoa, cell), false);
    // committee of another commune, member of this one: this commune's items are not theirs
    String mixed =
        TestTokens.forUser("mixed")
            .grant("committee", commune.replace("/VB", "/VX"))
            .grant("member", commune)
            .sign();
    assertThat(
            http.get("/api/feedback?box=inbox", mixed).json().get("items").findValuesAsString("id"))
        .doesNotContain(id);
    String committee = TestTokens.forUser("committee-vb").grant("committee", commune).sign();
    assertThat(
            http.get("/api/feedback?box=inbox", committee)
                .json()
                .get("items")
                .findValuesAsString("id"))
        .contains(id);
  }

  @Test
  void deliveriesOfANoticeAreShownToAnItAdminOfItsUnitOnly() {
    String hoa = member(cell, "Nguyễn Thị Hoa");
    String token = memberToken(hoa, cell);
    submit(token, false);
    String notice =
        http.get("/api/notifications", token).json().get("items").get(0).get("id").asString();
    String itAdminElsewhere = TestTokens.forUser("it-x").grant("it-admin", "/Q0").sign();
    String itAdminHere = TestTokens.forUser("it-vb").grant("it-admin", commune).sign();
    assertThat(http.get("/api/notifications/" + notice + "/deliveries", itAdminElsewhere).status())
        .isEqualTo(404);
    assertThat(http.get("/api/notifications/" + notice + "/deliveries", itAdminHere).status())
        .isEqualTo(200);
    assertThat(http.get("/api/notifications/" + notice + "/deliveries", token).status())
        .isEqualTo(200);
  }

  private static byte[] chunk(String id, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le(data.length));
    out.writeBytes(data);
    if (data.length % 2 == 1) {
      out.write(0);
    }
    return out.toByteArray();
  }

  private static byte[] le(int value) {
    return java.nio.ByteBuffer.allocate(4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(value)
        .array();
  }

  private HttpResponse<byte[]> upload(String id, String token, String filename, byte[] content)
      throws Exception {
    String boundary = "----digicell" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
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
}
