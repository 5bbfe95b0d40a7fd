package vn.digicell.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * The roster follows member-service's reorganisations: a cell moved to another commune (its
 * members, attachments and meetings not yet held follow), a cell merged into another (its members
 * reassigned), and a temporary attachment ended early.
 */
@DigiCellIntegrationTest
class RosterReorganisationTest {

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;

  TestHttp http;

  List<String> roster(String cellId, String token) {
    TestHttp.Response r = http.get("/api/cells/" + cellId + "/roster", token);
    List<String> ids = new ArrayList<>();
    if (r.status() == 200) {
      r.json().forEach(m -> ids.add(m.get("memberId").asString()));
    }
    return ids;
  }

  @Test
  void movesMergesReassignmentsAndEndedAttachmentsReachTheRoster() {
    http = new TestHttp("http://localhost:" + port);
    Fixtures fixtures = new Fixtures(publisher);
    String oldCommune = Fixtures.newCommunePath();
    String newCommune = Fixtures.newCommunePath();
    String movedOld = oldCommune + "/M1";
    String movedNew = newCommune + "/M1";
    String absorbedPath = oldCommune + "/S2";
    String survivorPath = oldCommune + "/S3";
    String moved = fixtures.cellAt(movedOld);
    String absorbed = fixtures.cellAt(absorbedPath);
    String survivor = fixtures.cellAt(survivorPath);
    String mover = "mv-" + UUID.randomUUID();
    String merged = "mg-" + UUID.randomUUID();
    String visitor = "vs-" + UUID.randomUUID();
    fixtures.official(mover, "Người chuyển", moved, movedOld);
    fixtures.official(merged, "Người sáp nhập", absorbed, absorbedPath);
    fixtures.official(visitor, "Người sinh hoạt tạm", survivor, survivorPath);
    String until = LocalDate.now().plusMonths(3).toString();
    publisher.publish(
        Fixtures.event(
            "vn.digicell.member.temporarily-attached.v1",
            "member.events",
            visitor,
            3,
            survivorPath,
            """
            {"memberId":"%s","transferId":"t1","orgUnitId":"%s","orgPath":"%s",\
            "attachedOrgUnitId":"%s","attachedOrgPath":"%s","until":"%s","status":"OFFICIAL"}"""
                .formatted(visitor, survivor, survivorPath, moved, movedOld, until)));
    String oldSecretary = MeetingFlowTest.secretaryOf(movedOld);
    await().atMost(Duration.ofSeconds(30)).until(() -> roster(moved, oldSecretary).size() == 2);
    TestHttp.Response scheduled =
        http.postJson(
            "/api/meetings",
            oldSecretary,
            Map.of(
                "cellId", moved,
                "kind", "REGULAR",
                "mode", "IN_PERSON",
                "title", "Sinh hoạt chi bộ",
                "startsAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(2).toString(),
                "location", "Ấp"));
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
    String meetingId = scheduled.json().get("id").asString();

    publisher.publish(
        Fixtures.event(
            "vn.digicell.orgunit.moved.v1",
            "orgunit.events",
            moved,
            2,
            movedNew,
            """
            {"orgUnitId":"%s","code":"M1","oldPath":"%s","newPath":"%s","oldParentId":"a",\
            "newParentId":"b","reason":"MOVE","effectiveOn":"2026-11-01"}"""
                .formatted(moved, movedOld, movedNew)));
    String newSecretary = MeetingFlowTest.secretaryOf(movedNew);
    await().atMost(Duration.ofSeconds(30)).until(() -> roster(moved, newSecretary).size() == 2);
    assertThat(roster(moved, newSecretary)).containsExactlyInAnyOrder(mover, visitor);
    assertThat(http.get("/api/cells/" + moved + "/roster", oldSecretary).status()).isEqualTo(403);
    JsonNode meeting = http.get("/api/meetings/" + meetingId, newSecretary).json();
    assertThat(meeting.get("orgPath").asString()).isEqualTo(movedNew);

    // the visitor's attachment ends early: they leave the moved cell's roster
    publisher.publish(
        Fixtures.event(
            "vn.digicell.member.attachment-ended.v1",
            "member.events",
            visitor,
            4,
            survivorPath,
            """
            {"memberId":"%s","orgUnitId":"%s","orgPath":"%s","attachedOrgUnitId":"%s",\
            "attachedOrgPath":"%s","transferId":"t1","until":"%s","endedOn":"%s","early":true}"""
                .formatted(
                    visitor, survivor, survivorPath, moved, movedNew, until, LocalDate.now())));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> roster(moved, newSecretary).equals(List.of(mover)));

    // S2 merges into S3: its member is reassigned, the unit ends
    String survivorSecretary = MeetingFlowTest.secretaryOf(survivorPath);
    publisher.publish(
        Fixtures.event(
            "vn.digicell.member.reassigned.v1",
            "member.events",
            merged,
            3,
            survivorPath,
            """
            {"memberId":"%s","fromOrgUnitId":"%s","fromOrgPath":"%s","toOrgUnitId":"%s",\
            "toOrgPath":"%s","reason":"MERGE","effectiveOn":"2026-11-01","status":"OFFICIAL"}"""
                .formatted(merged, absorbed, absorbedPath, survivor, survivorPath)));
    publisher.publish(
        Fixtures.event(
            "vn.digicell.orgunit.merged.v1",
            "orgunit.events",
            absorbed,
            2,
            absorbedPath,
            """
            {"orgUnitId":"%s","oldPath":"%s","survivorId":"%s","survivorPath":"%s",\
            "membersMoved":1,"childUnitsMoved":0,"effectiveOn":"2026-11-01"}"""
                .formatted(absorbed, absorbedPath, survivor, survivorPath)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> roster(survivor, survivorSecretary).contains(merged));
    assertThat(roster(survivor, survivorSecretary)).containsExactlyInAnyOrder(merged, visitor);
    String committee = TestTokens.forUser("c").roles("committee").orgScope(oldCommune).sign();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (JsonNode cell : http.get("/api/cells?under=" + oldCommune, committee).json()) {
                if (cell.get("id").asString().equals(absorbed)) {
                  return "MERGED".equals(cell.path("status").asString(null));
                }
              }
              return false;
            });
    assertThat(roster(absorbed, MeetingFlowTest.secretaryOf(absorbedPath))).isEmpty();
  }
}
