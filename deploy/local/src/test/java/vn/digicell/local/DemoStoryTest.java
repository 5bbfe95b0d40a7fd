package vn.digicell.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's story against stand-ins for document-service, meeting-service and Keycloak that check
 * what the real ones check: the library published by the commune and the cell's secretary with real
 * Vietnamese text, the pack read by the member, and minutes signed by chair and secretary with
 * signatures that verify against the keys they registered, over the domain-separated message of
 * contract-minutes item 5 when the minutes carry their version, over the content otherwise.
 */
class DemoStoryTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
  private static final String CONTENT =
      "BIÊN BẢN SINH HOẠT CHI BỘ\nChi bộ ấp Vĩnh Hiệp thống nhất thông qua kế hoạch.";

  private HttpServer server;
  private URI base;
  private final Map<String, String> tokenOf = new ConcurrentHashMap<>();
  private final List<String> uploads = new CopyOnWriteArrayList<>();
  private final List<JsonNode> metadata = new CopyOnWriteArrayList<>();
  private final List<String> uploaders = new CopyOnWriteArrayList<>();
  private final List<String> read = new CopyOnWriteArrayList<>();
  private final Map<String, String> keys = new ConcurrentHashMap<>();
  private final Map<String, String> signedBy = new ConcurrentHashMap<>();
  private final List<String> schemes = new CopyOnWriteArrayList<>();
  private volatile Long version;
  private volatile boolean acceptsV2 = true;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 50);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/realms/", this::token);
    server.createContext("/api/documents", this::document);
    server.createContext("/api/packs", this::pack);
    server.createContext("/api/meetings", this::meetings);
    server.start();
    base = URI.create("http://localhost:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private DemoStory story() {
    return new DemoStory(base, base, new KeycloakClient(base), TODAY);
  }

  @Test
  void theLibraryIsPublishedByTheCommuneAndTheCellWithVietnameseText() {
    Map<String, String> ids = story().library();

    assertThat(ids).hasSize(DemoStory.documents(TODAY).size()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(uploads)
        .allSatisfy(
            text ->
                assertThat(text)
                    .containsPattern("[ăâđêôơưạảấầẩẫậắằặếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỷỹ]"));
    assertThat(uploads).anySatisfy(text -> assertThat(text).contains("KẾ HOẠCH"));
    assertThat(uploads).anySatisfy(text -> assertThat(text).contains("NGHỊ QUYẾT"));
    assertThat(uploads).anySatisfy(text -> assertThat(text).contains("BÁO CÁO"));
    // the commune publishes for the commune, the secretary for the cell
    for (int i = 0; i < metadata.size(); i++) {
      String path = metadata.get(i).get("orgPath").asString();
      assertThat(uploaders.get(i)).isEqualTo(path.equals("/AG/VB") ? "commune" : "secretary");
      assertThat(path).isIn("/AG/VB", "/AG/VB/C07");
      assertThat(metadata.get(i).get("kind").asString())
          .isIn("PLAN", "RESOLUTION", "REPORT", "STUDY_MATERIAL");
      assertThat(metadata.get(i).get("number").asString()).matches("\\d+-[A-Z]+/[A-ZĐ]+");
    }
    // every document of the next meeting's agenda is in the library
    for (DemoStory.AgendaItem item : DemoStory.nextAgenda(TODAY)) {
      assertThat(ids).containsKeys(item.documentKeys().toArray(String[]::new));
    }
    assertThat(DemoStory.nextAgenda(TODAY)).hasSize(3);
  }

  @Test
  void theMemberReadsTheNextMeetingsDocumentsInItsPack() {
    story().readBeforeMeeting("upcoming-1", List.of("d-1", "d-2", "d-3"));
    assertThat(read).containsExactly("member d-1", "member d-2");
  }

  @Test
  void minutesAreSignedByChairAndSecretaryOverTheDomainSeparatedMessage() throws Exception {
    version = 3L;
    DemoStory story = story();
    DemoStory.Signer secretary = story.signer("secretary", "m-secretary");
    DemoStory.Signer chair = story.signer("member", "m-chair");

    assertThat(story.signMinutes(List.of("meeting-1", "meeting-2"), secretary, chair)).isEqualTo(2);
    assertThat(signedBy)
        .containsEntry("meeting-1 SECRETARY", "m-secretary")
        .containsEntry("meeting-1 CHAIR", "m-chair")
        .containsEntry("meeting-2 CHAIR", "m-chair");
    assertThat(schemes).containsOnly(DemoStory.SCHEME_V2);
    // the message exactly as contract-minutes item 5 spells it
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(CONTENT.getBytes(StandardCharsets.UTF_8)));
    assertThat(DemoStory.messageV2("minutes", "meeting-1", 3, CONTENT))
        .isEqualTo(
            "DigiCell signature v2\nkind=minutes\nmeetingId=meeting-1\nversion=3\ncontentSha256="
                + sha);
  }

  @Test
  void aServiceThatStillVerifiesTheContentGetsContentSignatures() {
    version = 3L;
    acceptsV2 = false;
    DemoStory story = story();
    int signed =
        story.signMinutes(
            List.of("meeting-1"),
            story.signer("secretary", "m-secretary"),
            story.signer("member", "m-chair"));

    assertThat(signed).isEqualTo(1);
    assertThat(signedBy).containsKeys("meeting-1 SECRETARY", "meeting-1 CHAIR");
    assertThat(schemes).containsOnly("raw-content-v1");

    // minutes without a version (today's meeting-service): the content, at once
    version = null;
    signedBy.clear();
    schemes.clear();
    assertThat(
            story.signMinutes(
                List.of("meeting-2"),
                story.signer("secretary", "m-secretary"),
                story.signer("member", "m-chair")))
        .isEqualTo(1);
    assertThat(schemes).containsOnly("raw-content-v1");
  }

  // ----------------------------------------------------------------------------- stand-ins

  private void token(HttpExchange exchange) throws IOException {
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String username =
        URLDecoder.decode(form.replaceAll(".*username=([^&]*).*", "$1"), StandardCharsets.UTF_8);
    String token = "token-" + username;
    tokenOf.put(token, username);
    reply(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":300}");
  }

  private String caller(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    return auth == null ? null : tokenOf.get(auth.replace("Bearer ", ""));
  }

  private void document(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    assertThat(type).startsWith("multipart/form-data; boundary=");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String boundary = "--" + type.substring(type.indexOf("boundary=") + 9);
    String[] parts = body.split(java.util.regex.Pattern.quote(boundary));
    String meta = parts[1].substring(parts[1].indexOf("\r\n\r\n") + 4).strip();
    String file = parts[2].substring(parts[2].indexOf("\r\n\r\n") + 4);
    assertThat(parts[2]).contains("filename=\"").contains(".txt\"");
    metadata.add(JSON.readTree(meta));
    uploads.add(file.substring(0, file.length() - 2));
    uploaders.add(caller(exchange));
    reply(exchange, 201, "{\"id\":\"doc-" + uploads.size() + "\"}");
  }

  private void pack(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/api/packs")) {
      assertThat(exchange.getRequestURI().getQuery()).isEqualTo("meetingId=upcoming-1");
      reply(exchange, 200, "{\"code\":\"abcdefgh\"}");
      return;
    }
    read.add(caller(exchange) + " " + path.replaceAll(".*/documents/([^/]+)/content", "$1"));
    reply(exchange, 200, "{}");
  }

  private void meetings(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    JsonNode body =
        method.equals("GET") ? null : JSON.readTree(exchange.getRequestBody().readAllBytes());
    if (path.startsWith("/api/meetings/signing-keys/")) {
      keys.put(path.substring(path.lastIndexOf('/') + 1), body.get("publicKey").asString());
      reply(exchange, 200, "{}");
      return;
    }
    String meetingId = path.split("/")[3];
    if (path.endsWith("/minutes") && method.equals("POST")) {
      assertThat(caller(exchange)).isEqualTo("secretary");
      assertThat(body.get("chairMemberId").asString()).isEqualTo("m-chair");
      reply(exchange, 201, minutes(meetingId));
      return;
    }
    if (path.endsWith("/minutes")) {
      reply(exchange, 200, minutes(meetingId));
      return;
    }
    // POST /api/meetings/{id}/minutes/signatures: verified as meeting-service does
    String signer = caller(exchange).equals("secretary") ? "m-secretary" : "m-chair";
    String scheme = body.path("scheme").asString("raw-content-v1");
    if (!acceptsV2 && !scheme.equals("raw-content-v1")) {
      // a service that knows only the content: it verifies that, and the v2 signature fails
      scheme = "raw-content-v1";
    }
    String message =
        scheme.equals(DemoStory.SCHEME_V2)
            ? "DigiCell signature v2\nkind=minutes\nmeetingId="
                + meetingId
                + "\nversion="
                + version
                + "\ncontentSha256="
                + DemoStory.sha256Hex(CONTENT.getBytes(StandardCharsets.UTF_8))
            : CONTENT;
    if (!verifies(keys.get(signer), message, body.get("signature").asString())) {
      reply(exchange, 422, "{\"type\":\"signature-invalid\"}");
      return;
    }
    schemes.add(scheme);
    signedBy.put(meetingId + " " + body.get("role").asString(), signer);
    reply(exchange, 200, minutes(meetingId));
  }

  private String minutes(String meetingId) {
    Map<String, Object> view = new java.util.HashMap<>();
    view.put("meetingId", meetingId);
    view.put("status", "DRAFT");
    view.put("content", CONTENT);
    if (version != null) {
      view.put("version", version);
    }
    return JSON.writeValueAsString(view);
  }

  private static boolean verifies(String rawKey, String message, String signature) {
    try {
      byte[] raw = Base64.getDecoder().decode(rawKey);
      byte[] x509 = new byte[44];
      byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
      System.arraycopy(prefix, 0, x509, 0, 12);
      System.arraycopy(raw, 0, x509, 12, 32);
      PublicKey key =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
      Signature ed = Signature.getInstance("Ed25519");
      ed.initVerify(key);
      ed.update(message.getBytes(StandardCharsets.UTF_8));
      return ed.verify(Base64.getDecoder().decode(signature));
    } catch (Exception e) {
      return false;
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
