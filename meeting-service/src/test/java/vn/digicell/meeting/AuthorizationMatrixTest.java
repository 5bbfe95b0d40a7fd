package vn.digicell.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.digicell.platform.test.AuthorizationMatrix.Where.ATTACHED;
import static vn.digicell.platform.test.AuthorizationMatrix.Where.FOREIGN;
import static vn.digicell.platform.test.AuthorizationMatrix.Where.NONE;
import static vn.digicell.platform.test.AuthorizationMatrix.Where.OWN;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.AuthorizationMatrix;
import vn.digicell.platform.test.AuthorizationMatrix.Persona;
import vn.digicell.platform.test.AuthorizationMatrix.Rule;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * Every endpoint of meeting-service with its rule, called by every role on the own cell, on a
 * foreign cell, on a foreign cell with a temporary attachment to the own cell ({@code member}
 * there) and with no grant at all. Fixtures (one commune's two cells, their members, meetings in
 * every state, motions and minutes) are made once. Also the grant cases the issue names: a
 * secretary attached to another cell reads its meetings as a member and runs none of them.
 */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

  private static final Logger log = LoggerFactory.getLogger(AuthorizationMatrixTest.class);

  static final String SECRETARY = "cell-secretary";
  static final String COMMITTEE = "committee";
  static final String MEMBER = "member";
  static final String ORG_ADMIN = "org-admin";
  static final String IT_ADMIN = "it-admin";
  static final String ANALYST = "analyst";

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired ApplicationContext context;

  TestHttp http;
  Fixtures fixtures;
  String ownPath;
  String foreignPath;
  String ownCell;
  String foreignCell;
  String ownMember;
  String attachedMember;
  String foreignMember;
  String clerk;
  String secretary;
  String scheduled;
  String toCancel;
  String toStart;
  String toClose;
  String live;
  String liveItem;
  String closed;
  String motion;
  String motionToClose;

  @BeforeAll
  void oneCommuneWithTwoCells() {
    http = new TestHttp("http://localhost:" + port);
    fixtures = new Fixtures(publisher);
    String ownCode = Fixtures.newCellCode();
    String foreignCode = Fixtures.newCellCode();
    ownPath = "/AG/VB/" + ownCode;
    foreignPath = "/AG/VB/" + foreignCode;
    ownCell = fixtures.cell(ownCode);
    foreignCell = fixtures.cell(foreignCode);
    ownMember = "own-" + UUID.randomUUID();
    clerk = "clerk-" + UUID.randomUUID();
    String third = "third-" + UUID.randomUUID();
    attachedMember = "att-" + UUID.randomUUID();
    foreignMember = "for-" + UUID.randomUUID();
    fixtures.official(ownMember, "Nguyễn Văn Mình", ownCell, ownPath);
    fixtures.official(clerk, "Trần Thị Thư", ownCell, ownPath);
    fixtures.official(third, "Lê Văn Ba", ownCell, ownPath);
    fixtures.official(attachedMember, "Phạm Văn Gửi", foreignCell, foreignPath);
    fixtures.official(foreignMember, "Võ Thị Ngoài", foreignCell, foreignPath);
    publisher.publish(attached(attachedMember, foreignCell, foreignPath, ownCell, ownPath, 3));
    secretary =
        TestTokens.forUser("clerk")
            .grant(SECRETARY, ownPath)
            .grant(MEMBER, ownPath)
            .memberId(clerk)
            .sign();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.Response r = http.get("/api/cells/" + ownCell + "/roster", secretary);
              return r.status() == 200
                  && r.json().size() == 4
                  && r.body().contains(attachedMember)
                  && !r.body().contains("PROBATIONARY");
            });
    scheduled = schedule("IN_PERSON");
    toCancel = schedule("IN_PERSON");
    toStart = schedule("IN_PERSON");
    toClose = schedule("IN_PERSON");
    ok(http.post("/api/meetings/" + toClose + "/start", secretary, ""));
    live = schedule("HYBRID");
    liveItem =
        http.get("/api/meetings/" + live, secretary)
            .json()
            .get("agenda")
            .get(0)
            .get("itemId")
            .asString();
    ok(http.post("/api/meetings/" + live + "/start", secretary, ""));
    for (String m : List.of(ownMember, clerk, attachedMember)) {
      attendance(live, m);
    }
    motion = open(live);
    motionToClose = open(live);
    closed = schedule("IN_PERSON");
    ok(http.post("/api/meetings/" + closed + "/start", secretary, ""));
    for (String m : List.of(ownMember, clerk, third, attachedMember)) {
      attendance(closed, m);
    }
    ok(http.post("/api/meetings/" + closed + "/close", secretary, ""));
    ok(
        http.postJson(
            "/api/meetings/" + closed + "/minutes", secretary, Map.of("chairMemberId", ownMember)));
  }

  static vn.digicell.platform.events.OutboxEvent attached(
      String memberId,
      String homeCell,
      String homePath,
      String hostCell,
      String hostPath,
      long seq) {
    return Fixtures.event(
        "vn.digicell.member.temporarily-attached.v1",
        "member.events",
        memberId,
        seq,
        homePath,
        """
        {"memberId":"%s","transferId":"t-%s","orgUnitId":"%s","orgPath":"%s",\
        "attachedOrgUnitId":"%s","attachedOrgPath":"%s","until":"%s","status":"OFFICIAL"}"""
            .formatted(
                memberId,
                memberId,
                homeCell,
                homePath,
                hostCell,
                hostPath,
                LocalDate.now().plusMonths(3)));
  }

  String schedule(String mode) {
    Map<String, Object> body = new java.util.HashMap<>(scheduleBody());
    body.put("mode", mode);
    if (!mode.equals("IN_PERSON")) {
      body.put("onlineLink", "https://meet.example.vn/chi-bo");
    }
    TestHttp.Response r = http.postJson("/api/meetings", secretary, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  Map<String, Object> scheduleBody() {
    return Map.of(
        "cellId", ownCell,
        "kind", "REGULAR",
        "mode", "IN_PERSON",
        "title", "Sinh hoạt chi bộ",
        "startsAt", OffsetDateTime.now().plusDays(1).toString(),
        "location", "Nhà văn hóa ấp",
        "agenda", List.of(Map.of("title", "Công tác tháng", "documentIds", List.of())));
  }

  void attendance(String meetingId, String memberId) {
    ok(
        http.postJson(
            "/api/meetings/" + meetingId + "/attendance",
            secretary,
            Map.of("memberId", memberId, "attendance", "PRESENT")));
  }

  String open(String meetingId) {
    TestHttp.Response r =
        http.postJson(
            "/api/meetings/" + meetingId + "/motions",
            secretary,
            Map.of(
                "question",
                "Thông qua",
                "options",
                List.of("Tán thành", "Không"),
                "ballot",
                "OPEN"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  static void ok(TestHttp.Response r) {
    assertThat(r.status()).as(r.body()).isBetween(200, 201);
  }

  static Predicate<Persona> on(AuthorizationMatrix.Where where, String... roles) {
    Set<String> allowed = Set.of(roles);
    return p -> p.where() == where && (allowed.isEmpty() || allowed.contains(p.role()));
  }

  /** Reads of a cell's meetings: its secretary, a committee over it, its members (attached too). */
  static final Predicate<Persona> CELL_READER =
      on(OWN, SECRETARY, COMMITTEE, MEMBER).or(on(ATTACHED));

  /**
   * Reads of a meeting with participants: as above, or the participant themself (the own and the
   * attached member ids are participants, whatever role the token carries).
   */
  static final Predicate<Persona> PARTICIPANT_READER = on(OWN).or(on(ATTACHED));

  static final Predicate<Persona> CELL_SECRETARY = on(OWN, SECRETARY);
  static final Predicate<Persona> OVERSEER = on(OWN, SECRETARY, COMMITTEE);
  static final Predicate<Persona> IT_ADMIN_ANYWHERE =
      p -> p.role().equals(IT_ADMIN) && p.where() != NONE;

  List<Rule> rules() {
    String m = "/api/meetings/";
    String signature = "A".repeat(86) + "==";
    String key;
    try {
      key =
          Base64.getEncoder()
              .encodeToString(
                  KeyPairGenerator.getInstance("Ed25519")
                      .generateKeyPair()
                      .getPublic()
                      .getEncoded());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    List<Rule> rules = new ArrayList<>();
    // signing first: it needs a login within the last minutes, and the tokens are made once
    rules.add(
        Rule.of(
            "PUT /api/meetings/signing-keys/{memberId}",
            t -> http.put(m + "signing-keys/" + ownMember, t, "{\"publicKey\":\"" + key + "\"}"),
            on(OWN)));
    rules.add(
        Rule.of(
            "GET /api/meetings/signing-keys/{memberId}",
            t -> http.get(m + "signing-keys/" + ownMember, t),
            p -> true));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/minutes/signatures",
            t ->
                http.postJson(
                    m + closed + "/minutes/signatures",
                    t,
                    Map.of("role", "CHAIR", "signature", signature)),
            on(OWN)));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/amendments/{number}/signatures",
            t ->
                http.postJson(
                    m + closed + "/amendments/1/signatures",
                    t,
                    Map.of("role", "CHAIR", "signature", signature)),
            PARTICIPANT_READER));
    // meetings
    rules.add(
        Rule.of(
            "POST /api/meetings",
            t -> http.postJson("/api/meetings", t, scheduleBody()),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "POST /api/meetings/recorded",
            t ->
                http.postJson(
                    "/api/meetings/recorded",
                    t,
                    Map.of(
                        "cellId",
                        ownCell,
                        "kind",
                        "REGULAR",
                        "mode",
                        "IN_PERSON",
                        "title",
                        "Sinh hoạt tháng trước",
                        "startsAt",
                        OffsetDateTime.now().minusDays(20).toString(),
                        "location",
                        "Nhà văn hóa ấp",
                        "attendance",
                        List.of(),
                        "opinions",
                        List.of())),
            on(OWN, SECRETARY, ORG_ADMIN)));
    rules.add(
        Rule.of(
            "GET /api/meetings", t -> http.get("/api/meetings?cellId=" + ownCell, t), CELL_READER));
    rules.add(Rule.of("GET /api/meetings/{id}", t -> http.get(m + scheduled, t), CELL_READER));
    rules.add(
        Rule.of(
            "GET /api/meetings/{id}/quorum",
            t -> http.get(m + scheduled + "/quorum", t),
            CELL_READER));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/reschedule",
            t ->
                http.postJson(
                    m + scheduled + "/reschedule",
                    t,
                    Map.of(
                        "startsAt",
                        OffsetDateTime.now().plusDays(2).toString(),
                        "reason",
                        "Mưa bão")),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/switch-online",
            t ->
                http.postJson(
                    m + scheduled + "/switch-online",
                    t,
                    Map.of("onlineLink", "https://meet.example.vn/x", "reason", "Mưa bão")),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/cancel",
            t -> http.postJson(m + toCancel + "/cancel", t, Map.of("reason", "Trùng lịch")),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/agenda",
            t ->
                http.postJson(
                    m + scheduled + "/agenda",
                    t,
                    Map.of("title", "Việc khác", "documentIds", List.of())),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/start",
            t -> http.post(m + toStart + "/start", t, ""),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/close",
            t -> http.post(m + toClose + "/close", t, ""),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/attendance",
            t ->
                http.postJson(
                    m + live + "/attendance", t, Map.of("memberId", clerk, "attendance", "LATE")),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/opinions",
            t ->
                http.postJson(
                    m + live + "/opinions",
                    t,
                    Map.of("memberId", ownMember, "agendaItemId", liveItem, "summary", "Ý kiến")),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "GET /api/meetings/{id}/check-in-code",
            t -> http.get(m + live + "/check-in-code", t),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/check-in",
            t -> http.postJson(m + live + "/check-in", t, Map.of("code", "not-a-code")),
            PARTICIPANT_READER));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/join-online",
            t -> http.post(m + live + "/join-online", t, ""),
            PARTICIPANT_READER));
    // votes: the attached member takes part but only the cell's official members vote
    rules.add(
        Rule.of(
            "POST /api/meetings/{meetingId}/motions",
            t ->
                http.postJson(
                    m + live + "/motions",
                    t,
                    Map.of("question", "Q", "options", List.of("A", "B"), "ballot", "SECRET")),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "GET /api/meetings/{meetingId}/motions",
            t -> http.get(m + live + "/motions", t),
            PARTICIPANT_READER));
    rules.add(
        Rule.of(
            "GET /api/motions/{id}",
            t -> http.get("/api/motions/" + motion, t),
            PARTICIPANT_READER));
    rules.add(
        Rule.of(
            "POST /api/motions/{id}/votes",
            t ->
                http.postJson(
                    "/api/motions/" + motion + "/votes", t, Map.of("option", "Tán thành")),
            on(OWN)));
    rules.add(
        Rule.of(
            "POST /api/motions/{id}/receipts/check",
            t ->
                http.postJson(
                    "/api/motions/" + motion + "/receipts/check",
                    t,
                    Map.of("receipt", "no-receipt")),
            PARTICIPANT_READER));
    rules.add(
        Rule.of(
            "POST /api/motions/{id}/close",
            t -> http.post("/api/motions/" + motionToClose + "/close", t, ""),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "POST /api/motions/{id}/resolution",
            t ->
                http.postJson(
                    "/api/motions/" + motionToClose + "/resolution",
                    t,
                    Map.of("text", "Nghị quyết")),
            CELL_SECRETARY));
    // minutes and amendments of the closed meeting
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/minutes",
            t -> http.postJson(m + closed + "/minutes", t, Map.of("chairMemberId", ownMember)),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "PUT /api/meetings/{id}/minutes",
            t -> http.put(m + closed + "/minutes", t, "{\"content\":\"BIÊN BẢN\\n\"}"),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "GET /api/meetings/{id}/minutes",
            t -> http.get(m + closed + "/minutes", t),
            PARTICIPANT_READER));
    rules.add(
        Rule.of(
            "POST /api/meetings/{id}/amendments",
            t ->
                http.postJson(
                    m + closed + "/amendments",
                    t,
                    Map.of("content", "Đính chính\n", "reason", "Sai tên")),
            CELL_SECRETARY));
    rules.add(
        Rule.of(
            "GET /api/meetings/{id}/amendments",
            t -> http.get(m + closed + "/amendments", t),
            PARTICIPANT_READER));
    rules.add(
        Rule.of(
            "GET /api/meetings/{id}/amendments/{number}",
            t -> http.get(m + closed + "/amendments/1", t),
            PARTICIPANT_READER));
    // roster, alerts, analytics
    rules.add(Rule.of("GET /api/cells", t -> http.get("/api/cells?under=" + ownPath, t), OVERSEER));
    rules.add(
        Rule.of(
            "GET /api/cells/{cellId}/roster",
            t -> http.get("/api/cells/" + ownCell + "/roster", t),
            OVERSEER));
    rules.add(
        Rule.of(
            "GET /api/alerts",
            t -> http.get("/api/alerts?under=" + ownPath, t),
            on(OWN, COMMITTEE, ORG_ADMIN, ANALYST)));
    // a nationwide job the scheduler also runs: it concerns no org path (no data returned)
    rules.add(
        Rule.of(
            "POST /api/alerts/regular-meetings/check",
            t -> http.post("/api/alerts/regular-meetings/check?month=2020-01", t, ""),
            IT_ADMIN_ANYWHERE));
    rules.add(
        Rule.of(
            "GET /api/analytics/participation",
            t ->
                http.get(
                    "/api/analytics/participation?under=" + ownPath + "&from=2026-01&to=2026-02",
                    t),
            on(OWN, COMMITTEE, ORG_ADMIN, ANALYST, SECRETARY)));
    rules.add(
        Rule.of(
            "GET /api/analytics/meetings/{id}",
            t -> http.get("/api/analytics/meetings/" + live, t),
            on(OWN, COMMITTEE, ORG_ADMIN, ANALYST, SECRETARY)));
    // the platform's dead-letter console (platform/events): operators of the service
    rules.add(
        Rule.of(
            "GET /api/admin/dead-letters",
            t -> http.get("/api/admin/dead-letters", t),
            IT_ADMIN_ANYWHERE));
    rules.add(
        Rule.of(
            "GET /api/admin/dead-letters/{topic}",
            t -> http.get("/api/admin/dead-letters/meeting.events.none.dlt", t),
            IT_ADMIN_ANYWHERE));
    rules.add(
        Rule.of(
            "POST /api/admin/dead-letters/{topic}/{partition}/{offset}/replay",
            t -> http.post("/api/admin/dead-letters/meeting.events.none.dlt/0/0/replay", t, ""),
            IT_ADMIN_ANYWHERE));
    return rules;
  }

  @Test
  void everyEndpointAnswersEveryRoleOnTheOwnForeignAttachedAndNoPathAsDeclared() {
    List<Persona> personas =
        AuthorizationMatrix.personas(
            ownPath,
            foreignPath,
            Map.of(OWN, ownMember, ATTACHED, attachedMember, FOREIGN, foreignMember));
    int calls = AuthorizationMatrix.verify(context, rules(), personas);
    log.info("meeting-service authorisation matrix: {} calls", calls);
    assertThat(calls).isEqualTo(rules().size() * personas.size());
    assertThat(personas).hasSize(28);
  }

  // the grant cases of the issue, one by one

  @Test
  void aSecretaryAttachedToAnotherCellReadsItsMeetingsAsAMemberAndRunsNone() {
    String attachedSecretary =
        TestTokens.forUser("sec-foreign")
            .grant(SECRETARY, foreignPath)
            .grant(MEMBER, foreignPath)
            .grant(MEMBER, ownPath)
            .memberId(attachedMember)
            .sign();
    String meeting = schedule("IN_PERSON");
    assertThat(http.get("/api/meetings/" + meeting, attachedSecretary).status()).isEqualTo(200);
    assertThat(http.get("/api/meetings?cellId=" + ownCell, attachedSecretary).status())
        .isEqualTo(200);
    assertThat(http.post("/api/meetings/" + meeting + "/start", attachedSecretary, "").status())
        .isEqualTo(403);
    assertThat(
            http.postJson(
                    "/api/meetings/" + meeting + "/cancel",
                    attachedSecretary,
                    Map.of("reason", "x"))
                .status())
        .isEqualTo(403);
    Map<String, Object> body = new java.util.HashMap<>(scheduleBody());
    assertThat(http.postJson("/api/meetings", attachedSecretary, body).status()).isEqualTo(403);
    assertThat(http.get("/api/cells/" + ownCell + "/roster", attachedSecretary).status())
        .isEqualTo(403);
    assertThat(http.get("/api/meetings/" + meeting, secretary).json().get("status").asString())
        .isEqualTo("SCHEDULED");
  }

  @Test
  void aMemberGrantOnTheCellDecidesNotTheRosterProjection() {
    // a member newly attached: the grant arrived with the token, the roster has not heard yet
    String newcomer = "new-" + UUID.randomUUID();
    String attachedNow =
        TestTokens.forUser("newcomer")
            .grant(MEMBER, foreignPath)
            .grant(MEMBER, ownPath)
            .memberId(newcomer)
            .sign();
    String meeting = schedule("IN_PERSON");
    assertThat(http.get("/api/meetings/" + meeting, attachedNow).status()).isEqualTo(200);
    // a member of the cell by the roster whose member grant lies elsewhere: no grant, no read
    String elsewhere =
        TestTokens.forUser("elsewhere").grant(MEMBER, foreignPath).memberId(ownMember).sign();
    assertThat(http.get("/api/meetings/" + meeting, elsewhere).status()).isEqualTo(403);
    assertThat(http.get("/api/meetings?cellId=" + ownCell, elsewhere).status()).isEqualTo(403);
  }

  @Test
  void aCommitteeMemberAttachedToACellIsAMemberThereNotItsCommittee() {
    String committeeElsewhere =
        TestTokens.forUser("committee-elsewhere")
            .grant(COMMITTEE, "/AG/XA")
            .grant(MEMBER, ownPath)
            .memberId(attachedMember)
            .sign();
    assertThat(http.get("/api/meetings?cellId=" + ownCell, committeeElsewhere).status())
        .isEqualTo(200);
    assertThat(http.get("/api/cells/" + ownCell + "/roster", committeeElsewhere).status())
        .isEqualTo(403);
    assertThat(http.get("/api/meetings?under=" + ownPath, committeeElsewhere).status())
        .isEqualTo(403);
    assertThat(
            http.get(
                    "/api/analytics/participation?under=" + ownPath + "&from=2026-01&to=2026-02",
                    committeeElsewhere)
                .status())
        .isEqualTo(403);
  }

  @Test
  void onlyTheOfficerNamedOnTheMinutesSignsAndAStrangerLearnsNothingMore() {
    String foreignMemberToken =
        TestTokens.forUser("foreign-member")
            .grant(MEMBER, foreignPath)
            .memberId(foreignMember)
            .sign();
    TestHttp.Response r =
        http.postJson(
            "/api/meetings/" + closed + "/minutes/signatures",
            foreignMemberToken,
            Map.of("role", "CHAIR", "signature", "A".repeat(86) + "=="));
    assertThat(r.status()).isEqualTo(403);
    JsonNode problem = r.json();
    assertThat(problem.get("type").asString()).endsWith("not-the-signer");
  }
}
