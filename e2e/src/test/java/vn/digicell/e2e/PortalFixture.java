package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.local.KeycloakClient;
import vn.digicell.local.RunningPlatform;
import vn.digicell.platform.test.TestHttp;

/**
 * Test data for the portal's browser tests, made through the public API as an org admin would: a
 * cell of its own under /AG/VB, official members with logins (one of them the cell's secretary), a
 * document for the agenda, and meetings.
 */
final class PortalFixture {

  static final String PASSWORD = "portal-pass";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final RunningPlatform platform = E2ePlatform.get();
  final TestHttp gateway = E2ePlatform.gateway();
  final String suffix = Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
  final String cellId;
  final String cellPath;

  record Person(String memberId, String fullName, String username) {}

  PortalFixture(String cellName) {
    String admin = platform.accessToken("admin");
    String province = orgUnit(admin, "AG", "Đảng bộ tỉnh An Giang", "PROVINCE", null);
    String commune = orgUnit(admin, "VB", "Đảng bộ xã Vĩnh Bình", "COMMUNE", province);
    TestHttp.Response cell =
        gateway.postJson(
            "/api/org-units",
            admin,
            Map.of("code", "P" + suffix, "name", cellName, "kind", "CELL", "parentId", commune));
    assertThat(cell.status()).as(cell.body()).isEqualTo(201);
    cellId = cell.json().get("id").asString();
    cellPath = cell.json().get("path").asString();
    // meeting-service learns the cell from orgunit.events
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> gateway.get("/api/cells/" + cellId + "/roster", admin).status() == 200);
  }

  /** An official member of the cell with a login; roles as given (member at least). */
  Person official(String fullName, String gender, String username, List<String> roles) {
    String admin = platform.accessToken("admin");
    LocalDate born = LocalDate.of(1975 + ThreadLocalRandom.current().nextInt(20), 3, 14);
    Map<String, Object> admission = new HashMap<>();
    admission.put("fullName", fullName);
    admission.put("gender", gender);
    admission.put("dateOfBirth", born.toString());
    admission.put("citizenId", citizenId(born, gender));
    admission.put("orgUnitId", cellId);
    admission.put("admittedOn", "2023-05-19");
    TestHttp.Response admitted = gateway.postJson("/api/members", admin, admission);
    assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
    String memberId = admitted.json().get("id").asString();
    TestHttp.Response official =
        gateway.postJson(
            "/api/members/" + memberId + "/recognise-official",
            admin,
            Map.of("effectiveOn", "2024-05-19", "decisionNumber", "12-QĐ/ĐU"));
    assertThat(official.status()).as(official.body()).isBetween(200, 204);
    platform.createUser(
        new KeycloakClient.NewUser(
            username,
            PASSWORD,
            fullName.substring(fullName.lastIndexOf(' ') + 1),
            fullName.substring(0, fullName.lastIndexOf(' ')),
            username + "@e2e.digicell.vn",
            roles,
            Map.of("member_id", List.of(memberId), "org_scope", List.of(cellPath))));
    return new Person(memberId, fullName, username);
  }

  /** Waits until meeting-service's roster knows these members as official. */
  void awaitRoster(Person... people) {
    String admin = platform.accessToken("admin");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              TestHttp.Response roster = gateway.get("/api/cells/" + cellId + "/roster", admin);
              if (roster.status() != 200) {
                return false;
              }
              List<String> official = new ArrayList<>();
              roster
                  .json()
                  .forEach(
                      e -> {
                        if ("OFFICIAL".equals(e.get("status").asString())) {
                          official.add(e.get("memberId").asString());
                        }
                      });
              return java.util.Arrays.stream(people).allMatch(p -> official.contains(p.memberId()));
            });
  }

  String token(Person person) {
    return platform.accessToken(person.username(), PASSWORD);
  }

  /** Publishes a small PDF for the cell (multipart, as the portal's managers do). */
  String document(Person secretary, String title) {
    String metadata =
        JSON.writeValueAsString(
            Map.of(
                "title",
                title,
                "kind",
                "STUDY_MATERIAL",
                "number",
                "05-HD/" + suffix,
                "issuingBody",
                "Đảng ủy xã Vĩnh Bình",
                "issuedOn",
                LocalDate.now().toString(),
                "visibility",
                "SUBTREE",
                "orgPath",
                cellPath));
    String boundary = "----digicell" + System.nanoTime();
    byte[] pdf = minimalPdf(title);
    StringBuilder head = new StringBuilder();
    head.append("--").append(boundary).append("\r\n");
    head.append("Content-Disposition: form-data; name=\"metadata\"\r\n");
    head.append("Content-Type: application/json\r\n\r\n").append(metadata).append("\r\n");
    head.append("--").append(boundary).append("\r\n");
    head.append("Content-Disposition: form-data; name=\"file\"; filename=\"tai-lieu.pdf\"\r\n");
    head.append("Content-Type: application/pdf\r\n\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[start.length + pdf.length + end.length];
    System.arraycopy(start, 0, body, 0, start.length);
    System.arraycopy(pdf, 0, body, start.length, pdf.length);
    System.arraycopy(end, 0, body, start.length + pdf.length, end.length);
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(E2ePlatform.gatewayUrl() + "/api/documents"))
                .header("Authorization", "Bearer " + token(secretary))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asString();
  }

  /** Schedules a hybrid meeting an hour from now with one agenda item. */
  JsonNode meeting(Person secretary, String title, List<String> documentIds) {
    return meeting(secretary, title, documentIds, "HYBRID");
  }

  /** Schedules a meeting in this mode (IN_PERSON, ONLINE, HYBRID) an hour from now. */
  JsonNode meeting(Person secretary, String title, List<String> documentIds, String mode) {
    Map<String, Object> body = new HashMap<>();
    body.put("cellId", cellId);
    body.put("kind", "REGULAR");
    body.put("mode", mode);
    body.put("title", title);
    body.put("startsAt", Instant.now().plus(Duration.ofHours(1)).toString());
    body.put("location", "Nhà văn hóa ấp " + suffix);
    body.put("onlineLink", "https://hop.digicell.vn/" + suffix);
    body.put(
        "agenda",
        List.of(Map.of("title", "Học tập chuyên đề chuyển đổi số", "documentIds", documentIds)));
    TestHttp.Response r = gateway.postJson("/api/meetings", token(secretary), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  /** An admitted member still on probation (not recognised official), with a login. */
  Person probationary(String fullName, String gender, String username, LocalDate admittedOn) {
    String admin = platform.accessToken("admin");
    LocalDate born = LocalDate.of(1990 + ThreadLocalRandom.current().nextInt(10), 7, 2);
    Map<String, Object> admission = new HashMap<>();
    admission.put("fullName", fullName);
    admission.put("gender", gender);
    admission.put("dateOfBirth", born.toString());
    admission.put("citizenId", citizenId(born, gender));
    admission.put("orgUnitId", cellId);
    admission.put("admittedOn", admittedOn.toString());
    TestHttp.Response admitted = gateway.postJson("/api/members", admin, admission);
    assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
    String memberId = admitted.json().get("id").asString();
    return new Person(memberId, fullName, username);
  }

  /**
   * Signs the meeting's minutes as {@code role} (SECRETARY or CHAIR) the way the portal does: an
   * Ed25519 key registered for the signer, the signature over the domain-separated message naming
   * the meeting, the minutes' version and the SHA-256 of their text. A password-grant token is a
   * fresh login, which signing asks for.
   */
  JsonNode signMinutes(String meetingId, Person signer, String role) {
    try {
      java.security.KeyPair pair =
          java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] x509 = pair.getPublic().getEncoded();
      byte[] raw = java.util.Arrays.copyOfRange(x509, x509.length - 32, x509.length);
      String token = token(signer);
      TestHttp.Response key =
          gateway.put(
              "/api/meetings/signing-keys/" + signer.memberId(),
              token,
              JSON.writeValueAsString(
                  Map.of("publicKey", java.util.Base64.getEncoder().encodeToString(raw))));
      assertThat(key.status()).as(key.body()).isBetween(200, 201);
      JsonNode minutes = get("/api/meetings/" + meetingId + "/minutes", signer);
      String content = minutes.get("content").asString();
      java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
      // the domain-separated message of the minutes contract (scheme digicell-signing-v2)
      String message =
          "DigiCell signature v2\nkind=minutes\nmeetingId="
              + meetingId
              + "\nversion="
              + minutes.get("version").asLong()
              + "\ncontentSha256="
              + java.util.HexFormat.of()
                  .formatHex(sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
      String keyId = java.util.HexFormat.of().formatHex(sha256.digest(raw)).substring(0, 16);
      java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
      ed.initSign(pair.getPrivate());
      ed.update(message.getBytes(StandardCharsets.UTF_8));
      String signature = java.util.Base64.getEncoder().encodeToString(ed.sign());
      TestHttp.Response signed =
          gateway.postJson(
              "/api/meetings/" + meetingId + "/minutes/signatures",
              token,
              Map.of(
                  "role",
                  role,
                  "signature",
                  signature,
                  "scheme",
                  "digicell-signing-v2",
                  "keyId",
                  keyId));
      assertThat(signed.status()).as(signed.body()).isBetween(200, 201);
      return signed.json();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode get(String path, Person person) {
    TestHttp.Response r = gateway.get(path, token(person));
    assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
    return r.json();
  }

  JsonNode post(String path, Person person, Object body) {
    TestHttp.Response r = gateway.postJson(path, token(person), body);
    assertThat(r.status()).as(path + " " + r.body()).isBetween(200, 201);
    return r.body().isBlank() ? null : r.json();
  }

  private String orgUnit(String token, String code, String name, String kind, String parent) {
    return E2eData.orgUnit(gateway, token, code, name, kind, parent);
  }

  private static String citizenId(LocalDate born, String gender) {
    int digit = ("MALE".equals(gender) ? 0 : 1) + (born.getYear() >= 2000 ? 2 : 0);
    return "089"
        + digit
        + String.format("%02d", born.getYear() % 100)
        + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
  }

  private static byte[] minimalPdf(String title) {
    String text =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\n"
            + "trailer<</Root 1 0 R>>\n%%EOF\n% "
            + title.hashCode()
            + "\n";
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HttpClient.newHttpClient()
          .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
