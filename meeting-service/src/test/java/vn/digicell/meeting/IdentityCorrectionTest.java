package vn.digicell.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;

/**
 * member-service corrects a misspelt name: the roster and the attendance sheet of a meeting in
 * progress show the corrected name; a redelivered correction changes nothing further.
 */
@DigiCellIntegrationTest
class IdentityCorrectionTest {

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;

  @Test
  void correctedNameReachesRosterAndUpcomingMeeting() {
    TestHttp http = new TestHttp("http://localhost:" + port);
    Fixtures fixtures = new Fixtures(publisher);
    String path = Fixtures.newCommunePath() + "/" + Fixtures.newCellCode();
    String cell = fixtures.cellAt(path);
    String member = "ic-" + UUID.randomUUID();
    fixtures.admitted(member, "Nguyễn Văn Hung", cell, path);
    String secretary = MeetingFlowTest.secretaryOf(path);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                name(http.get("/api/cells/" + cell + "/roster", secretary).json(), member) != null);
    TestHttp.Response scheduled =
        http.postJson(
            "/api/meetings",
            secretary,
            Map.of(
                "cellId", cell,
                "kind", "REGULAR",
                "mode", "IN_PERSON",
                "title", "Sinh hoạt chi bộ",
                "startsAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(3).toString(),
                "location", "Nhà văn hoá ấp"));
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
    String meetingId = scheduled.json().get("id").asString();
    TestHttp.Response started = http.post("/api/meetings/" + meetingId + "/start", secretary, "");
    assertThat(name(started.json().get("participants"), member)).isEqualTo("Nguyễn Văn Hung");

    String payload =
        """
        {"memberId":"%s","orgUnitId":"%s","orgPath":"%s","entryId":"e-1",\
        "fields":["FULL_NAME"],"fullName":"Nguyễn Văn Hùng"}"""
            .formatted(member, cell, path);
    assertThat(
            EventSchemas.violations(
                "vn.digicell.member.identity-corrected.v1",
                payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEmpty();
    for (int delivery = 0; delivery < 2; delivery++) {
      publisher.publish(
          Fixtures.event(
              "vn.digicell.member.identity-corrected.v1",
              "member.events",
              member,
              2,
              path,
              payload));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "Nguyễn Văn Hùng"
                    .equals(
                        name(
                            http.get("/api/cells/" + cell + "/roster", secretary).json(), member)));
    JsonNode meeting = http.get("/api/meetings/" + meetingId, secretary).json();
    assertThat(name(meeting.get("participants"), member))
        .as(meeting.toString())
        .isEqualTo("Nguyễn Văn Hùng");
    JsonNode roster = http.get("/api/cells/" + cell + "/roster", secretary).json();
    assertThat(roster).hasSize(1);
    assertThat(roster.get(0).get("status").asString()).isEqualTo("PROBATIONARY");
  }

  private static String name(JsonNode entries, String memberId) {
    for (JsonNode entry : entries) {
      if (memberId.equals(entry.path("memberId").asString(null))) {
        return entry.path("fullName").asString(null);
      }
    }
    return null;
  }
}
