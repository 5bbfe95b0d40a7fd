package vn.digicell.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.meeting.meeting.MeetingReminders;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

@DigiCellIntegrationTest
class MeetingFlowTest {

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired MeetingReminders reminders;

  TestHttp http;
  Fixtures fixtures;
  String code;
  String path;
  String cellId;
  String secretary;

  @BeforeEach
  void cell() {
    http = new TestHttp("http://localhost:" + port);
    fixtures = new Fixtures(publisher);
    code = Fixtures.newCellCode();
    path = "/AG/VB/" + code;
    cellId = fixtures.cell(code);
    secretary = secretaryOf(path);
    // the cell reaches the roster through orgunit.events, asynchronously
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http.get("/api/cells/" + cellId + "/roster", secretary).status() == 200);
  }

  static String secretaryOf(String path) {
    return TestTokens.forUser("sec-" + path)
        .roles("cell-secretary", "member")
        .orgScope(path)
        .sign();
  }

  static String memberToken(String memberId, String path) {
    return TestTokens.forUser("m-" + memberId)
        .roles("member")
        .orgScope(path)
        .memberId(memberId)
        .sign();
  }

  JsonNode awaitRoster(int size) {
    JsonNode[] roster = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.Response r = http.get("/api/cells/" + cellId + "/roster", secretary);
              roster[0] = r.status() == 200 ? r.json() : null;
              return roster[0] != null && roster[0].size() == size;
            });
    return roster[0];
  }

  /** Waits until the roster has {@code size} invitees, {@code official} of them official. */
  void awaitRoster(int size, int official) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.Response r = http.get("/api/cells/" + cellId + "/roster", secretary);
              if (r.status() != 200 || r.json().size() != size) {
                return false;
              }
              int count = 0;
              for (JsonNode m : r.json()) {
                count += "OFFICIAL".equals(m.get("status").asString()) ? 1 : 0;
              }
              return count == official;
            });
  }

  String statusOf(JsonNode roster, String memberId) {
    for (JsonNode m : roster) {
      if (m.get("memberId").asString().equals(memberId)) {
        return m.get("status").asString();
      }
    }
    return null;
  }

  Map<String, Object> plan(String mode, String location, String link) {
    Map<String, Object> plan = new java.util.HashMap<>();
    plan.put("cellId", cellId);
    plan.put("kind", "REGULAR");
    plan.put("mode", mode);
    plan.put("title", "Sinh hoạt chi bộ định kỳ tháng 12");
    plan.put("startsAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(3).toString());
    plan.put("location", location);
    plan.put("onlineLink", link);
    plan.put(
        "agenda",
        List.of(
            Map.of("title", "Đánh giá công tác tháng 11", "documentIds", List.of("doc-1")),
            Map.of("title", "Phương hướng tháng 12", "documentIds", List.of())));
    return plan;
  }

  String scheduleMeeting() {
    TestHttp.Response r =
        http.postJson("/api/meetings", secretary, plan("IN_PERSON", "Nhà văn hoá ấp 7", null));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  static void assertValid(ConsumerRecord<String, byte[]> record) {
    String type = TestTopics.headers(record).get("ce_type");
    assertThat(EventSchemas.isKnown(type)).as(type).isTrue();
    assertThat(EventSchemas.violations(type, record.value())).as(type).isEmpty();
  }

  @Test
  void theRosterKeepsEachMembersStatusFromAnyLifecycleEventAndIgnoresWhatItCannotUse() {
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    String c = UUID.randomUUID().toString();
    fixtures.official(a, "Nguyễn Văn An", cellId, path);
    fixtures.admitted(b, "Trần Thị Bình", cellId, path);
    fixtures.official(c, "Lê Văn Cường", cellId, path);
    fixtures.statusChanged(
        "vn.digicell.member.exempted-from-activities.v1",
        c,
        3,
        cellId,
        path,
        "OFFICIAL",
        "EXEMPTED");
    // a type this service has never heard of, carrying memberId and status, applies as well
    publisher.publish(
        Fixtures.event(
            "vn.digicell.member.future-thing.v1",
            "member.events",
            b,
            2,
            path,
            """
            {"memberId":"%s","status":"EXPELLED","orgPath":"%s"}"""
                .formatted(b, path)));
    // an event without a status is ignored, and an older event delivered again changes nothing:
    // the stale admission carries another name so that applying it would show
    publisher.publish(
        Fixtures.event(
            "vn.digicell.member.note-added.v1",
            "member.events",
            a,
            3,
            path,
            """
            {"memberId":"%s","note":"x"}"""
                .formatted(a)));
    publisher.publish(
        Fixtures.event(
            "vn.digicell.member.admitted.v1",
            "member.events",
            a,
            1,
            path,
            """
            {"memberId":"%s","partyNumber":"1","fullName":"Tên cũ","gender":"MALE",\
            "birthYear":1970,"orgUnitId":"%s","orgPath":"%s","admittedOn":"2020-01-01",\
            "status":"PROBATIONARY"}"""
                .formatted(a, cellId, path)));
    // then a newer one on a's stream, consumed after the stale one (same key, same partition)
    fixtures.statusChanged(
        "vn.digicell.member.exempted-from-activities.v1",
        a,
        4,
        cellId,
        path,
        "OFFICIAL",
        "EXEMPTED");
    // b is expelled: only a and c (both exempted now) remain invited
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode roster = http.get("/api/cells/" + cellId + "/roster", secretary).json();
              return roster.size() == 2
                  && "EXEMPTED".equals(statusOf(roster, c))
                  && "EXEMPTED".equals(statusOf(roster, a));
            });
    JsonNode roster = awaitRoster(2);
    assertThat(statusOf(roster, b)).isNull();
    for (JsonNode m : roster) {
      assertThat(m.get("fullName").asString()).isNotEqualTo("Tên cũ");
      assertThat(m.get("temporary").asBoolean()).isFalse();
    }

    String otherSecretary = secretaryOf("/AG/VB/" + Fixtures.newCellCode());
    assertThat(http.get("/api/cells/" + cellId + "/roster", otherSecretary).status())
        .isEqualTo(403);
  }

  vn.digicell.platform.events.OutboxEvent attached(
      String memberId, String homePath, long seq, java.time.LocalDate until) {
    return Fixtures.event(
        "vn.digicell.member.temporarily-attached.v1",
        "member.events",
        memberId,
        seq,
        homePath,
        """
        {"memberId":"%s","transferId":"t-1","orgUnitId":"home-cell","orgPath":"%s",\
        "attachedOrgUnitId":"%s","attachedOrgPath":"%s","until":"%s","status":"OFFICIAL"}"""
            .formatted(memberId, homePath, cellId, path, until));
  }

  @Test
  void aMemberTemporarilyAttachedIsInvitedButNotCountedAndLeavesWhenTheAttachmentEnds() {
    String own = UUID.randomUUID().toString();
    fixtures.official(own, "Ở chi bộ", cellId, path);
    String guest = UUID.randomUUID().toString();
    String homePath = "/AG/VB/" + Fixtures.newCellCode();
    fixtures.official(guest, "Sinh hoạt tạm thời", "home-cell", homePath);
    // member-service's attachment event, as its current schema has it
    publisher.publish(attached(guest, homePath, 3, java.time.LocalDate.now().plusMonths(3)));
    awaitRoster(2, 2);
    String meetingId = scheduleMeeting();
    JsonNode started = http.post("/api/meetings/" + meetingId + "/start", secretary, "").json();
    for (JsonNode p : started.get("participants")) {
      boolean isGuest = p.get("memberId").asString().equals(guest);
      assertThat(p.get("temporary").asBoolean()).isEqualTo(isGuest);
      assertThat(p.get("countsForQuorum").asBoolean()).isEqualTo(!isGuest);
    }
    assertThat(
            http.get("/api/meetings/" + meetingId + "/quorum", secretary)
                .json()
                .get("base")
                .asInt())
        .isEqualTo(1);

    // an attachment whose end date has passed no longer brings the member to this cell
    publisher.publish(attached(guest, homePath, 4, java.time.LocalDate.now().minusDays(2)));
    awaitRoster(1, 1);
  }

  @Test
  void aSecretaryRunsAMeetingFromScheduleToCloseAndEveryEventMatchesItsSchema() {
    List<String> official = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = UUID.randomUUID().toString();
      official.add(id);
      fixtures.official(id, "Đảng viên " + i, cellId, path);
    }
    String probationary = UUID.randomUUID().toString();
    fixtures.admitted(probationary, "Dự bị", cellId, path);
    awaitRoster(4, 3);

    String meetingId = scheduleMeeting();
    TestHttp.Response moved =
        http.postJson(
            "/api/meetings/" + meetingId + "/reschedule",
            secretary,
            Map.of(
                "startsAt", OffsetDateTime.now().plusDays(4).toString(), "reason", "Trùng lịch"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    TestHttp.Response agenda =
        http.postJson(
            "/api/meetings/" + meetingId + "/agenda",
            secretary,
            Map.of("title", "Kết nạp đảng viên", "documentIds", List.of("doc-9")));
    assertThat(agenda.json().get("agenda").size()).isEqualTo(3);
    TestHttp.Response online =
        http.postJson(
            "/api/meetings/" + meetingId + "/switch-online",
            secretary,
            Map.of("onlineLink", "https://meet.example.vn/c07", "reason", "Mưa lũ"));
    assertThat(online.json().get("mode").asString()).isEqualTo("ONLINE");

    TestHttp.Response started = http.post("/api/meetings/" + meetingId + "/start", secretary, "");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(started.json().get("participants").size()).isEqualTo(4);
    // someone admitted after the start is not in the frozen roster
    fixtures.admitted(UUID.randomUUID().toString(), "Đến sau", cellId, path);
    awaitRoster(5);
    assertThat(http.get("/api/meetings/" + meetingId, secretary).json().get("participants").size())
        .isEqualTo(4);

    for (String id : official.subList(0, 2)) {
      assertThat(
              http.postJson(
                      "/api/meetings/" + meetingId + "/attendance",
                      secretary,
                      Map.of("memberId", id, "attendance", "PRESENT"))
                  .status())
          .isEqualTo(200);
    }
    JsonNode quorum = http.get("/api/meetings/" + meetingId + "/quorum", secretary).json();
    assertThat(quorum.get("base").asInt()).isEqualTo(3);
    assertThat(quorum.get("reached").asBoolean()).isFalse();
    http.postJson(
        "/api/meetings/" + meetingId + "/attendance",
        secretary,
        Map.of("memberId", official.get(2), "attendance", "LATE"));
    assertThat(
            http.get("/api/meetings/" + meetingId + "/quorum", secretary)
                .json()
                .get("reached")
                .asBoolean())
        .isTrue();

    String itemId = started.json().get("agenda").get(0).get("itemId").asString();
    TestHttp.Response opinion =
        http.postJson(
            "/api/meetings/" + meetingId + "/opinions",
            secretary,
            Map.of(
                "memberId",
                official.get(0),
                "agendaItemId",
                itemId,
                "summary",
                "Đề nghị tăng cường sinh hoạt chuyên đề"));
    assertThat(opinion.status()).as(opinion.body()).isEqualTo(201);
    assertThat(opinion.json().get("opinions").get(0).get("summary").asString())
        .startsWith("Đề nghị");
    assertThat(
            http.postJson(
                    "/api/meetings/" + meetingId + "/opinions",
                    secretary,
                    Map.of("memberId", official.get(0), "agendaItemId", "nope", "summary", "x"))
                .status())
        .isEqualTo(404);

    TestHttp.Response closed = http.post("/api/meetings/" + meetingId + "/close", secretary, "");
    assertThat(closed.json().get("status").asString()).isEqualTo("CLOSED");
    assertThat(closed.json().get("quorumReached").asBoolean()).isTrue();

    // scheduled, rescheduled, agenda item, online, started, 3 attendance lines, opinion, 1 absent
    // at close, closed
    List<ConsumerRecord<String, byte[]>> events =
        TestTopics.awaitRecords("meeting.events", meetingId, 11);
    assertThat(events).hasSize(11);
    JsonNode closedEvent =
        tools.jackson.databind.json.JsonMapper.shared().readTree(events.get(10).value());
    assertThat(closedEvent.get("quorumBase").asInt()).isEqualTo(3);
    assertThat(closedEvent.get("absentWithoutReason").asInt()).isEqualTo(1);
    assertThat(closedEvent.get("speakers").asInt()).isEqualTo(1);
    events.forEach(MeetingFlowTest::assertValid);
    assertThat(events.stream().map(r -> TestTopics.headers(r).get("ce_type")))
        .startsWith(
            "vn.digicell.meeting.scheduled.v1",
            "vn.digicell.meeting.rescheduled.v1",
            "vn.digicell.meeting.agenda-item-added.v1",
            "vn.digicell.meeting.switched-online.v1",
            "vn.digicell.meeting.started.v1")
        .endsWith("vn.digicell.meeting.closed.v1");
    assertThat(TestTopics.headers(events.get(0))).containsEntry("ce_orgpath", path);
  }

  @Test
  void secretariesActOnlyInTheirCellAndMembersOnlyReadTheirOwnCellsMeetings() {
    String member = UUID.randomUUID().toString();
    fixtures.official(member, "Phạm Thị Dung", cellId, path);
    awaitRoster(1, 1);
    String meetingId = scheduleMeeting();

    String otherPath = "/AG/VB/" + Fixtures.newCellCode();
    String otherSecretary = secretaryOf(otherPath);
    assertThat(http.get("/api/meetings/" + meetingId, otherSecretary).status()).isEqualTo(403);
    assertThat(
            http.post(
                    "/api/meetings/" + meetingId + "/cancel", otherSecretary, "{\"reason\":\"x\"}")
                .status())
        .isEqualTo(403);
    assertThat(
            http.postJson("/api/meetings", otherSecretary, plan("IN_PERSON", "Hội trường", null))
                .status())
        .isEqualTo(403);

    String own = memberToken(member, path);
    assertThat(http.get("/api/meetings/" + meetingId, own).status()).isEqualTo(200);
    assertThat(http.get("/api/meetings?cellId=" + cellId, own).json().size()).isEqualTo(1);
    assertThat(http.post("/api/meetings/" + meetingId + "/start", own, "").status()).isEqualTo(403);
    // membership is the grant the token carries (member of another cell here), not the roster
    String stranger = memberToken(member, "/AG/VB/" + Fixtures.newCellCode());
    assertThat(http.get("/api/meetings/" + meetingId, stranger).status()).isEqualTo(403);
    assertThat(http.get("/api/meetings/" + meetingId, null).status()).isEqualTo(401);

    String committee = TestTokens.forUser("commune").roles("committee").orgScope("/AG/VB").sign();
    assertThat(http.get("/api/meetings/" + meetingId, committee).status()).isEqualTo(200);
    assertThat(http.post("/api/meetings/" + meetingId + "/start", committee, "").status())
        .isEqualTo(403);
  }

  @Test
  void badInputIsAClearProblemAndChangesNothing() {
    TestHttp.Response noLink =
        http.postJson("/api/meetings", secretary, plan("ONLINE", null, null));
    assertThat(noLink.status()).isEqualTo(400);
    assertThat(noLink.json().get("type").asString()).endsWith("online-link-required");
    TestHttp.Response badLink =
        http.postJson("/api/meetings", secretary, plan("HYBRID", "Hội trường", "javascript:x"));
    assertThat(badLink.json().get("type").asString()).endsWith("invalid-online-link");
    Map<String, Object> past = plan("IN_PERSON", "Hội trường", null);
    past.put("startsAt", "2020-01-01T08:00:00+07:00");
    assertThat(http.postJson("/api/meetings", secretary, past).status()).isEqualTo(422);
    Map<String, Object> noKind = plan("IN_PERSON", "Hội trường", null);
    noKind.remove("kind");
    TestHttp.Response invalid = http.postJson("/api/meetings", secretary, noKind);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.header("Content-Type")).contains("application/problem+json");
    assertThat(http.get("/api/meetings?cellId=" + cellId, secretary).json().size()).isZero();

    String meetingId = scheduleMeeting();
    assertThat(http.post("/api/meetings/" + meetingId + "/close", secretary, "").status())
        .isEqualTo(422);
    assertThat(
            http.postJson("/api/meetings/" + meetingId + "/cancel", secretary, Map.of()).status())
        .isEqualTo(400);
    TestHttp.Response cancelled =
        http.postJson("/api/meetings/" + meetingId + "/cancel", secretary, Map.of("reason", "Bão"));
    assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
    assertThat(http.post("/api/meetings/" + meetingId + "/start", secretary, "").status())
        .isEqualTo(422);
  }

  @Test
  void aMemberChecksInWithTheMeetingsQrCodeAndOtherCodesAreRefused() {
    String member = UUID.randomUUID().toString();
    fixtures.official(member, "Võ Văn Em", cellId, path);
    awaitRoster(1, 1);
    String meetingId = scheduleMeeting();
    String otherMeeting = scheduleMeeting();
    String own = memberToken(member, path);
    assertThat(http.get("/api/meetings/" + meetingId + "/check-in-code", secretary).status())
        .isEqualTo(422);
    http.post("/api/meetings/" + meetingId + "/start", secretary, "");
    http.post("/api/meetings/" + otherMeeting + "/start", secretary, "");

    TestHttp.Response code = http.get("/api/meetings/" + meetingId + "/check-in-code", secretary);
    assertThat(code.status()).isEqualTo(200);
    String qr = code.json().get("code").asString();
    assertThat(http.get("/api/meetings/" + meetingId + "/check-in-code", own).status())
        .isEqualTo(403);

    TestHttp.Response wrong =
        http.postJson("/api/meetings/" + otherMeeting + "/check-in", own, Map.of("code", qr));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.json().get("type").asString()).endsWith("check-in-code-for-another-meeting");
    TestHttp.Response tampered =
        http.postJson("/api/meetings/" + meetingId + "/check-in", own, Map.of("code", qr + "A"));
    assertThat(tampered.status()).isEqualTo(400);

    String stranger = memberToken(UUID.randomUUID().toString(), path);
    assertThat(
            http.postJson("/api/meetings/" + meetingId + "/check-in", stranger, Map.of("code", qr))
                .status())
        .isEqualTo(403);

    TestHttp.Response in =
        http.postJson("/api/meetings/" + meetingId + "/check-in", own, Map.of("code", qr));
    assertThat(in.status()).as(in.body()).isEqualTo(200);
    assertThat(in.json().get("attendance").asString()).isEqualTo("PRESENT");
    JsonNode meeting = http.get("/api/meetings/" + meetingId, own).json();
    assertThat(meeting.get("participants").get(0).get("attendance").asString())
        .isEqualTo("PRESENT");
  }

  @Test
  void joiningOnlineBeforeTheStartSaysWhenTheLinkOpensAndAfterTheStartRecordsOnline() {
    String member = UUID.randomUUID().toString();
    fixtures.official(member, "Trực tuyến sớm", cellId, path);
    awaitRoster(1, 1);
    String own = memberToken(member, path);
    TestHttp.Response r =
        http.postJson(
            "/api/meetings", secretary, plan("HYBRID", "Hội trường", "https://meet.example.vn/h"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String meetingId = r.json().get("id").asString();

    // before the start: a rule saying the link opens at the start, never an access error
    TestHttp.Response early = http.post("/api/meetings/" + meetingId + "/join-online", own, "");
    assertThat(early.status()).as(early.body()).isEqualTo(422);
    assertThat(early.json().get("type").asString()).endsWith("meeting-not-started");
    String stranger = memberToken(UUID.randomUUID().toString(), path + "X");
    assertThat(http.post("/api/meetings/" + meetingId + "/join-online", stranger, "").status())
        .isEqualTo(403);

    http.post("/api/meetings/" + meetingId + "/start", secretary, "");
    TestHttp.Response joined = http.post("/api/meetings/" + meetingId + "/join-online", own, "");
    assertThat(joined.status()).as(joined.body()).isEqualTo(200);
    assertThat(joined.json().get("onlineLink").asString()).isEqualTo("https://meet.example.vn/h");
    JsonNode participant = null;
    for (JsonNode p : http.get("/api/meetings/" + meetingId, own).json().get("participants")) {
      if (p.get("memberId").asString().equals(member)) {
        participant = p;
      }
    }
    assertThat(participant).isNotNull();
    assertThat(participant.get("attendance").asString()).isEqualTo("PRESENT");
    assertThat(participant.get("recordedVia").asString()).isEqualTo("ONLINE");
  }

  @Test
  void membersJoiningOnlineAtTheSameTimeAreAllCheckedIn() throws Exception {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = UUID.randomUUID().toString();
      members.add(id);
      fixtures.official(id, "Trực tuyến " + i, cellId, path);
    }
    awaitRoster(6, 6);
    String inPerson = scheduleMeeting();
    http.post("/api/meetings/" + inPerson + "/start", secretary, "");
    assertThat(
            http.post(
                    "/api/meetings/" + inPerson + "/join-online",
                    memberToken(members.get(0), path),
                    "")
                .status())
        .isEqualTo(422);

    TestHttp.Response r =
        http.postJson(
            "/api/meetings", secretary, plan("ONLINE", null, "https://meet.example.vn/c"));
    String meetingId = r.json().get("id").asString();
    http.post("/api/meetings/" + meetingId + "/start", secretary, "");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(members.size());
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<TestHttp.Response>> joins = new ArrayList<>();
    for (String member : members) {
      joins.add(
          pool.submit(
              () -> {
                go.await();
                return http.post(
                    "/api/meetings/" + meetingId + "/join-online", memberToken(member, path), "");
              }));
    }
    go.countDown();
    for (java.util.concurrent.Future<TestHttp.Response> join : joins) {
      TestHttp.Response joined = join.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(joined.status()).as(joined.body()).isEqualTo(200);
      assertThat(joined.json().get("onlineLink").asString()).isEqualTo("https://meet.example.vn/c");
      assertThat(joined.json().get("attendance").asString()).isEqualTo("PRESENT");
    }
    pool.shutdown();
    JsonNode quorum = http.get("/api/meetings/" + meetingId + "/quorum", secretary).json();
    assertThat(quorum.get("attending").asInt()).isEqualTo(6);
    assertThat(quorum.get("reached").asBoolean()).isTrue();
  }

  @Test
  void aCommitteeListsTheCellsAndMeetingsOfItsSubtreeOnly() {
    String meetingId = scheduleMeeting();
    String committee = TestTokens.forUser("commune").roles("committee").orgScope("/AG/VB").sign();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http.get("/api/cells?under=/AG/VB", committee).body().contains(cellId));
    assertThat(http.get("/api/meetings?under=/AG/VB", committee).body()).contains(meetingId);
    String otherCommune = TestTokens.forUser("other").roles("committee").orgScope("/AG/XX").sign();
    assertThat(http.get("/api/meetings?under=/AG/VB", otherCommune).status()).isEqualTo(403);
    assertThat(http.get("/api/cells?under=/AG/VB", otherCommune).status()).isEqualTo(403);
    assertThat(http.get("/api/meetings?under=/AG/XX", otherCommune).json().size()).isZero();
    assertThat(http.get("/api/meetings", committee).status()).isEqualTo(400);
  }

  @Test
  void remindersAreDueForMeetingsStartingSoonAndGoOutOnce() {
    Map<String, Object> soon = plan("IN_PERSON", "Hội trường", null);
    soon.put("startsAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(2).toString());
    String meetingId = http.postJson("/api/meetings", secretary, soon).json().get("id").asString();
    Map<String, Object> inFiveDays = plan("IN_PERSON", "Hội trường", null);
    inFiveDays.put("startsAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(5).toString());
    String later =
        http.postJson("/api/meetings", secretary, inFiveDays).json().get("id").asString();
    assertThat(reminders.sendDue()).isGreaterThanOrEqualTo(1);
    reminders.sendDue();
    List<ConsumerRecord<String, byte[]>> events =
        TestTopics.awaitRecords("meeting.events", meetingId, 2);
    assertThat(events).hasSize(2);
    ConsumerRecord<String, byte[]> reminder = events.get(1);
    assertThat(TestTopics.headers(reminder))
        .containsEntry("ce_type", "vn.digicell.meeting.reminder-due.v1");
    assertValid(reminder);
    assertThat(new String(reminder.value(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("DOCUMENTS", "doc-1");
    assertThat(TestTopics.read("meeting.events", later)).hasSize(1);
  }
}
