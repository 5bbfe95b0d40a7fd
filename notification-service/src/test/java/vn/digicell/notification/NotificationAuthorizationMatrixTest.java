package vn.digicell.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.digicell.platform.test.AuthorizationMatrix.Where.ATTACHED;
import static vn.digicell.platform.test.AuthorizationMatrix.Where.FOREIGN;
import static vn.digicell.platform.test.AuthorizationMatrix.Where.OWN;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import vn.digicell.notification.notice.Notice;
import vn.digicell.notification.recipient.Roster;
import vn.digicell.platform.test.AuthorizationMatrix;
import vn.digicell.platform.test.AuthorizationMatrix.Persona;
import vn.digicell.platform.test.AuthorizationMatrix.Rule;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * Every endpoint of notification-service, called as every role on the resource's own unit, on a
 * foreign commune, on a foreign commune while attached ({@code member}) to the own unit, and with
 * no grant: the answer must be the declared one. The endpoints come from the handler mappings, so a
 * new endpoint without a rule fails here.
 *
 * <p>Fixtures: the own commune {@code /NM/VB} with cell C07, the foreign commune {@code /NM/VX}
 * with cell C01. The own personas carry the member id of a C07 member, the foreign and attached
 * ones that of a C01 member. Feedback of another C07 member (routed to /NM/VB, with a photo),
 * feedback of the own member (whose notices and attachment rights follow), and a broadcast to
 * /NM/VB.
 */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationAuthorizationMatrixTest {

  static final String OWN_PATH = "/NM/VB";
  static final String OWN_CELL = "/NM/VB/C07";
  static final String FOREIGN_PATH = "/NM/VX";
  static final String FOREIGN_CELL = "/NM/VX/C01";
  static final Set<String> HANDLERS = Set.of("committee", "org-admin");
  static final String DEAD_LETTER_TOPIC = "member.events.notification-service.dlt";

  static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired MongoTemplate mongo;
  @Autowired Roster roster;

  TestHttp http;
  String ownMember;
  String foreignMember;
  String othersFeedback;
  String othersPhoto;
  String ownFeedback;
  String ownNotice;
  String broadcast;

  @BeforeAll
  void fixtures() {
    http = new TestHttp("http://localhost:" + port);
    ownMember = member(OWN_CELL, "Nguyễn Văn Mình");
    foreignMember = member(FOREIGN_CELL, "Trần Thị Khách");
    String author = member(OWN_CELL, "Lê Thị Góp Ý");
    String authorToken = memberToken(author);
    othersFeedback = submit(authorToken);
    HttpResponse<byte[]> photo = upload(othersFeedback, authorToken);
    assertThat(photo.statusCode()).isEqualTo(201);
    othersPhoto =
        http.get("/api/feedback/" + othersFeedback, authorToken)
            .json()
            .get("attachments")
            .get(0)
            .get("fileId")
            .asString();
    ownFeedback = submit(memberToken(ownMember));
    ownNotice =
        mongo
            .findOne(Query.query(Criteria.where("recipientMemberId").is(ownMember)), Notice.class)
            .id();
    String committee = TestTokens.forUser("committee-vb").grant("committee", OWN_PATH).sign();
    TestHttp.Response sent =
        http.postJson(
            "/api/broadcasts",
            committee,
            Map.of(
                "kind", "TASK",
                "title", "Báo cáo quý",
                "body", "Gửi báo cáo quý trước ngày 20.",
                "targets", List.of(OWN_PATH),
                "dueOn", java.time.LocalDate.now().plusDays(10).toString()));
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    broadcast = sent.json().get("id").asString();
    String ownMemberToken = memberToken(ownMember);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                http.get("/api/broadcasts/received/" + broadcast, ownMemberToken).status() == 200);
  }

  @Test
  void everyEndpointAnswersEveryPersonaAsDeclared() {
    List<Persona> personas =
        AuthorizationMatrix.personas(
            OWN_PATH,
            FOREIGN_PATH,
            Map.of(OWN, ownMember, FOREIGN, foreignMember, ATTACHED, foreignMember));
    List<Rule> rules = new ArrayList<>();
    Predicate<Persona> anyone = p -> true;
    Predicate<Persona> handler = own(HANDLERS);
    Predicate<Persona> ownMemberOnly = p -> p.where() == OWN;

    // feedback
    rules.add(
        Rule.of(
            "POST /api/feedback",
            t ->
                http.postJson(
                    "/api/feedback",
                    t,
                    Map.of(
                        "category", "OTHER",
                        "text", "Chi bộ đề nghị sửa đèn đường.",
                        "location", "Ấp 3",
                        "cellPath", OWN_CELL)),
            own(Set.of("cell-secretary"))));
    rules.add(Rule.of("GET /api/feedback", t -> http.get("/api/feedback?box=inbox", t), anyone));
    rules.add(
        Rule.of(
            "GET /api/feedback/statistics",
            t -> http.get("/api/feedback/statistics?under=" + OWN_PATH, t),
            own(Set.of("committee", "org-admin", "analyst"))));
    rules.add(
        Rule.of(
                "GET /api/feedback/{id}",
                t -> http.get("/api/feedback/" + othersFeedback, t),
                handler)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "POST /api/feedback/{id}/assign",
                t ->
                    http.postJson(
                        "/api/feedback/" + othersFeedback + "/assign",
                        t,
                        Map.of("assigneeName", "Đồng chí Phó Bí thư")),
                handler)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "POST /api/feedback/{id}/start",
                t -> http.post("/api/feedback/" + othersFeedback + "/start", t, "{}"),
                handler)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "POST /api/feedback/{id}/responses",
                t ->
                    http.postJson(
                        "/api/feedback/" + othersFeedback + "/responses",
                        t,
                        Map.of("text", "Đã chuyển xã.")),
                handler)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "POST /api/feedback/{id}/resolve",
                t ->
                    http.postJson(
                        "/api/feedback/" + ownFeedback + "/resolve",
                        t,
                        Map.of("response", "Đã sửa.")),
                handler)
            // the own personas submitted it: they see it, but only the committee handles it
            .deniedWith(404));
    rules.add(
        Rule.of(
                "POST /api/feedback/{id}/decline",
                t ->
                    http.postJson(
                        "/api/feedback/" + othersFeedback + "/decline",
                        t,
                        Map.of("response", "Không thuộc thẩm quyền.")),
                handler)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "POST /api/feedback/{id}/attachment",
                t -> response(upload(ownFeedback, t)),
                ownMemberOnly)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "GET /api/feedback/{id}/attachments/{fileId}",
                t ->
                    response(
                        get("/api/feedback/" + othersFeedback + "/attachments/" + othersPhoto, t)),
                handler)
            .deniedWith(404));

    // inbox and preferences: the caller's own
    rules.add(Rule.of("GET /api/notifications", t -> http.get("/api/notifications", t), anyone));
    rules.add(
        Rule.of(
                "POST /api/notifications/{id}/read",
                t -> http.post("/api/notifications/" + ownNotice + "/read", t, "{}"),
                ownMemberOnly)
            .deniedWith(404));
    rules.add(
        Rule.of(
            "GET /api/notifications/unread-count",
            t -> http.get("/api/notifications/unread-count", t),
            anyone));
    rules.add(
        Rule.of(
            "POST /api/notifications/read-all",
            t -> http.post("/api/notifications/read-all", t, "{}"),
            anyone));
    rules.add(Rule.of("GET /api/notifications/stream", this::openStream, anyone));
    rules.add(
        Rule.of(
                "GET /api/notifications/{id}/deliveries",
                t -> http.get("/api/notifications/" + ownNotice + "/deliveries", t),
                ownMemberOnly.or(own(Set.of("it-admin"))))
            .deniedWith(404));
    rules.add(
        Rule.of(
            "GET /api/notifications/preferences",
            t -> http.get("/api/notifications/preferences", t),
            anyone));
    rules.add(
        Rule.of(
            "PUT /api/notifications/preferences",
            t -> http.put("/api/notifications/preferences", t, "{\"language\":\"vi\"}"),
            anyone));
    // a user token never authorises a provider's receipt: only the shared secret does
    rules.add(
        new Rule(
            "POST /api/notifications/delivery-receipts/{channel}",
            t ->
                http.postJson(
                    "/api/notifications/delivery-receipts/sms",
                    t,
                    Map.of("messageId", "p-1", "status", "DELIVERED")),
            p -> false,
            Set.of(401)));

    // broadcasts
    rules.add(
        Rule.of(
            "POST /api/broadcasts",
            t ->
                http.postJson(
                    "/api/broadcasts",
                    t,
                    Map.of(
                        "kind", "ANNOUNCEMENT",
                        "title", "Thông báo",
                        "body", "Họp chi bộ.",
                        "targets", List.of(OWN_CELL))),
            handler));
    rules.add(
        Rule.of(
            "GET /api/broadcasts", t -> http.get("/api/broadcasts?under=" + OWN_PATH, t), handler));
    rules.add(
        Rule.of(
            "GET /api/broadcasts/received", t -> http.get("/api/broadcasts/received", t), anyone));
    rules.add(
        Rule.of(
                "GET /api/broadcasts/received/{id}",
                t -> http.get("/api/broadcasts/received/" + broadcast, t),
                ownMemberOnly)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "GET /api/broadcasts/{id}",
                t -> http.get("/api/broadcasts/" + broadcast, t),
                handler)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "GET /api/broadcasts/{id}/cells",
                t -> http.get("/api/broadcasts/" + broadcast + "/cells", t),
                handler)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "GET /api/broadcasts/{id}/recipients",
                t -> http.get("/api/broadcasts/" + broadcast + "/recipients", t),
                handler)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "POST /api/broadcasts/{id}/remind",
                t -> http.post("/api/broadcasts/" + broadcast + "/remind", t, "{}"),
                handler)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "POST /api/broadcasts/{id}/read",
                t -> http.post("/api/broadcasts/" + broadcast + "/read", t, "{}"),
                ownMemberOnly)
            .deniedWith(404));
    rules.add(
        Rule.of(
                "POST /api/broadcasts/{id}/acknowledge",
                t -> http.post("/api/broadcasts/" + broadcast + "/acknowledge", t, "{}"),
                ownMemberOnly)
            .deniedWith(404));

    // dead letters (platform): it-admin, whatever its path, for the platform's own topics
    Predicate<Persona> itAdmin =
        p -> p.role().equals("it-admin") && p.where() != AuthorizationMatrix.Where.NONE;
    rules.add(
        Rule.of(
            "GET /api/admin/dead-letters", t -> http.get("/api/admin/dead-letters", t), itAdmin));
    rules.add(
        Rule.of(
            "GET /api/admin/dead-letters/{topic}",
            t -> http.get("/api/admin/dead-letters/" + DEAD_LETTER_TOPIC + "?limit=1", t),
            itAdmin));
    rules.add(
        Rule.of(
            "POST /api/admin/dead-letters/{topic}/{partition}/{offset}/replay",
            t ->
                http.post(
                    "/api/admin/dead-letters/" + DEAD_LETTER_TOPIC + "/0/999999/replay", t, "{}"),
            itAdmin));

    int calls = AuthorizationMatrix.verify(context, rules, personas);
    assertThat(calls).isEqualTo(rules.size() * personas.size());
    System.out.printf(
        "notification-service authorisation matrix: %d endpoints x %d personas = %d calls%n",
        rules.size(), personas.size(), calls);
  }

  /** Allowed to whoever holds one of {@code roles} on the own unit (ONE grant: role and path). */
  private static Predicate<Persona> own(Set<String> roles) {
    return p -> p.where() == OWN && roles.contains(p.role());
  }

  private String member(String cell, String name) {
    String id = UUID.randomUUID().toString();
    roster.admitted(id, name, cell, "cell-" + cell.hashCode(), "OFFICIAL");
    return id;
  }

  private static String memberToken(String memberId) {
    return TestTokens.forUser("m-" + memberId).grant("member", OWN_CELL).memberId(memberId).sign();
  }

  private String submit(String token) {
    TestHttp.Response r =
        http.postJson(
            "/api/feedback",
            token,
            Map.of(
                "category", "ENVIRONMENT",
                "text", "Đường liên ấp bị ngập sau mưa.",
                "location", "Ấp Bình Hòa"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private TestHttp.Response openStream(String token) {
    try {
      HttpResponse<InputStream> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port + "/api/notifications/stream"))
                      .header("Authorization", "Bearer " + token)
                      .header("Accept", "text/event-stream")
                      .timeout(Duration.ofSeconds(20))
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      r.body().close();
      return new TestHttp.Response(r.statusCode(), r.headers().map(), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<byte[]> get(String path, String token) {
    return exchange(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  private HttpResponse<byte[]> upload(String id, String token) {
    String boundary = "----digicell" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"anh.png\""
                + "\r\nContent-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(PNG);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return exchange(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/feedback/" + id + "/attachment"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  private static HttpResponse<byte[]> exchange(HttpRequest request) {
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static TestHttp.Response response(HttpResponse<byte[]> r) {
    return new TestHttp.Response(
        r.statusCode(), r.headers().map(), new String(r.body(), StandardCharsets.UTF_8));
  }
}
