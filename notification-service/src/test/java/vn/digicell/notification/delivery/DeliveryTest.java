package vn.digicell.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.notification.TestEvents;
import vn.digicell.notification.notice.NoticeIssuer;
import vn.digicell.notification.notice.NoticeRequest;
import vn.digicell.notification.recipient.Roster;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * Channels end to end: a real SMTP server (GreenMail) and a real local HTTP server standing in for
 * the SMS and Zalo providers; outages retried with back-off until delivered, refusals failed with
 * their reason, receipts, quiet hours, the daily digest and the claim that keeps two dispatchers
 * from sending the same delivery.
 */
@DigiCellIntegrationTest
class DeliveryTest {

  static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  static final ProviderStandIn PROVIDER = new ProviderStandIn();
  static final String SECRET = "receipt-secret-for-tests";

  static {
    SMTP.start();
  }

  @DynamicPropertySource
  static void channels(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("digicell.notification.sms.base-url", () -> PROVIDER.baseUrl() + "/sms");
    registry.add("digicell.notification.sms.api-key", () -> "sms-key");
    registry.add("digicell.notification.zalo.base-url", () -> PROVIDER.baseUrl() + "/zalo");
    registry.add("digicell.notification.zalo.access-token", () -> "zalo-token");
    registry.add("digicell.notification.receipt-secret", () -> SECRET);
    registry.add("digicell.notification.dispatch.interval", () -> "PT0.2S");
    registry.add("digicell.notification.dispatch.initial-backoff", () -> "PT0.3S");
    registry.add("digicell.notification.dispatch.max-backoff", () -> "PT1S");
    registry.add("digicell.notification.dispatch.max-attempts", () -> "4");
    registry.add("digicell.notification.digest.interval", () -> "PT1H");
  }

  @LocalServerPort int port;
  @Autowired NoticeIssuer issuer;
  @Autowired Roster roster;
  @Autowired Contacts contacts;
  @Autowired Dispatcher dispatcher;
  @Autowired DigestJob digest;
  @Autowired MongoTemplate mongo;
  @Autowired EventPublisher publisher;

  final HttpClient client = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();
  TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp("http://localhost:" + port);
  }

  private String member(String name, String email, String phone, String zalo, String language) {
    String id = UUID.randomUUID().toString();
    roster.admitted(id, name, "/AG/VB/C07", "cell-7", "OFFICIAL");
    roster.language(id, language);
    contacts.changed(id, email, phone, zalo);
    return id;
  }

  private String token(String memberId) {
    return TestTokens.forUser("u-" + memberId)
        .roles("member")
        .orgScope("/AG/VB/C07")
        .memberId(memberId)
        .sign();
  }

  private HttpResponse<String> put(String path, String token, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> receipt(String channel, String secret, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:" + port + "/api/notifications/delivery-receipts/" + channel))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      b.header("X-Receipt-Secret", secret);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String recipients(MimeMessage m) {
    try {
      return GreenMailUtil.getAddressList(m.getAllRecipients());
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The body of the first part of this type in a {@code multipart/alternative} e-mail. */
  private static String part(MimeMessage mail, String type) {
    try {
      assertThat(mail.getContentType()).startsWith("multipart/alternative");
      MimeMultipart parts = (MimeMultipart) mail.getContent();
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart part = parts.getBodyPart(i);
        if (part.isMimeType(type)) {
          return part.getContent().toString();
        }
      }
      throw new AssertionError("no " + type + " part in " + mail.getContentType());
    } catch (jakarta.mail.MessagingException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String issue(String memberId, String kind) {
    NoticeRequest request =
        new NoticeRequest(
            memberId,
            kind,
            "meeting.scheduled",
            Map.of("title", "Họp chi bộ", "when", "19:30 05/12/2026", "place", "Hội trường"),
            UUID.randomUUID().toString(),
            "/meetings/m-1",
            "/AG/VB/C07");
    issuer.issue(List.of(request));
    return request.noticeId();
  }

  private JsonNode deliveries(String noticeId, String token) {
    TestHttp.Response r = http.get("/api/notifications/" + noticeId + "/deliveries", token);
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  private JsonNode channel(String noticeId, String token, String channel) {
    for (JsonNode d : deliveries(noticeId, token)) {
      if (d.get("channel").asString().equals(channel)) {
        return d;
      }
    }
    return null;
  }

  private JsonNode awaitStatus(String noticeId, String token, String channel, String status) {
    JsonNode[] seen = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              seen[0] = channel(noticeId, token, channel);
              return seen[0] != null && seen[0].get("status").asString().equals(status);
            });
    return seen[0];
  }

  @Test
  void anEmailGoesOverSmtpInTheRecipientsLanguage() throws Exception {
    String vi =
        member("Nguyễn Văn An", "an-" + UUID.randomUUID() + "@example.vn", null, null, "vi");
    String email = mongo.findById(vi, Contact.class).email();
    String noticeId = issue(vi, "MEETING");
    JsonNode sent = awaitStatus(noticeId, token(vi), "EMAIL", "SENT");
    assertThat(sent.get("attempts").asInt()).isEqualTo(1);
    MimeMessage mail =
        Arrays.stream(SMTP.getReceivedMessages())
            .filter(m -> recipients(m).contains(email))
            .findFirst()
            .orElseThrow();
    assertThat(mail.getSubject()).isEqualTo("Lịch sinh hoạt: Họp chi bộ");
    assertThat(part(mail, "text/plain")).contains("Hội trường").contains("/meetings/m-1");
    assertThat(GreenMailUtil.getBody(mail)).isNotBlank();
    assertThat(deliveries(noticeId, token(vi)).get(0).get("channel").asString()).isEqualTo("INBOX");
    // nobody else sees the deliveries; an it-admin does
    assertThat(
            http.get(
                    "/api/notifications/" + noticeId + "/deliveries",
                    token(UUID.randomUUID().toString()))
                .status())
        .isEqualTo(404);
    String admin = TestTokens.forUser("it").roles("it-admin").orgScope("/AG").sign();
    assertThat(http.get("/api/notifications/" + noticeId + "/deliveries", admin).status())
        .isEqualTo(200);
  }

  @Test
  void anSmsProviderOutageIsRetriedWithBackOffUntilDeliveredThenTheReceiptFlipsIt()
      throws Exception {
    String phone = "09" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
    String id = member("Trần Thị Bình", null, phone, null, "vi");
    assertThat(
            put(
                    "/api/notifications/preferences",
                    token(id),
                    "{\"channels\":{\"MEETING\":[\"SMS\"]}}")
                .statusCode())
        .isEqualTo(200);
    AtomicInteger outage = new AtomicInteger(2);
    PROVIDER.scripts.put(
        phone,
        call ->
            outage.getAndDecrement() > 0
                ? new ProviderStandIn.Answer(503, "{\"error\":\"maintenance\"}")
                : new ProviderStandIn.Answer(200, "{\"messageId\":\"sms-" + phone + "\"}"));
    String noticeId = issue(id, "MEETING");

    JsonNode sent = awaitStatus(noticeId, token(id), "SMS", "SENT");
    assertThat(sent.get("attempts").asInt()).isEqualTo(3);
    List<ProviderStandIn.Call> calls = PROVIDER.callsTo("/sms/v1/messages", phone);
    assertThat(calls).hasSize(3);
    JsonNode payload = json.readTree(calls.get(2).body());
    assertThat(payload.get("brandname").asString()).isEqualTo("DIGICELL");
    assertThat(payload.get("text").asString()).contains("Hop chi bo").contains("Họp chi bộ");
    assertThat(payload.get("requestId").asString()).isEqualTo(noticeId + ":SMS");
    assertThat(calls.get(0).headers().get("Authorization")).containsExactly("Bearer sms-key");

    String body = "{\"messageId\":\"sms-" + phone + "\",\"status\":\"DELIVERED\"}";
    assertThat(receipt("sms", "wrong", body).statusCode()).isEqualTo(401);
    assertThat(receipt("sms", null, body).statusCode()).isEqualTo(401);
    assertThat(channel(noticeId, token(id), "SMS").get("status").asString()).isEqualTo("SENT");
    assertThat(
            receipt("sms", SECRET, "{\"messageId\":\"nope\",\"status\":\"DELIVERED\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(receipt("sms", SECRET, "{\"messageId\":\"x\",\"status\":\"MAYBE\"}").statusCode())
        .isEqualTo(400);
    assertThat(receipt("sms", SECRET, body).statusCode()).isEqualTo(204);
    assertThat(channel(noticeId, token(id), "SMS").get("status").asString()).isEqualTo("DELIVERED");

    String metrics = http.get("/actuator/prometheus", null).body();
    List<String> delivered =
        metrics
            .lines()
            .filter(l -> l.startsWith("digicell_notifications_delivered_total{"))
            .toList();
    assertThat(delivered)
        .anyMatch(l -> l.contains("channel=\"sms\",outcome=\"retried\""))
        .anyMatch(l -> l.contains("channel=\"sms\",outcome=\"delivered\""))
        .anyMatch(l -> l.contains("channel=\"sms\",outcome=\"sent\""));
  }

  @Test
  void aRefusalIsAFailureWithItsReasonAndAnOutageLongerThanTheLimitGivesUp() throws Exception {
    String phone = "08" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
    String zalo = "zalo-" + UUID.randomUUID();
    String id = member("Lê Văn Cường", null, phone, zalo, "en");
    put(
        "/api/notifications/preferences",
        token(id),
        "{\"channels\":{\"ALERT\":[\"SMS\",\"ZALO\"]}}");
    PROVIDER.scripts.put(
        phone, call -> new ProviderStandIn.Answer(400, "{\"error\":\"invalid phone number\"}"));
    PROVIDER.scripts.put(zalo, call -> new ProviderStandIn.Answer(503, "down"));
    String noticeId = issue(id, "ALERT");

    JsonNode sms = awaitStatus(noticeId, token(id), "SMS", "FAILED");
    assertThat(sms.get("reason").asString()).contains("400").contains("invalid phone number");
    assertThat(sms.get("attempts").asInt()).isEqualTo(1);
    JsonNode z = awaitStatus(noticeId, token(id), "ZALO", "FAILED");
    assertThat(z.get("attempts").asInt()).isEqualTo(4);
    assertThat(z.get("reason").asString()).contains("gave up after 4 attempts").contains("503");
  }

  @Test
  void zaloSendsWithTheAccessTokenAndTheOaMessageShape() throws Exception {
    String zalo = "zalo-" + UUID.randomUUID();
    String id = member("Phạm Thị Dung", null, null, zalo, "en");
    put("/api/notifications/preferences", token(id), "{\"channels\":{\"*\":[\"ZALO\"]}}");
    String noticeId = issue(id, "DOCUMENT");
    awaitStatus(noticeId, token(id), "ZALO", "SENT");
    ProviderStandIn.Call call = PROVIDER.callsTo("/zalo/v3.0/oa/message/cs", zalo).get(0);
    assertThat(call.headers().get("Access_token")).containsExactly("zalo-token");
    JsonNode body = json.readTree(call.body());
    assertThat(body.get("recipient").get("user_id").asString()).isEqualTo(zalo);
    // the whole notice with its marks and link, not the SMS's short form
    assertThat(body.get("message").get("text").asString())
        .startsWith("Cell meeting: Họp chi bộ\n")
        .contains("Hội trường")
        .endsWith("http://localhost:8080/meetings/m-1")
        .doesNotContain("DigiCell: cell meeting");

    String refused = "zalo-" + UUID.randomUUID();
    String other = member("Võ Văn Em", null, null, refused, "vi");
    put("/api/notifications/preferences", token(other), "{\"channels\":{\"*\":[\"ZALO\"]}}");
    PROVIDER.scripts.put(
        refused,
        c ->
            new ProviderStandIn.Answer(
                200, "{\"error\":-213,\"message\":\"User has not followed OA\"}"));
    String refusedNotice = issue(other, "DOCUMENT");
    JsonNode failed = awaitStatus(refusedNotice, token(other), "ZALO", "FAILED");
    assertThat(failed.get("reason").asString()).contains("-213").contains("not followed");
  }

  @Test
  void quietHoursHoldSmsUntilTheirEndWhileEmailAndInboxGoNow() throws Exception {
    String phone = "07" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
    String id =
        member("Đặng Thị Gấm", "gam-" + UUID.randomUUID() + "@example.vn", phone, null, "vi");
    LocalTime now = LocalTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).withSecond(0).withNano(0);
    String quiet = "{\"from\":\"%s\",\"to\":\"%s\"}".formatted(now.minusHours(1), now.plusHours(2));
    HttpResponse<String> saved =
        put(
            "/api/notifications/preferences",
            token(id),
            "{\"channels\":{\"MEETING\":[\"SMS\",\"EMAIL\"]},\"quietHours\":" + quiet + "}");
    assertThat(saved.statusCode()).isEqualTo(200);
    String noticeId = issue(id, "MEETING");
    awaitStatus(noticeId, token(id), "EMAIL", "SENT");
    JsonNode sms = channel(noticeId, token(id), "SMS");
    assertThat(sms.get("status").asString()).isEqualTo("QUEUED");
    Instant due = Instant.parse(sms.get("nextAttemptAt").asString());
    assertThat(due).isAfter(Instant.now().plus(Duration.ofMinutes(100)));
    assertThat(PROVIDER.callsTo("/sms/v1/messages", phone)).isEmpty();
  }

  @Test
  void theDailyDigestGroupsTheDayIntoOneEmail() throws Exception {
    String address = "digest-" + UUID.randomUUID() + "@example.vn";
    String id = member("Hoàng Văn Hải", address, null, null, "vi");
    assertThat(
            put("/api/notifications/preferences", token(id), "{\"digest\":\"DAILY\"}").statusCode())
        .isEqualTo(200);
    String first = issue(id, "MEETING");
    String second = issue(id, "DOCUMENT");
    JsonNode held = channel(first, token(id), "EMAIL");
    assertThat(held.get("status").asString()).isEqualTo("QUEUED");
    assertThat(Instant.parse(held.get("nextAttemptAt").asString())).isAfter(Instant.now());
    // the digest hour comes
    mongo.updateMulti(
        Query.query(Criteria.where("memberId").is(id)),
        new Update().set("nextAttemptAt", Instant.now().minusSeconds(1)),
        Delivery.class);
    assertThat(digest.sendDue()).isGreaterThanOrEqualTo(1);
    assertThat(channel(first, token(id), "EMAIL").get("status").asString()).isEqualTo("SENT");
    assertThat(channel(second, token(id), "EMAIL").get("status").asString()).isEqualTo("SENT");
    List<MimeMessage> mails =
        Arrays.stream(SMTP.getReceivedMessages())
            .filter(m -> recipients(m).contains(address))
            .toList();
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getSubject()).startsWith("DigiCell: 2 thông báo");
    assertThat(part(mails.get(0), "text/plain")).contains("Lịch sinh hoạt: Họp chi bộ");
    assertThat(part(mails.get(0), "text/html"))
        .contains("<h3>Lịch sinh hoạt: Họp chi bộ</h3>")
        .contains("Đồng chí nhận thư này");
  }

  @Test
  void twoDispatchersNeverSendTheSameDeliveryTwice() throws Exception {
    List<String> phones = new ArrayList<>();
    List<NoticeRequest> requests = new ArrayList<>();
    String cause = UUID.randomUUID().toString();
    for (int i = 0; i < 40; i++) {
      String phone = "03" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
      String id = member("Đảng viên " + i, null, phone, null, "vi");
      mongo.save(
          new vn.digicell.notification.preference.Preferences(
              id,
              Map.of("*", java.util.Set.of(vn.digicell.notification.preference.Channel.SMS)),
              null,
              vn.digicell.notification.preference.Preferences.Digest.NONE,
              null,
              Instant.now()));
      phones.add(phone);
      requests.add(
          new NoticeRequest(
              id, "BROADCAST", "meeting.day-of", Map.of("title", "T"), cause, null, "/AG"));
    }
    issuer.issue(requests);
    // the scheduled dispatcher and two more claim at once
    CompletableFuture<Integer> one = CompletableFuture.supplyAsync(dispatcher::dispatchBatch);
    CompletableFuture<Integer> two = CompletableFuture.supplyAsync(dispatcher::dispatchBatch);
    one.get();
    two.get();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo.count(
                        Query.query(
                            Criteria.where("memberId")
                                .in(
                                    requests.stream()
                                        .map(NoticeRequest::recipientMemberId)
                                        .toList())
                                .and("status")
                                .is(Delivery.Status.SENT)),
                        Delivery.class)
                    == 40);
    for (String phone : phones) {
      assertThat(PROVIDER.callsTo("/sms/v1/messages", phone)).as(phone).hasSize(1);
    }
    // issuing the same again queues nothing new and sends nothing more
    issuer.issue(requests);
    dispatcher.dispatchBatch();
    assertThat(phones.stream().mapToInt(p -> PROVIDER.callsTo("/sms/v1/messages", p).size()).sum())
        .isEqualTo(40);
  }

  @Test
  void anEmailIsPlainTextAndEscapedHtmlWithTheLinkAndAFooterInTheRecipientsLanguage()
      throws Exception {
    String address = "html-" + UUID.randomUUID() + "@example.vn";
    String id = member("Nguyễn <b>Văn</b> Tâm", address, null, null, "en");
    NoticeRequest request =
        new NoticeRequest(
            id,
            "MEETING",
            "meeting.scheduled",
            Map.of(
                "title",
                "<script>alert(1)</script> Thu & chi \"quý\" 4",
                "when",
                "19:30 05/12/2026",
                "place",
                "Hội trường <ấp 7>"),
            UUID.randomUUID().toString(),
            "/meetings/m-<2>",
            "/AG/VB/C07");
    issuer.issue(List.of(request));
    awaitStatus(request.noticeId(), token(id), "EMAIL", "SENT");
    MimeMessage mail =
        Arrays.stream(SMTP.getReceivedMessages())
            .filter(m -> recipients(m).contains(address))
            .findFirst()
            .orElseThrow();
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();

    String text = part(mail, "text/plain");
    assertThat(text)
        .contains("<script>alert(1)</script> Thu & chi \"quý\" 4")
        .contains("Hội trường <ấp 7>")
        .contains("http://localhost:8080/meetings/m-<2>")
        .contains("You receive this e-mail because")
        .contains("http://localhost:8080/#/profile");

    String html = part(mail, "text/html");
    assertThat(html)
        .contains(
            "<h2>Cell meeting: &lt;script&gt;alert(1)&lt;/script&gt; Thu &amp; chi &quot;quý&quot;"
                + " 4</h2>")
        .contains("Hội trường &lt;ấp 7&gt;")
        .contains("<a href=\"http://localhost:8080/meetings/m-&lt;2&gt;\">Open in DigiCell</a>")
        .contains("You receive this e-mail because you are a party member")
        .contains("<a href=\"http://localhost:8080/#/profile\">")
        .doesNotContain("<script>")
        .doesNotContain("<ấp 7>");
    assertThat(mail.getSubject())
        .isEqualTo("Cell meeting: <script>alert(1)</script> Thu & chi \"quý\" 4");

    // a Vietnamese reader gets the Vietnamese footer
    String viAddress = "html-vi-" + UUID.randomUUID() + "@example.vn";
    String vi = member("Lê Thị Hạnh", viAddress, null, null, "vi");
    String viNotice = issue(vi, "MEETING");
    awaitStatus(viNotice, token(vi), "EMAIL", "SENT");
    MimeMessage viMail =
        Arrays.stream(SMTP.getReceivedMessages())
            .filter(m -> recipients(m).contains(viAddress))
            .findFirst()
            .orElseThrow();
    assertThat(part(viMail, "text/html"))
        .contains("<html lang=\"vi\">")
        .contains("Xem trên Chi bộ số")
        .contains("Đồng chí nhận thư này vì là đảng viên trên Chi bộ số");
  }

  @Test
  void aZaloIdFromTheContactsTopicAndAChosenKindReachTheZaloOaApi() throws Exception {
    int n = java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 999_999);
    String cell = "/ZL/X" + n + "/C01";
    String cellId = "cell-zl-" + n;
    String id = UUID.randomUUID().toString();
    String zaloId = "84" + n + "0" + n; // numeric, as Zalo's OA user ids are
    publisher.publish(
        TestEvents.event(
            "vn.digicell.member.admitted.v1",
            "member.events",
            id,
            1,
            cell,
            TestEvents.admitted(id, "Trịnh Văn Zô", cellId, cell)));
    publisher.publish(
        TestEvents.event(
            "vn.digicell.member.contact-changed.v1",
            "member.contacts",
            id,
            1,
            cell,
            """
            {"memberId":"%s","fullName":"Trịnh Văn Zô","email":null,"phone":null,\
            "preferredLanguage":"vi","zaloId":"%s"}"""
                .formatted(id, zaloId)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Contact c = mongo.findById(id, Contact.class);
              return c != null
                  && zaloId.equals(c.zaloId())
                  && mongo.count(
                          Query.query(Criteria.where("_id").is(id).and("cellId").is(cellId)),
                          "roster")
                      == 1;
            });
    assertThat(
            put(
                    "/api/notifications/preferences",
                    token(id),
                    "{\"channels\":{\"MEETING\":[\"ZALO\"]}}")
                .statusCode())
        .isEqualTo(200);
    String meetingId = UUID.randomUUID().toString();
    publisher.publish(
        TestEvents.event(
            "vn.digicell.meeting.scheduled.v1",
            "meeting.events",
            meetingId,
            1,
            cell,
            """
            {"meetingId":"%s","cellId":"%s","orgPath":"%s","kind":"REGULAR","mode":"IN_PERSON",\
            "title":"Sinh hoạt chi bộ tháng Giêng","startsAt":"2027-01-05T12:30:00Z",\
            "location":"Nhà văn hóa","onlineLink":null,"agenda":[]}"""
                .formatted(meetingId, cellId, cell)));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !PROVIDER.callsTo("/zalo/v3.0/oa/message/cs", zaloId).isEmpty());
    List<ProviderStandIn.Call> calls = PROVIDER.callsTo("/zalo/v3.0/oa/message/cs", zaloId);
    assertThat(calls).hasSize(1);
    JsonNode body = json.readTree(calls.get(0).body());
    assertThat(body.get("recipient").get("user_id").asString()).isEqualTo(zaloId);
    assertThat(body.get("message").get("text").asString()).contains("Sinh hoạt chi bộ tháng Giêng");
    assertThat(calls.get(0).headers().get("Access_token")).containsExactly("zalo-token");
    // only the meeting notice went to Zalo: the welcome kept to its default channels
    String noticeId =
        vn.digicell.notification.notice.Notice.idFor(
            mongo
                .findOne(
                    Query.query(
                        Criteria.where("recipientMemberId").is(id).and("kind").is("MEETING")),
                    org.bson.Document.class,
                    "notices")
                .getString("causeEventId"),
            id);
    JsonNode zalo = awaitStatus(noticeId, token(id), "ZALO", "SENT");
    assertThat(zalo.get("attempts").asInt()).isEqualTo(1);
    assertThat(channel(noticeId, token(id), "EMAIL")).isNull();
  }
}
