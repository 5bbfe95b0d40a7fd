package vn.digicell.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.meeting.alerts.Alerts;
import vn.digicell.meeting.alerts.RegularityCheck;
import vn.digicell.meeting.analytics.Participation;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

/**
 * Participation analytics of a commune with two cells: meetings entered from paper registers and a
 * live one with a vote, read receipts from document-service (one arriving after the meeting was
 * counted), monthly totals per cell and commune, the missed-regular-meeting check, and who may read
 * what.
 */
@DigiCellIntegrationTest
class ParticipationTest {

  static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
  static final String MISSED = "vn.digicell.meeting.regular-meeting-missed.v1";

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired Participation participation;
  @Autowired RegularityCheck regularity;
  @Autowired Alerts alerts;

  TestHttp http;
  Fixtures fixtures;
  String commune;
  String pathA;
  String pathB;
  String cellA;
  String cellB;
  String committee;
  String admin;
  YearMonth lastMonth;

  @BeforeEach
  void commune() {
    http = new TestHttp("http://localhost:" + port);
    fixtures = new Fixtures(publisher);
    commune = Fixtures.newCommunePath();
    pathA = commune + "/A1";
    pathB = commune + "/B2";
    cellA = fixtures.cellAt(pathA);
    cellB = fixtures.cellAt(pathB);
    committee =
        TestTokens.forUser("committee-" + commune).roles("committee").orgScope(commune).sign();
    admin = TestTokens.forUser("admin-" + commune).roles("org-admin").orgScope(commune).sign();
    lastMonth = YearMonth.now(VN).minusMonths(1);
  }

  static String secretaryOf(String path) {
    return TestTokens.forUser("sec-" + path)
        .roles("cell-secretary", "member")
        .orgScope(path)
        .sign();
  }

  void awaitRoster(String cellId, String path, int size) {
    String token = secretaryOf(path);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.Response r = http.get("/api/cells/" + cellId + "/roster", token);
              if (r.status() != 200 || r.json().size() != size) {
                return false;
              }
              for (JsonNode m : r.json()) {
                if (!"OFFICIAL".equals(m.get("status").asString())) {
                  return false;
                }
              }
              return true;
            });
  }

  static OffsetDateTime at(YearMonth month, int day) {
    return month.atDay(day).atTime(LocalTime.of(8, 0)).atZone(VN).toOffsetDateTime();
  }

  static Map<String, Object> line(String memberId, String attendance, String reason) {
    Map<String, Object> line = new HashMap<>();
    line.put("memberId", memberId);
    line.put("attendance", attendance);
    line.put("reason", reason);
    return line;
  }

  /** A meeting held on paper, entered afterwards; returns its id. */
  static String recorded(
      TestHttp http,
      String token,
      String cellId,
      String kind,
      OffsetDateTime startsAt,
      List<String> documentIds,
      List<Map<String, Object>> lines,
      List<Map<String, Object>> opinions) {
    Map<String, Object> body = new HashMap<>();
    body.put("cellId", cellId);
    body.put("kind", kind);
    body.put("mode", "IN_PERSON");
    body.put("title", "Sinh hoạt chi bộ (sổ ghi chép)");
    body.put("startsAt", startsAt.toString());
    body.put("location", "Nhà văn hoá ấp");
    body.put("agenda", List.of(Map.of("title", "Kiểm điểm công tác", "documentIds", documentIds)));
    body.put("attendance", lines);
    body.put("opinions", opinions);
    TestHttp.Response r = http.postJson("/api/meetings/recorded", token, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("status").asString()).isEqualTo("CLOSED");
    assertThat(r.json().get("recordedAfterwards").asBoolean()).isTrue();
    return r.json().get("id").asString();
  }

  void read(String documentId, String memberId, OffsetDateTime readAt) {
    publisher.publish(
        Fixtures.event(
            "vn.digicell.document.read.v1",
            "document.events",
            documentId + ":" + memberId,
            1,
            commune,
            """
            {"documentId":"%s","memberId":"%s","orgPath":"%s","version":1,"readAt":"%s"}"""
                .formatted(documentId, memberId, commune, readAt.toInstant())));
  }

  JsonNode month(String under, String token, YearMonth month) {
    TestHttp.Response r =
        http.get(
            "/api/analytics/participation?under=" + under + "&from=" + month + "&to=" + month,
            token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("months").get(0);
  }

  JsonNode awaitMonth(String under, String token, YearMonth month, Predicate<JsonNode> until) {
    JsonNode[] found = new JsonNode[1];
    // the analytics consumer is behind the whole suite's events on a busy CI machine
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              found[0] = month(under, token, month);
              return until.test(found[0]);
            });
    return found[0];
  }

  static long count(JsonNode figures, String name) {
    return figures.get("counts").get(name).asLong();
  }

  static JsonNode child(JsonNode month, String path) {
    for (JsonNode c : month.get("children")) {
      if (path.equals(c.get("path").asString())) {
        return c.get("figures");
      }
    }
    throw new AssertionError("no child " + path + " in " + month);
  }

  @Test
  void aCommunesMonthAddsUpItsCellsMeetingsAndTheRegularityCheckFindsTheCellWithout()
      throws Exception {
    String a1 = "a1-" + UUID.randomUUID();
    String a2 = "a2-" + UUID.randomUUID();
    String a3 = "a3-" + UUID.randomUUID();
    String b1 = "b1-" + UUID.randomUUID();
    String b2 = "b2-" + UUID.randomUUID();
    for (String m : List.of(a1, a2, a3)) {
      fixtures.official(m, "Đảng viên " + m.substring(0, 2), cellA, pathA);
    }
    for (String m : List.of(b1, b2)) {
      fixtures.official(m, "Đảng viên " + m.substring(0, 2), cellB, pathB);
    }
    awaitRoster(cellA, pathA, 3);
    awaitRoster(cellB, pathB, 2);
    String document = "doc-" + UUID.randomUUID();
    // a1 studied the document before the meeting; a2 only after it
    read(document, a1, at(lastMonth, 5));
    read(document, a2, at(lastMonth, 11));

    String meetingA =
        recorded(
            http,
            admin,
            cellA,
            "REGULAR",
            at(lastMonth, 10),
            List.of(document),
            List.of(line(a1, "PRESENT", null), line(a2, "ABSENT_WITH_REASON", "Ốm")),
            List.of(
                Map.of("memberId", a1, "agendaIndex", 0, "summary", "Đề nghị sửa đường"),
                Map.of("memberId", a1, "agendaIndex", 0, "summary", "Đề nghị thêm đèn")));
    recorded(
        http,
        secretaryOf(pathB),
        cellB,
        "THEMATIC",
        at(lastMonth, 12),
        List.of(),
        List.of(line(b1, "LATE", null), line(b2, "PRESENT", null)),
        List.of());

    JsonNode month =
        awaitMonth(
            commune,
            committee,
            lastMonth,
            m -> count(m.get("totals"), "meetings") == 2 && readBefore(m) == 1);
    JsonNode totals = month.get("totals");
    assertThat(count(totals, "invited")).isEqualTo(5);
    assertThat(count(totals, "present")).isEqualTo(2);
    assertThat(count(totals, "late")).isEqualTo(1);
    assertThat(count(totals, "absentWithReason")).isEqualTo(1);
    assertThat(count(totals, "absentWithoutReason")).isEqualTo(1);
    assertThat(count(totals, "opinions")).isEqualTo(2);
    assertThat(count(totals, "speakers")).isEqualTo(1);
    assertThat(count(totals, "regularMeetings")).isEqualTo(1);
    assertThat(count(totals, "inviteesWithDocuments")).isEqualTo(3);
    assertThat(totals.get("rates").get("attendance").asDouble()).isEqualTo(0.6);
    assertThat(count(child(month, pathA), "invited")).isEqualTo(3);
    assertThat(count(child(month, pathB), "late")).isEqualTo(1);

    // a read receipt arriving after the meeting was counted still counts, if read before it
    read(document, a3, at(lastMonth, 8));
    awaitMonth(commune, committee, lastMonth, m -> readBefore(m) == 2);

    // computing a meeting again (a redelivery, a retry) changes nothing
    participation.meetingChanged(meetingA);
    participation.meetingChanged(meetingA);
    assertThat(count(month(commune, committee, lastMonth).get("totals"), "invited")).isEqualTo(5);

    // the province sees the commune as one of its children, with the same totals
    String province = TestTokens.forUser("province").roles("committee").orgScope("/AG").sign();
    JsonNode ag = month("/AG", province, lastMonth);
    assertThat(count(child(ag, commune), "invited")).isEqualTo(5);
    // a cell's month lists its meetings
    JsonNode cellMonth = month(pathA, secretaryOf(pathA), lastMonth);
    assertThat(cellMonth.get("children")).hasSize(1);
    assertThat(cellMonth.get("children").get(0).get("meetingId").asString()).isEqualTo(meetingA);

    // the month is over: B held no regular meeting (a thematic one does not count), A did
    regularity.check(lastMonth);
    JsonNode checked =
        awaitMonth(
            commune, committee, lastMonth, m -> count(m.get("totals"), "cellsMissedRegular") == 1);
    assertThat(count(checked.get("totals"), "cellsHeldRegular")).isEqualTo(1);
    assertThat(count(child(checked, pathB), "cellsMissedRegular")).isEqualTo(1);
    assertThat(checked.get("totals").get("rates").get("regularMeetingsHeld").asDouble())
        .isEqualTo(0.5);
    TestHttp.Response listed = http.get("/api/alerts?under=" + commune, committee);
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(listed.json()).hasSize(1);
    assertThat(listed.json().get(0).get("type").asString()).isEqualTo(MISSED);
    assertThat(listed.json().get(0).get("cellId").asString()).isEqualTo(cellB);
    assertThat(listed.json().get(0).get("month").asString()).isEqualTo(lastMonth.toString());
    List<ConsumerRecord<String, byte[]>> events =
        TestTopics.awaitRecords("meeting.events", cellB, 1);
    assertThat(TestTopics.headers(events.get(0))).containsEntry("ce_type", MISSED);
    assertThat(EventSchemas.violations(MISSED, events.get(0).value())).isEmpty();
    // once per cell and month, also when checked again
    assertThat(regularity.check(lastMonth)).isZero();
    assertThat(alerts.regularMeetingMissed(cellB, pathB, lastMonth.toString())).isFalse();
    assertThat(TestTopics.read("meeting.events", cellB)).hasSize(1);
  }

  static long readBefore(JsonNode month) {
    return count(month.get("totals"), "readDocumentsBefore");
  }

  @Test
  void aLiveMeetingCountsItsVotesAgainstTheMembersWhoMayVote() {
    String c1 = "c1-" + UUID.randomUUID();
    String c2 = "c2-" + UUID.randomUUID();
    String c3 = "c3-" + UUID.randomUUID();
    for (String m : List.of(c1, c2, c3)) {
      fixtures.official(m, "Đảng viên", cellA, pathA);
    }
    awaitRoster(cellA, pathA, 3);
    String secretary = secretaryOf(pathA);
    TestHttp.Response scheduled =
        http.postJson(
            "/api/meetings",
            secretary,
            Map.of(
                "cellId", cellA,
                "kind", "REGULAR",
                "mode", "IN_PERSON",
                "title", "Sinh hoạt chi bộ",
                "startsAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusHours(1).toString(),
                "location", "Hội trường ấp"));
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
    String meetingId = scheduled.json().get("id").asString();
    YearMonth month =
        YearMonth.from(
            java.time.Instant.parse(scheduled.json().get("startsAt").asString()).atZone(VN));
    ok(http.post("/api/meetings/" + meetingId + "/start", secretary, ""));
    for (String present : List.of(c1, c2)) {
      ok(
          http.postJson(
              "/api/meetings/" + meetingId + "/attendance",
              secretary,
              Map.of("memberId", present, "attendance", "PRESENT")));
    }
    String motion =
        http.postJson(
                "/api/meetings/" + meetingId + "/motions",
                secretary,
                Map.of(
                    "question", "Thông qua", "options", List.of("Có", "Không"), "ballot", "OPEN"))
            .json()
            .get("id")
            .asString();
    ok(
        http.postJson(
            "/api/motions/" + motion + "/votes",
            MeetingFlowTest.memberToken(c1, pathA),
            Map.of("option", "Có")));
    ok(http.post("/api/motions/" + motion + "/close", secretary, ""));
    ok(http.post("/api/meetings/" + meetingId + "/close", secretary, ""));

    TestHttp.Response figures = http.get("/api/analytics/meetings/" + meetingId, committee);
    assertThat(figures.status()).as(figures.body()).isEqualTo(200);
    JsonNode f = figures.json().get("figures");
    assertThat(count(f, "motions")).isEqualTo(1);
    assertThat(count(f, "eligibleVoters")).isEqualTo(2);
    assertThat(count(f, "votesCast")).isEqualTo(1);
    assertThat(count(f, "absentWithoutReason")).isEqualTo(1);
    assertThat(f.get("rates").get("votingParticipation").asDouble()).isEqualTo(0.5);
    JsonNode counted =
        awaitMonth(commune, committee, month, m -> count(m.get("totals"), "votesCast") == 1);
    assertThat(count(counted.get("totals"), "eligibleVoters")).isEqualTo(2);

    // members read nothing here; a secretary only their own cell; a committee only its subtree
    assertThat(
            http.get("/api/analytics/meetings/" + meetingId, MeetingFlowTest.memberToken(c1, pathA))
                .status())
        .isEqualTo(403);
    assertThat(http.get("/api/analytics/meetings/" + meetingId, secretaryOf(pathB)).status())
        .isEqualTo(403);
    String other = TestTokens.forUser("other").roles("committee").orgScope("/AG/OTHER").sign();
    assertThat(http.get("/api/analytics/meetings/" + meetingId, other).status()).isEqualTo(403);
    String range = "&from=" + month + "&to=" + month;
    assertThat(http.get("/api/analytics/participation?under=" + commune + range, other).status())
        .isEqualTo(403);
    assertThat(
            http.get("/api/analytics/participation?under=" + commune + range, secretary).status())
        .isEqualTo(403);
    assertThat(
            http.get(
                    "/api/analytics/participation?under=" + commune + range,
                    MeetingFlowTest.memberToken(c1, pathA))
                .status())
        .isEqualTo(403);
    String analyst = TestTokens.forUser("analyst").roles("analyst").orgScope("/AG").sign();
    assertThat(http.get("/api/analytics/participation?under=" + commune + range, analyst).status())
        .isEqualTo(200);
    assertThat(http.get("/api/alerts?under=" + commune, secretary).status()).isEqualTo(403);
    assertThat(http.get("/api/alerts?under=" + commune, other).status()).isEqualTo(403);
  }

  @Test
  void badRangesAreProblemsAndRecordingNeedsAPastMeetingOfTheCallersCell() {
    TestHttp.Response reversed =
        http.get(
            "/api/analytics/participation?under=" + commune + "&from=2026-05&to=2026-01",
            committee);
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.json().get("type").asString()).endsWith("invalid-range");
    assertThat(
            http.get(
                    "/api/analytics/participation?under=" + commune + "&from=2020-01&to=2026-01",
                    committee)
                .status())
        .isEqualTo(400);
    assertThat(
            http.get(
                    "/api/analytics/participation?under=" + commune + "&from=2026-13&to=2026-01",
                    committee)
                .status())
        .isEqualTo(400);

    String itAdmin = TestTokens.forUser("it").roles("it-admin").orgScope("/AG").sign();
    TestHttp.Response notOver =
        http.post("/api/alerts/regular-meetings/check?month=" + YearMonth.now(VN), itAdmin, "");
    assertThat(notOver.status()).isEqualTo(422);
    assertThat(notOver.json().get("type").asString()).endsWith("month-not-over");
    assertThat(
            http.post("/api/alerts/regular-meetings/check?month=" + lastMonth, committee, "")
                .status())
        .isEqualTo(403);

    awaitRoster(cellA, pathA, 0);
    Map<String, Object> body = new HashMap<>();
    body.put("cellId", cellA);
    body.put("kind", "REGULAR");
    body.put("mode", "IN_PERSON");
    body.put("title", "Sinh hoạt");
    body.put("location", "Ấp");
    body.put("startsAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(1).toString());
    TestHttp.Response future = http.postJson("/api/meetings/recorded", admin, body);
    assertThat(future.status()).isEqualTo(422);
    assertThat(future.json().get("type").asString()).endsWith("held-in-the-future");
    body.put("startsAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).minusYears(3).toString());
    TestHttp.Response old = http.postJson("/api/meetings/recorded", admin, body);
    assertThat(old.status()).isEqualTo(422);
    assertThat(old.json().get("type").asString()).endsWith("held-too-long-ago");
    body.put("startsAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(3).toString());
    assertThat(http.postJson("/api/meetings/recorded", secretaryOf(pathB), body).status())
        .isEqualTo(403);
    assertThat(http.postJson("/api/meetings/recorded", committee, body).status()).isEqualTo(403);
    body.put("attendance", List.of(line("stranger", "PRESENT", null)));
    TestHttp.Response stranger = http.postJson("/api/meetings/recorded", admin, body);
    assertThat(stranger.status()).isEqualTo(404);
    assertThat(http.get("/api/meetings?cellId=" + cellA, secretaryOf(pathA)).json().size())
        .as("nothing was recorded")
        .isZero();
    body.put("attendance", List.of());
    TestHttp.Response ok = http.postJson("/api/meetings/recorded", admin, body);
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    String id = ok.json().get("id").asString();
    List<ConsumerRecord<String, byte[]>> events = TestTopics.awaitRecords("meeting.events", id, 3);
    List<String> types = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> e : events) {
      String type = TestTopics.headers(e).get("ce_type");
      types.add(type);
      assertThat(EventSchemas.violations(type, e.value())).as(type).isEmpty();
    }
    assertThat(types)
        .startsWith("vn.digicell.meeting.scheduled.v1", "vn.digicell.meeting.started.v1")
        .endsWith("vn.digicell.meeting.closed.v1");
  }

  static void ok(TestHttp.Response r) {
    assertThat(r.status()).as(r.body()).isBetween(200, 201);
  }
}
