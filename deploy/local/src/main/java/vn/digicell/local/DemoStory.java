package vn.digicell.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's story, told through the services' own APIs as the people in it would: the commune's
 * committee publishes its resolutions and plans and the cell's secretary its reports (real
 * Vietnamese text, generated at load) into the library; the demo member reads the next meeting's
 * documents in its pack before the meeting; and the minutes of C07's last meetings are drafted by
 * the secretary and signed by chair and secretary with Ed25519 keys registered as the portal does,
 * so the archive seals them and its log, checkpoint and proofs are not empty.
 */
final class DemoStory {

  private static final Logger log = LoggerFactory.getLogger(DemoStory.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int ATTEMPTS = 6;

  /** The scheme of contract-minutes item 5: a domain-separated message, not the raw content. */
  static final String SCHEME_V2 = "digicell-signing-v2";

  /** One document of the library: who publishes it, what it is, its text. */
  record LibraryDocument(
      String key,
      String publisher,
      String title,
      String kind,
      String number,
      String issuingBody,
      LocalDate issuedOn,
      String orgPath,
      String summary,
      String filename,
      String text) {}

  /** An agenda item of the next meeting and the library documents to read for it. */
  record AgendaItem(String title, List<String> documentKeys) {}

  private final URI documentService;
  private final URI meetingService;
  private final KeycloakClient keycloak;
  private final LocalDate today;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final Map<String, Instant> expires = new LinkedHashMap<>();

  DemoStory(URI documentService, URI meetingService, KeycloakClient keycloak, LocalDate today) {
    this.documentService = documentService;
    this.meetingService = meetingService;
    this.keycloak = keycloak;
    this.today = today;
  }

  // ------------------------------------------------------------------------------ the library

  /** The commune's and the cell's documents, dated relative to {@code today}. */
  static List<LibraryDocument> documents(LocalDate today) {
    int year = today.getYear();
    String commune = DemoMeetings.COMMUNE;
    String cell = commune + "/" + DemoCommune.DEMO_CELL;
    return List.of(
        new LibraryDocument(
            "digital-plan",
            "commune",
            "Kế hoạch thực hiện chuyển đổi số trong xây dựng Đảng năm " + year,
            "PLAN",
            "45-KH/ĐU",
            "Đảng ủy xã Vĩnh Bình",
            today.minusDays(20),
            commune,
            "Mục tiêu, nhiệm vụ và lộ trình đưa sinh hoạt chi bộ, quản lý đảng viên lên nền tảng"
                + " Chi bộ số.",
            "ke-hoach-chuyen-doi-so.txt",
            """
            ĐẢNG BỘ TỈNH AN GIANG
            ĐẢNG ỦY XÃ VĨNH BÌNH
            Số 45-KH/ĐU

            KẾ HOẠCH
            thực hiện chuyển đổi số trong xây dựng Đảng năm %d

            I. MỤC ĐÍCH, YÊU CẦU
            1. Đưa toàn bộ hồ sơ đảng viên, sinh hoạt chi bộ và văn bản của Đảng ủy xã lên nền \
            tảng Chi bộ số; giảm giấy tờ, rút ngắn thời gian gửi tài liệu đến đảng viên.
            2. Mỗi đảng viên biết mở giấy mời, đọc tài liệu trước buổi sinh hoạt, điểm danh bằng \
            mã QR và biểu quyết trên điện thoại.

            II. NHIỆM VỤ
            1. Các chi bộ rà soát, cập nhật thông tin đảng viên trước ngày 30 hằng tháng.
            2. Bí thư chi bộ gửi tài liệu sinh hoạt kèm giấy mời ít nhất 3 ngày trước buổi họp.
            3. Biên bản sinh hoạt được lập trên hệ thống, ký số bởi chủ trì và thư ký, lưu trữ \
            tập trung.
            4. Đoàn Thanh niên xã hỗ trợ đảng viên lớn tuổi cài đặt và sử dụng ứng dụng.

            III. TỔ CHỨC THỰC HIỆN
            Văn phòng Đảng ủy theo dõi, tổng hợp kết quả, báo cáo Ban Thường vụ hằng quý.
            """
                .formatted(year)),
        new LibraryDocument(
            "harvest-resolution",
            "commune",
            "Nghị quyết về lãnh đạo sản xuất vụ Đông Xuân " + year + "–" + (year + 1),
            "RESOLUTION",
            "12-NQ/ĐU",
            "Đảng ủy xã Vĩnh Bình",
            today.minusDays(35),
            commune,
            "Chỉ tiêu diện tích, lịch xuống giống và nhiệm vụ của các chi bộ ấp trong vụ Đông Xuân.",
            "nghi-quyet-dong-xuan.txt",
            """
            ĐẢNG ỦY XÃ VĨNH BÌNH
            Số 12-NQ/ĐU

            NGHỊ QUYẾT
            về lãnh đạo sản xuất vụ Đông Xuân %d–%d

            Đảng ủy xã quyết nghị:
            1. Gieo sạ 4.850 ha lúa, trong đó 70%% diện tích dùng giống chất lượng cao; xuống \
            giống tập trung, né rầy theo lịch của ngành nông nghiệp.
            2. Các chi bộ ấp vận động nông dân liên kết tiêu thụ, áp dụng “1 phải 5 giảm”.
            3. Đảng viên gương mẫu đi đầu, mỗi chi bộ xây dựng ít nhất một mô hình sản xuất hiệu \
            quả để nhân rộng.
            4. Ủy ban nhân dân xã nạo vét kênh nội đồng, bảo đảm nước tưới trước ngày xuống giống.
            """
                .formatted(year, year + 1)),
        new LibraryDocument(
            "study-plan",
            "commune",
            "Kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm " + year,
            "PLAN",
            "38-KH/ĐU",
            "Đảng ủy xã Vĩnh Bình",
            today.minusDays(60),
            commune,
            "Chuyên đề năm, nội dung sinh hoạt chuyên đề hằng quý và việc đăng ký làm theo.",
            "ke-hoach-hoc-tap-lam-theo-bac.txt",
            """
            ĐẢNG ỦY XÃ VĨNH BÌNH
            Số 38-KH/ĐU

            KẾ HOẠCH
            học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm %d

            1. Mỗi quý các chi bộ sinh hoạt chuyên đề một lần, gắn với nhiệm vụ chính trị của địa \
            phương.
            2. Mỗi đảng viên đăng ký ít nhất một việc làm cụ thể và tự kiểm điểm vào cuối năm.
            3. Biểu dương gương người tốt, việc tốt trên bảng mã QR của xã.
            """
                .formatted(year)),
        new LibraryDocument(
            "platform-guide",
            "commune",
            "Hướng dẫn sinh hoạt chi bộ trên nền tảng Chi bộ số",
            "STUDY_MATERIAL",
            "03-HD/ĐU",
            "Đảng ủy xã Vĩnh Bình",
            today.minusDays(15),
            commune,
            "Từng bước: mở giấy mời, đọc tài liệu, điểm danh bằng mã QR, biểu quyết, xem biên bản.",
            "huong-dan-chi-bo-so.txt",
            """
            HƯỚNG DẪN SINH HOẠT CHI BỘ TRÊN NỀN TẢNG CHI BỘ SỐ

            Bước 1. Đăng nhập bằng tài khoản được Văn phòng Đảng ủy cấp.
            Bước 2. Mở giấy mời họp, bấm “Tài liệu họp” để đọc trước; tài liệu đã mở vẫn đọc \
            được khi mất sóng.
            Bước 3. Tại nơi họp, quét mã QR điểm danh do thư ký trình chiếu.
            Bước 4. Khi chủ trì mở biểu quyết, chọn phương án và giữ mã xác nhận phiếu.
            Bước 5. Sau buổi họp, xem biên bản đã ký và lưu trữ.
            """),
        new LibraryDocument(
            "cell-report",
            "secretary",
            "Báo cáo kết quả thực hiện nhiệm vụ tháng "
                + today.minusMonths(1).getMonthValue()
                + " của Chi bộ ấp Vĩnh Hiệp",
            "REPORT",
            "15-BC/CB",
            "Chi bộ ấp Vĩnh Hiệp",
            today.minusDays(5),
            cell,
            "Kết quả sản xuất, an sinh xã hội, công tác đảng viên trong tháng; phương hướng tháng"
                + " tới.",
            "bao-cao-thang-chi-bo.txt",
            """
            CHI BỘ ẤP VĨNH HIỆP
            Số 15-BC/CB

            BÁO CÁO
            kết quả thực hiện nhiệm vụ tháng %d

            1. Sản xuất: 100%% hộ trong ấp xuống giống đúng lịch; 12 hộ tham gia tổ hợp tác.
            2. An sinh xã hội: trao 8 phần quà cho hộ nghèo, hộ cận nghèo; sửa 1 căn nhà tình \
            thương.
            3. Công tác đảng viên: 1 đảng viên chuyển sinh hoạt đến; 2 quần chúng ưu tú được giới \
            thiệu học lớp nhận thức về Đảng.
            4. Phương hướng tháng tới: ra quân làm thủy lợi nội đồng, vận động đóng quỹ khuyến học.
            """
                .formatted(today.minusMonths(1).getMonthValue())),
        new LibraryDocument(
            "security-report",
            "secretary",
            "Báo cáo tình hình an ninh trật tự ấp Vĩnh Hiệp",
            "REPORT",
            "16-BC/CB",
            "Chi bộ ấp Vĩnh Hiệp",
            today.minusDays(4),
            cell,
            "Tình hình an ninh nông thôn, phòng chống tội phạm và kiến nghị của nhân dân.",
            "bao-cao-an-ninh-trat-tu.txt",
            """
            CHI BỘ ẤP VĨNH HIỆP
            Số 16-BC/CB

            BÁO CÁO
            tình hình an ninh trật tự

            Trong tháng, tình hình an ninh trật tự trên địa bàn ấp ổn định. Tổ tự quản tuần tra \
            24 lượt ban đêm. Nhân dân kiến nghị sửa đèn chiếu sáng trên tuyến đê bao; chi bộ đã \
            báo cáo Đảng ủy xã.
            """));
  }

  /** The next meeting's agenda: what is discussed and what is read for it beforehand. */
  static List<AgendaItem> nextAgenda(LocalDate today) {
    return List.of(
        new AgendaItem(
            "Quán triệt Kế hoạch chuyển đổi số trong xây dựng Đảng năm " + today.getYear(),
            List.of("digital-plan", "platform-guide")),
        new AgendaItem(
            "Triển khai Nghị quyết của Đảng ủy xã về sản xuất vụ Đông Xuân",
            List.of("harvest-resolution")),
        new AgendaItem(
            "Kiểm điểm công tác tháng, phương hướng tháng tới",
            List.of("cell-report", "security-report")));
  }

  /** Publishes the library; the documents' ids by key. */
  Map<String, String> library() {
    Map<String, String> ids = new LinkedHashMap<>();
    for (LibraryDocument d : documents(today)) {
      ObjectNode metadata = JSON.createObjectNode();
      metadata.put("title", d.title());
      metadata.put("kind", d.kind());
      metadata.put("number", d.number());
      metadata.put("issuingBody", d.issuingBody());
      metadata.put("issuedOn", d.issuedOn().toString());
      metadata.put("summary", d.summary());
      metadata.put("visibility", "SUBTREE");
      metadata.put("orgPath", d.orgPath());
      JsonNode created =
          upload(d.publisher(), metadata, d.filename(), d.text().getBytes(StandardCharsets.UTF_8));
      ids.put(d.key(), created.path("id").asString());
    }
    log.info("Library loaded: {} documents of the commune and of cell C07", ids.size());
    return ids;
  }

  // --------------------------------------------------------------------- reading before meeting

  /**
   * The demo member opens the next meeting's pack and reads two of its documents, as at home the
   * evening before: the pack's reading figures have a reader. Best effort.
   */
  void readBeforeMeeting(String meetingId, List<String> documentIds) {
    try {
      JsonNode pack = null;
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      while (pack == null && Instant.now().isBefore(deadline)) {
        HttpResponse<String> r =
            send("member", documentService, "/api/packs?meetingId=" + meetingId, null, null);
        if (r.statusCode() == 200) {
          pack = JSON.readTree(r.body());
        } else {
          pause(Duration.ofSeconds(2));
        }
      }
      if (pack == null) {
        log.warn("The next meeting's pack did not appear; nobody read it before the meeting");
        return;
      }
      String code = pack.path("code").asString();
      for (String id : documentIds.subList(0, Math.min(2, documentIds.size()))) {
        send(
            "member",
            documentService,
            "/api/packs/" + code + "/documents/" + id + "/content",
            null,
            null);
      }
      log.info(
          "The demo member read {} documents of the next meeting's pack {}",
          Math.min(2, documentIds.size()),
          code);
    } catch (RuntimeException e) {
      log.warn("The demo member's reading before the meeting failed: {}", e.getMessage());
    }
  }

  // ----------------------------------------------------------------------- signed, sealed minutes

  /** A signing key made for one person, registered with meeting-service as the portal does. */
  record Signer(String login, String memberId, KeyPair keys, String publicKey, String keyId) {}

  Signer signer(String login, String memberId) {
    try {
      KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] encoded = keys.getPublic().getEncoded();
      // X.509 SubjectPublicKeyInfo of Ed25519: a 12-byte header, then the 32-byte raw key
      byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
      String publicKey = Base64.getEncoder().encodeToString(raw);
      String keyId = sha256Hex(raw).substring(0, 16);
      ObjectNode body = JSON.createObjectNode().put("publicKey", publicKey);
      // a new login: a token from before the login was linked to its record carries no member id
      // (registering a key answers 403 then), and signing asks for a recent login anyway
      forget(login);
      require(
          send(login, meetingService, "/api/meetings/signing-keys/" + memberId, "PUT", body),
          "registering " + login + "'s signing key");
      return new Signer(login, memberId, keys, publicKey, keyId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no Ed25519 in this JDK", e);
    }
  }

  /**
   * The minutes of each meeting drafted by the secretary with the member as chair, then signed by
   * both; the archive seals them. Best effort: a meeting whose minutes cannot be made is logged.
   */
  int signMinutes(List<String> meetingIds, Signer secretary, Signer chair) {
    int signed = 0;
    for (String meetingId : meetingIds) {
      try {
        require(
            send(
                secretary.login(),
                meetingService,
                "/api/meetings/" + meetingId + "/minutes",
                "POST",
                JSON.createObjectNode().put("chairMemberId", chair.memberId())),
            "drafting the minutes of " + meetingId);
        sign(meetingId, secretary, "SECRETARY");
        JsonNode done = sign(meetingId, chair, "CHAIR");
        log.info(
            "Minutes of {} signed by chair and secretary: {}",
            meetingId,
            done.path("status").asString());
        signed++;
      } catch (RuntimeException e) {
        log.warn("The minutes of {} were not signed: {}", meetingId, e.getMessage());
      }
    }
    return signed;
  }

  /**
   * Signs the current draft: the domain-separated message of contract-minutes item 5 when the
   * minutes carry their version; the raw content (scheme raw-content-v1) when they do not, or when
   * this meeting-service still verifies only that.
   */
  private JsonNode sign(String meetingId, Signer signer, String role) {
    JsonNode minutes =
        JSON.readTree(
            require(
                send(
                    signer.login(),
                    meetingService,
                    "/api/meetings/" + meetingId + "/minutes",
                    null,
                    null),
                "reading the minutes of " + meetingId));
    String content = minutes.path("content").asString();
    String path = "/api/meetings/" + meetingId + "/minutes/signatures";
    if (minutes.hasNonNull("version")) {
      String message = messageV2("minutes", meetingId, minutes.path("version").asLong(), content);
      ObjectNode v2 = signatureBody(signer, role, message, SCHEME_V2);
      HttpResponse<String> r = send(signer.login(), meetingService, path, "POST", v2);
      if (r.statusCode() == 200 || r.statusCode() == 201) {
        return JSON.readTree(r.body());
      }
      log.info(
          "meeting-service did not take a {} signature ({}); signing the content",
          SCHEME_V2,
          r.statusCode());
    }
    ObjectNode v1 = signatureBody(signer, role, content, null);
    return JSON.readTree(
        require(send(signer.login(), meetingService, path, "POST", v1), role + " signature"));
  }

  private ObjectNode signatureBody(Signer signer, String role, String message, String scheme) {
    try {
      Signature ed = Signature.getInstance("Ed25519");
      ed.initSign(signer.keys().getPrivate());
      ed.update(message.getBytes(StandardCharsets.UTF_8));
      ObjectNode body = JSON.createObjectNode();
      body.put("role", role);
      body.put("signature", Base64.getEncoder().encodeToString(ed.sign()));
      if (scheme != null) {
        body.put("scheme", scheme);
        body.put("keyId", signer.keyId());
      }
      return body;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /** contract-minutes item 5: UTF-8, \n line ends, no trailing newline. */
  static String messageV2(String kind, String meetingId, long version, String content) {
    return "DigiCell signature v2\n"
        + "kind="
        + kind
        + "\nmeetingId="
        + meetingId
        + "\nversion="
        + version
        + "\ncontentSha256="
        + sha256Hex(content.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------------------------- HTTP

  private JsonNode upload(String login, JsonNode metadata, String filename, byte[] content) {
    String boundary = "----digicell-demo-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + JSON.writeValueAsString(metadata)
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename
                + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> r =
          exchange(
              login,
              HttpRequest.newBuilder(URI.create(documentService + "/api/documents"))
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
      if (r != null && (r.statusCode() == 200 || r.statusCode() == 201)) {
        return JSON.readTree(r.body());
      }
      if (r != null && r.statusCode() >= 400 && r.statusCode() < 500 && r.statusCode() != 429) {
        throw new DemoLoader.DemoLoadException(
            "document-service rejected the document %s: HTTP %d %s"
                .formatted(filename, r.statusCode(), r.body()));
      }
      if (attempt >= ATTEMPTS) {
        throw new DemoLoader.DemoLoadException(
            "document-service kept failing on the document " + filename);
      }
      pause(Duration.ofMillis(250L << attempt));
    }
  }

  /** GET (no body) or a JSON request, retried while the service answers 5xx or not at all. */
  private HttpResponse<String> send(
      String login, URI service, String path, String method, JsonNode body) {
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service + path));
      if (body == null) {
        b.GET();
      } else {
        b.header("Content-Type", "application/json")
            .method(
                method,
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(body), StandardCharsets.UTF_8));
      }
      HttpResponse<String> r = exchange(login, b);
      if (r != null && r.statusCode() < 500) {
        return r;
      }
      if (attempt >= ATTEMPTS) {
        throw new DemoLoader.DemoLoadException(
            "%s kept failing on %s: %s"
                .formatted(service, path, r == null ? "no answer" : r.statusCode() + r.body()));
      }
      pause(Duration.ofMillis(250L << attempt));
    }
  }

  private HttpResponse<String> exchange(String login, HttpRequest.Builder builder) {
    try {
      return http.send(
          builder
              .setHeader("Authorization", "Bearer " + token(login))
              .setHeader("Accept", "application/json")
              .setHeader("Accept-Language", "vi")
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoLoader.DemoLoadException("interrupted", e);
    }
  }

  private static String require(HttpResponse<String> r, String what) {
    if (r.statusCode() != 200 && r.statusCode() != 201 && r.statusCode() != 204) {
      throw new DemoLoader.DemoLoadException(
          "%s: HTTP %d %s".formatted(what, r.statusCode(), r.body()));
    }
    return r.body() == null || r.body().isBlank() ? "{}" : r.body();
  }

  /** A fresh token per login (signing asks for a recent login; the load takes minutes). */
  private synchronized String token(String login) {
    Instant until = expires.get(login);
    if (until == null || Instant.now().isAfter(until.minusSeconds(30))) {
      JsonNode response =
          keycloak.token(KeycloakClient.REALM, KeycloakClient.CLI_CLIENT, login, "demo");
      tokens.put(login, response.path("access_token").asString());
      expires.put(
          login, Instant.now().plusSeconds(Math.min(240, response.path("expires_in").asLong(60))));
    }
    return tokens.get(login);
  }

  private synchronized void forget(String login) {
    tokens.remove(login);
    expires.remove(login);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoLoader.DemoLoadException("interrupted", e);
    }
  }

  /** Ids of the given keys, in the agenda's order. */
  static List<String> ids(Map<String, String> library, List<String> keys) {
    List<String> ids = new ArrayList<>();
    keys.forEach(k -> ids.add(library.get(k)));
    return ids;
  }
}
