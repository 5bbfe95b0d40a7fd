package vn.digicell.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.digicell.notification.TestEvents.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.events.OutboxEvent;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * Real events on the real broker become notices for the right people, from the local roster; an
 * event delivered twice gives each recipient one notice.
 */
@DigiCellIntegrationTest
class EventsToNoticesTest {

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired MongoTemplate mongo;

  TestHttp http;
  String commune;
  String cell;
  String otherCell;
  String cellId;
  String otherCellId;
  String a;
  String b;
  String secretary;
  String committee;

  @BeforeEach
  void roster() {
    http = new TestHttp("http://localhost:" + port);
    int n = ThreadLocalRandom.current().nextInt(100_000, 999_999);
    commune = "/AG/X" + n;
    cell = commune + "/C07";
    otherCell = commune + "/C01";
    cellId = "cell-" + n;
    otherCellId = "cell-o" + n;
    a = UUID.randomUUID().toString();
    b = UUID.randomUUID().toString();
    secretary = UUID.randomUUID().toString();
    committee = UUID.randomUUID().toString();
    publisher.publish(
        event(
            "vn.digicell.orgunit.created.v1",
            "orgunit.events",
            "commune-" + n,
            1,
            commune,
            TestEvents.unitCreated("commune-" + n, "X" + n, "Xã Vĩnh Bình", "COMMUNE", commune)));
    publisher.publish(
        event(
            "vn.digicell.orgunit.created.v1",
            "orgunit.events",
            cellId,
            1,
            cell,
            TestEvents.unitCreated(cellId, "C07", "Chi bộ ấp 7", "CELL", cell)));
    admit(a, "Nguyễn Văn An", cellId, cell);
    admit(b, "Trần Thị Bình", cellId, cell);
    admit(secretary, "Lê Văn Sáu", cellId, cell);
    admit(committee, "Phạm Thị Kim", "cell-o" + n, otherCell);
    publisher.publish(
        event(
            "vn.digicell.member.history-recorded.v1",
            "member.events",
            secretary,
            2,
            cell,
            TestEvents.position(secretary, cellId, cell, "e-" + n, "CELL_SECRETARY")));
    publisher.publish(
        event(
            "vn.digicell.member.history-recorded.v1",
            "member.events",
            committee,
            2,
            otherCell,
            TestEvents.position(committee, "cell-o" + n, otherCell, "k-" + n, "COMMITTEE_MEMBER")));
    publisher.publish(
        event(
            "vn.digicell.member.contact-changed.v1",
            "member.contacts",
            b,
            1,
            cell,
            TestEvents.contact(b, "Trần Thị Bình", null, null, "en")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo.count(Query.query(Criteria.where("actsFor").in(cell, commune)), "roster") == 2
                    && mongo.count(
                            Query.query(Criteria.where("_id").is(b).and("language").is("en")),
                            "roster")
                        == 1
                    && mongo.count(
                            Query.query(
                                Criteria.where("_id").is(cellId).and("name").is("Chi bộ ấp 7")),
                            "units")
                        == 1);
  }

  private void admit(String id, String name, String unitId, String path) {
    publisher.publish(
        event(
            "vn.digicell.member.admitted.v1",
            "member.events",
            id,
            1,
            path,
            TestEvents.admitted(id, name, unitId, path)));
  }

  private String token(String memberId) {
    return TestTokens.forUser("u-" + memberId)
        .roles("member")
        .orgScope(cell)
        .memberId(memberId)
        .sign();
  }

  private List<JsonNode> inbox(String memberId) {
    JsonNode page = http.get("/api/notifications?size=100", token(memberId)).json();
    List<JsonNode> items = new ArrayList<>();
    page.get("items").forEach(items::add);
    return items;
  }

  private List<JsonNode> ofKind(String memberId, String kind) {
    return inbox(memberId).stream().filter(n -> n.get("kind").asString().equals(kind)).toList();
  }

  private List<JsonNode> awaitKind(String memberId, String kind, int count) {
    List<List<JsonNode>> seen = new ArrayList<>(List.of(List.of()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              seen.set(0, ofKind(memberId, kind));
              return seen.get(0).size() >= count;
            });
    return seen.get(0);
  }

  private OutboxEvent scheduled(String meetingId) {
    return event(
        "vn.digicell.meeting.scheduled.v1",
        "meeting.events",
        meetingId,
        1,
        cell,
        """
        {"meetingId":"%s","cellId":"%s","orgPath":"%s","kind":"REGULAR","mode":"IN_PERSON",\
        "title":"Sinh hoạt chi bộ tháng 12","startsAt":"2026-12-05T12:30:00Z",\
        "location":"Hội trường ấp 7","onlineLink":null,\
        "agenda":[{"itemId":"i1","title":"Nghị quyết","documentIds":["d1-%s","d2-%s"]}]}"""
            .formatted(meetingId, cellId, cell, meetingId, meetingId));
  }

  @Test
  void aMeetingScheduledTwiceGivesEachInviteeOneNoticeInTheirLanguage() {
    String meetingId = UUID.randomUUID().toString();
    OutboxEvent scheduled = scheduled(meetingId);
    publisher.publish(scheduled);
    publisher.publish(scheduled);
    // a later event of the same meeting (same partition): once its notices are there, both
    // deliveries of the first were consumed
    publisher.publish(
        TestEvents.next(
            scheduled,
            "vn.digicell.meeting.rescheduled.v1",
            2,
            """
            {"meetingId":"%s","previousStartsAt":"2026-12-05T12:30:00Z",\
            "startsAt":"2026-12-06T01:00:00Z","reason":"Trùng lịch"}"""
                .formatted(meetingId)));

    for (String member : List.of(a, b, secretary)) {
      List<JsonNode> notices = awaitKind(member, "MEETING", 2);
      assertThat(notices).as(member).hasSize(2);
    }
    assertThat(ofKind(committee, "MEETING")).isEmpty();

    JsonNode vi = ofKind(a, "MEETING").get(1); // oldest: the scheduled one
    assertThat(vi.get("title").asString()).isEqualTo("Lịch sinh hoạt: Sinh hoạt chi bộ tháng 12");
    assertThat(vi.get("body").asString()).contains("19:30 05/12/2026").contains("Hội trường ấp 7");
    assertThat(vi.get("link").asString()).isEqualTo("/#/meeting/" + meetingId);
    JsonNode moved = ofKind(a, "MEETING").get(0);
    assertThat(moved.get("body").asString())
        .contains("08:00 06/12/2026")
        .contains("19:30 05/12/2026");
    JsonNode en = ofKind(b, "MEETING").get(1);
    assertThat(en.get("title").asString()).isEqualTo("Cell meeting: Sinh hoạt chi bộ tháng 12");
  }

  @Test
  void aMeetingEnteredAfterwardsFromAPaperRegisterInvitesNobody() {
    String meetingId = UUID.randomUUID().toString();
    OutboxEvent recorded =
        event(
            "vn.digicell.meeting.scheduled.v1",
            "meeting.events",
            meetingId,
            1,
            cell,
            """
            {"meetingId":"%s","cellId":"%s","orgPath":"%s","kind":"REGULAR","mode":"IN_PERSON",\
            "title":"Sinh hoạt chi bộ tháng 9","startsAt":"2026-09-05T12:30:00Z",\
            "location":"Hội trường ấp 7","onlineLink":null,"agenda":[],"recordedAfterwards":true}"""
                .formatted(meetingId, cellId, cell));
    publisher.publish(recorded);
    // a later event of the same meeting (same partition) proves the first one was consumed
    publisher.publish(
        TestEvents.next(
            recorded,
            "vn.digicell.meeting.rescheduled.v1",
            2,
            """
            {"meetingId":"%s","previousStartsAt":"2026-09-05T12:30:00Z",\
            "startsAt":"2026-09-06T01:00:00Z","reason":"Sửa ngày ghi sổ"}"""
                .formatted(meetingId)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ofKind(a, "MEETING").stream()
                    .anyMatch(n -> n.get("link").asString().endsWith(meetingId)));
    assertThat(
            ofKind(a, "MEETING").stream().filter(n -> n.get("link").asString().endsWith(meetingId)))
        .hasSize(1)
        .allMatch(n -> !n.get("title").asString().startsWith("Lịch sinh hoạt"));
  }

  @Test
  void theDocumentsReminderGoesOnlyToInviteesWhoHaveNotOpenedThem() {
    String meetingId = UUID.randomUUID().toString();
    publisher.publish(scheduled(meetingId));
    for (String doc : List.of("d1-" + meetingId, "d2-" + meetingId)) {
      publisher.publish(
          event(
              "vn.digicell.document.read.v1",
              "document.events",
              doc,
              1,
              cell,
              """
              {"documentId":"%s","memberId":"%s","orgPath":"%s","version":1,\
              "readAt":"2026-11-20T10:00:00Z"}"""
                  .formatted(doc, a, cell)));
    }
    // b opened one of the two
    publisher.publish(
        event(
            "vn.digicell.document.read.v1",
            "document.events",
            "d1-" + meetingId,
            2,
            cell,
            """
            {"documentId":"d1-%s","memberId":"%s","orgPath":"%s","version":1,\
            "readAt":"2026-11-20T11:00:00Z"}"""
                .formatted(meetingId, b, cell)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo.count(
                        Query.query(Criteria.where("documentId").regex(meetingId)),
                        "document_reads")
                    == 3);
    publisher.publish(
        event(
            "vn.digicell.meeting.reminder-due.v1",
            "meeting.events",
            meetingId,
            2,
            cell,
            """
            {"meetingId":"%s","cellId":"%s","orgPath":"%s","reminder":"DOCUMENTS",\
            "startsAt":"2026-12-05T12:30:00Z","mode":"IN_PERSON","documentIds":["d1-%s","d2-%s"]}"""
                .formatted(meetingId, cellId, cell, meetingId, meetingId)));

    JsonNode toB = awaitKind(b, "DOCUMENT", 1).get(0);
    assertThat(toB.get("body").asString()).contains("1 unopened");
    JsonNode toSecretary = awaitKind(secretary, "DOCUMENT", 1).get(0);
    assertThat(toSecretary.get("body").asString()).contains("còn 2 tài liệu chưa mở");
    // issued in the same batch as the others: a has read everything and gets none
    assertThat(ofKind(a, "DOCUMENT")).isEmpty();
  }

  @Test
  void transferStepsReachTheMemberAndTheSecretariesAndCommitteesInvolved() {
    String transferId = UUID.randomUUID().toString();
    publisher.publish(
        event(
            "vn.digicell.member.transfer-approved.v1",
            "member.events",
            a,
            5,
            cell,
            """
            {"transferId":"%s","memberId":"%s","kind":"OFFICIAL","state":"APPROVED",\
            "fromOrgUnitId":"%s","fromOrgPath":"%s","toOrgUnitId":"other","toOrgPath":"/HN/BD/C01",\
            "effectiveOn":"2026-12-01","deadline":null,"temporaryUntil":null,"letterNumber":null,\
            "note":null}"""
                .formatted(transferId, a, cellId, cell)));
    JsonNode own = awaitKind(a, "TRANSFER", 1).get(0);
    assertThat(own.get("title").asString()).isEqualTo("Chuyển sinh hoạt đảng đã được duyệt");
    assertThat(own.get("body").asString())
        .contains("Chi bộ ấp 7")
        .contains("/HN/BD/C01")
        .contains("01/12/2026")
        .doesNotContain("2026-12-01");
    JsonNode toSecretary = awaitKind(secretary, "TRANSFER", 1).get(0);
    assertThat(toSecretary.get("title").asString()).contains("Nguyễn Văn An");
    JsonNode toCommittee = awaitKind(committee, "TRANSFER", 1).get(0);
    assertThat(toCommittee.get("link").asString()).isEqualTo("/#/notices");
    assertThat(ofKind(b, "TRANSFER")).isEmpty();
  }

  @Test
  void sealedMinutesReachTheCellAlertsTheCommuneCommitteeAndPositionsTheHolder() {
    String meetingId = UUID.randomUUID().toString();
    publisher.publish(
        event(
            "vn.digicell.document.minutes-sealed.v1",
            "document.events",
            meetingId,
            1,
            cell,
            """
            {"meetingId":"%s","archiveRecordId":"r-1","orgPath":"%s","logIndex":7,\
            "leafHash":"%s","checkpoint":{"size":8,"rootHash":"%s","signedNote":"note"}}"""
                .formatted(meetingId, cell, "A".repeat(43) + "=", "B".repeat(43) + "=")));
    for (String member : List.of(a, b, secretary)) {
      assertThat(awaitKind(member, "MINUTES", 1)).hasSize(1);
    }
    publisher.publish(
        event(
            "vn.digicell.meeting.absence-alert-raised.v1",
            "meeting.events",
            a,
            1,
            cell,
            """
            {"memberId":"%s","cellId":"%s","orgPath":"%s","meetingIds":["m1","m2","m3"],\
            "windowFrom":"2026-08-01","windowTo":"2026-10-31"}"""
                .formatted(a, cellId, cell)));
    JsonNode alert = awaitKind(committee, "ALERT", 1).get(0);
    assertThat(alert.get("body").asString())
        .contains("Nguyễn Văn An")
        .contains("Chi bộ ấp 7")
        .contains("vắng 3 buổi");
    assertThat(ofKind(committee, "MINUTES")).isEmpty();
    assertThat(ofKind(secretary, "ALERT")).isEmpty();

    JsonNode position = awaitKind(secretary, "POSITION", 1).get(0);
    assertThat(position.get("title").asString()).contains("Bí thư chi bộ");
    assertThat(position.get("body").asString()).contains("Chi bộ ấp 7");
  }

  @Test
  void aMovedCommuneKeepsItsCommitteeAndAReassignedMemberIsTold() {
    String newCommune = "/KG" + commune.substring(3);
    publisher.publish(
        event(
            "vn.digicell.orgunit.moved.v1",
            "orgunit.events",
            "commune-" + commune.substring(5),
            2,
            newCommune,
            """
            {"orgUnitId":"commune-%s","code":"%s","oldPath":"%s","newPath":"%s",\
            "oldParentId":"ag","newParentId":"kg","reason":"MOVE","effectiveOn":"2026-12-01",\
            "decisionNumber":null}"""
                .formatted(commune.substring(5), commune.substring(4), commune, newCommune)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo.count(Query.query(Criteria.where("actsFor").is(newCommune)), "roster") == 1);
    publisher.publish(
        event(
            "vn.digicell.meeting.regular-meeting-missed.v1",
            "meeting.events",
            cellId,
            1,
            newCommune + "/C07",
            """
            {"cellId":"%s","orgPath":"%s","month":"2026-11"}"""
                .formatted(cellId, newCommune + "/C07")));
    JsonNode alert = awaitKind(committee, "ALERT", 1).get(0);
    assertThat(alert.get("body").asString()).contains("Chi bộ ấp 7").contains("2026-11");

    publisher.publish(
        event(
            "vn.digicell.member.reassigned.v1",
            "member.events",
            b,
            3,
            newCommune + "/C01",
            """
            {"memberId":"%s","fromOrgUnitId":"%s","fromOrgPath":"%s","toOrgUnitId":"o",\
            "toOrgPath":"%s","reason":"MERGE","effectiveOn":"2026-12-01","status":"PROBATIONARY"}"""
                .formatted(b, cellId, newCommune + "/C07", newCommune + "/C01")));
    JsonNode told = awaitKind(b, "MEMBERSHIP", 1).get(0);
    assertThat(told.get("title").asString()).isEqualTo("You belong to a new unit");
    assertThat(
            mongo.count(
                Query.query(Criteria.where("_id").is(b).and("orgPath").is(newCommune + "/C01")),
                "roster"))
        .isEqualTo(1);
  }

  private OutboxEvent scheduledIn(String meetingId, String unitId, String path) {
    return event(
        "vn.digicell.meeting.scheduled.v1",
        "meeting.events",
        meetingId,
        1,
        path,
        """
        {"meetingId":"%s","cellId":"%s","orgPath":"%s","kind":"REGULAR","mode":"IN_PERSON",\
        "title":"Sinh hoạt chi bộ %s","startsAt":"2026-12-15T12:30:00Z",\
        "location":"Nhà văn hóa","onlineLink":null,"agenda":[]}"""
            .formatted(meetingId, unitId, path, meetingId));
  }

  private long noticesFor(String memberId, String link) {
    return inbox(memberId).stream().filter(n -> link.equals(n.get("link").asString())).count();
  }

  @Test
  void anEndedAttachmentTellsTheMemberOnceAndTheHostCellNoLongerInvitesThem() {
    String transferId = UUID.randomUUID().toString();
    String until = java.time.LocalDate.now().plusDays(60).toString();
    publisher.publish(
        event(
            "vn.digicell.member.temporarily-attached.v1",
            "member.events",
            a,
            10,
            cell,
            """
            {"memberId":"%s","transferId":"%s","orgUnitId":"%s","orgPath":"%s",\
            "attachedOrgUnitId":"%s","attachedOrgPath":"%s","until":"%s","status":"PROBATIONARY"}"""
                .formatted(a, transferId, cellId, cell, otherCellId, otherCell, until)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo.count(
                        Query.query(
                            Criteria.where("_id").is(a).and("attachedOrgPath").is(otherCell)),
                        "roster")
                    == 1);
    // while attached, the host cell's meetings invite the guest
    String during = UUID.randomUUID().toString();
    publisher.publish(scheduledIn(during, otherCellId, otherCell));
    await().atMost(Duration.ofSeconds(30)).until(() -> noticesFor(a, "/#/meeting/" + during) == 1);

    OutboxEvent ended =
        event(
            "vn.digicell.member.attachment-ended.v1",
            "member.events",
            a,
            11,
            cell,
            """
            {"memberId":"%s","orgUnitId":"%s","orgPath":"%s","attachedOrgUnitId":"%s",\
            "attachedOrgPath":"%s","transferId":"%s","until":"%s","endedOn":"%s","early":true}"""
                .formatted(
                    a,
                    cellId,
                    cell,
                    otherCellId,
                    otherCell,
                    transferId,
                    until,
                    java.time.LocalDate.now()));
    publisher.publish(ended);
    publisher.publish(ended); // redelivered
    // a later event of the same member (same partition) proves both copies were consumed
    publisher.publish(
        TestEvents.next(
            ended,
            "vn.digicell.member.identity-corrected.v1",
            12,
            """
            {"memberId":"%s","orgUnitId":"%s","orgPath":"%s","entryId":"fix-%s",\
            "fields":["FULL_NAME"],"fullName":"Nguyễn Văn Ăn"}"""
                .formatted(a, cellId, cell, a)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo.count(
                        Query.query(
                            Criteria.where("_id").is(a).and("fullName").is("Nguyễn Văn Ăn")),
                        "roster")
                    == 1);
    // one notice of the start, one of the end: the redelivered end told nobody twice
    List<JsonNode> told =
        ofKind(a, "MEMBERSHIP").stream()
            .filter(n -> n.get("title").asString().startsWith("Kết thúc"))
            .toList();
    assertThat(
            mongo.count(
                Query.query(Criteria.where("_id").is(a).and("attachedOrgPath").exists(true)),
                "roster"))
        .isZero();
    assertThat(told).hasSize(1);
    assertThat(told.get(0).get("title").asString()).isEqualTo("Kết thúc sinh hoạt tạm thời");
    assertThat(told.get(0).get("body").asString())
        .contains(
            java.time.LocalDate.now()
                .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
    assertThat(ofKind(a, "MEMBERSHIP")).hasSize(2);
    // the roster no longer counts them in the host cell: its next meeting does not invite them
    String after = UUID.randomUUID().toString();
    publisher.publish(scheduledIn(after, otherCellId, otherCell));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> noticesFor(committee, "/#/meeting/" + after) == 1);
    assertThat(noticesFor(a, "/#/meeting/" + after)).isZero();
    // nobody else was told of the attachment's end
    assertThat(ofKind(secretary, "MEMBERSHIP")).isEmpty();
    assertThat(ofKind(committee, "MEMBERSHIP")).isEmpty();
  }

  @Test
  void aCorrectedNameIsWhatTheRosterAndLaterNoticesUse() {
    publisher.publish(
        event(
            "vn.digicell.member.identity-corrected.v1",
            "member.events",
            a,
            20,
            cell,
            """
            {"memberId":"%s","orgUnitId":"%s","orgPath":"%s","entryId":"fix-%s",\
            "fields":["FULL_NAME","DATE_OF_BIRTH"],"fullName":"Nguyễn Văn Ân","gender":null,\
            "birthYear":1986,"partyNumber":null,"admittedOn":null,"officialOn":null}"""
                .formatted(a, cellId, cell, a)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo.count(
                        Query.query(
                            Criteria.where("_id").is(a).and("fullName").is("Nguyễn Văn Ân")),
                        "roster")
                    == 1);
    // a correction of other fields keeps the name
    publisher.publish(
        event(
            "vn.digicell.member.identity-corrected.v1",
            "member.events",
            a,
            21,
            cell,
            """
            {"memberId":"%s","orgUnitId":"%s","orgPath":"%s","entryId":"fix2-%s",\
            "fields":["GENDER"],"gender":"MALE"}"""
                .formatted(a, cellId, cell, a)));
    publisher.publish(
        event(
            "vn.digicell.meeting.absence-alert-raised.v1",
            "meeting.events",
            a,
            1,
            cell,
            """
            {"memberId":"%s","cellId":"%s","orgPath":"%s","meetingIds":["m1","m2","m3"],\
            "windowFrom":"2026-08-01","windowTo":"2026-10-31"}"""
                .formatted(a, cellId, cell)));
    JsonNode alert = awaitKind(committee, "ALERT", 1).get(0);
    assertThat(alert.get("body").asString())
        .contains("Nguyễn Văn Ân")
        .doesNotContain("Nguyễn Văn An");
    assertThat(
            mongo.count(
                Query.query(Criteria.where("_id").is(a).and("fullName").is("Nguyễn Văn Ân")),
                "roster"))
        .isEqualTo(1);
  }

  @Test
  void aMemberCarriedOverFromALegacyRegisterGetsAnInboxNoteAndNothingOnOtherChannels()
      throws Exception {
    String legacy = UUID.randomUUID().toString();
    String fresh = UUID.randomUUID().toString();
    for (String id : List.of(legacy, fresh)) {
      publisher.publish(
          event(
              "vn.digicell.member.contact-changed.v1",
              "member.contacts",
              id,
              1,
              cell,
              """
              {"memberId":"%s","fullName":"Đảng viên %s","email":"%s@example.vn",\
              "phone":"0912345678","preferredLanguage":"vi","zaloId":"123456789"}"""
                  .formatted(id, id.substring(0, 4), id)));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo.count(Query.query(Criteria.where("_id").in(legacy, fresh)), "contacts") == 2);
    // the legacy member even chose every channel for everything
    assertThat(
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(
                                "http://localhost:" + port + "/api/notifications/preferences"))
                        .header("Authorization", "Bearer " + token(legacy))
                        .header("Content-Type", "application/json")
                        .PUT(
                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"channels\":{\"*\":[\"EMAIL\",\"SMS\",\"ZALO\"]}}"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
    String imported =
        TestEvents.admitted(legacy, "Võ Thị Xưa", cellId, cell)
            .replace(
                "\"status\":\"PROBATIONARY\"",
                "\"status\":\"PROBATIONARY\",\"source\":\"LEGACY_IMPORT\"");
    publisher.publish(
        event("vn.digicell.member.admitted.v1", "member.events", legacy, 1, cell, imported));
    publisher.publish(
        event(
            "vn.digicell.member.admitted.v1",
            "member.events",
            fresh,
            1,
            cell,
            TestEvents.admitted(fresh, "Võ Văn Mới", cellId, cell)
                .replace(
                    "\"status\":\"PROBATIONARY\"",
                    "\"status\":\"PROBATIONARY\",\"source\":\"ADMISSION\"")));

    JsonNode note = awaitKind(legacy, "MEMBERSHIP", 1).get(0);
    assertThat(note.get("title").asString())
        .isEqualTo("Hồ sơ đảng viên của đồng chí đã có trên Chi bộ số");
    assertThat(note.get("body").asString()).contains("Võ Thị Xưa").contains("Chi bộ ấp 7");
    assertThat(ofKind(legacy, "WELCOME")).isEmpty();
    JsonNode onlyInbox =
        http.get("/api/notifications/" + note.get("id").asString() + "/deliveries", token(legacy))
            .json();
    assertThat(onlyInbox.findValuesAsString("channel")).containsExactly("INBOX");
    assertThat(mongo.count(Query.query(Criteria.where("memberId").is(legacy)), "deliveries"))
        .isZero();

    // a member admitted now still gets the welcome, on e-mail too
    JsonNode welcome = awaitKind(fresh, "WELCOME", 1).get(0);
    assertThat(ofKind(fresh, "MEMBERSHIP")).isEmpty();
    JsonNode channels =
        http.get("/api/notifications/" + welcome.get("id").asString() + "/deliveries", token(fresh))
            .json();
    assertThat(channels.findValuesAsString("channel")).containsExactly("INBOX", "EMAIL");
  }

  @Test
  void decisionsDatedLongAgoAreEnteredHistoryAndStayInTheInbox() {
    String old = UUID.randomUUID().toString();
    publisher.publish(
        event(
            "vn.digicell.member.contact-changed.v1",
            "member.contacts",
            old,
            1,
            cell,
            """
            {"memberId":"%s","fullName":"Lâm Văn Cũ","email":"cu-%s@example.vn",\
            "preferredLanguage":"vi"}"""
                .formatted(old, old.substring(0, 8))));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> mongo.count(Query.query(Criteria.where("_id").is(old)), "contacts") == 1);
    // entered from the paper register: admitted in 1995, official in 1996
    publisher.publish(
        event(
            "vn.digicell.member.admitted.v1",
            "member.events",
            old,
            1,
            cell,
            TestEvents.admitted(old, "Lâm Văn Cũ", cellId, cell)
                .replace(
                    "\"admittedOn\":\"" + java.time.LocalDate.now(),
                    "\"admittedOn\":\"1995-03-02")));
    publisher.publish(
        event(
            "vn.digicell.member.recognised-official.v1",
            "member.events",
            old,
            2,
            cell,
            """
            {"memberId":"%s","orgUnitId":"%s","orgPath":"%s","previousStatus":"PROBATIONARY",\
            "status":"OFFICIAL","effectiveOn":"1996-03-02","decisionNumber":"1-QĐ"}"""
                .formatted(old, cellId, cell)));
    JsonNode welcome = awaitKind(old, "WELCOME", 1).get(0);
    JsonNode official = awaitKind(old, "MEMBERSHIP", 1).get(0);
    for (JsonNode notice : List.of(welcome, official)) {
      JsonNode channels =
          http.get("/api/notifications/" + notice.get("id").asString() + "/deliveries", token(old))
              .json();
      assertThat(channels.findValuesAsString("channel")).containsExactly("INBOX");
    }

    // a decision of last week is news: it goes out on the member's channels too
    publisher.publish(
        event(
            "vn.digicell.member.exempted-from-activities.v1",
            "member.events",
            old,
            3,
            cell,
            """
            {"memberId":"%s","orgUnitId":"%s","orgPath":"%s","previousStatus":"OFFICIAL",\
            "status":"EXEMPTED","effectiveOn":"%s","decisionNumber":"2-QĐ"}"""
                .formatted(old, cellId, cell, java.time.LocalDate.now().minusDays(7))));
    JsonNode exempted = awaitKind(old, "MEMBERSHIP", 2).get(0);
    assertThat(exempted.get("id").asString()).isNotEqualTo(official.get("id").asString());
    JsonNode channels =
        http.get("/api/notifications/" + exempted.get("id").asString() + "/deliveries", token(old))
            .json();
    assertThat(channels.findValuesAsString("channel")).containsExactly("INBOX", "EMAIL");
  }
}
