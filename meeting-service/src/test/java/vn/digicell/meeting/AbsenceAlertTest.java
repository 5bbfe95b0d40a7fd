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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.meeting.alerts.Alerts;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

/**
 * The absence alert: three absences without a reason within twelve months raise it once; two do
 * not, absences with a reason do not count, three spread over more than twelve months do not, and a
 * fourth absence does not raise it again.
 */
@DigiCellIntegrationTest
class AbsenceAlertTest {

  static final String RAISED = "vn.digicell.meeting.absence-alert-raised.v1";

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired Alerts alerts;

  @Test
  void threeAbsencesWithoutAReasonWithinTwelveMonthsRaiseOneAlert() throws Exception {
    TestHttp http = new TestHttp("http://localhost:" + port);
    Fixtures fixtures = new Fixtures(publisher);
    String commune = Fixtures.newCommunePath();
    String path = commune + "/C1";
    String cellId = fixtures.cellAt(path);
    String absentee = "a-" + UUID.randomUUID();
    String excused = "b-" + UUID.randomUUID();
    String twice = "c-" + UUID.randomUUID();
    String spread = "d-" + UUID.randomUUID();
    for (String m : List.of(absentee, excused, twice, spread)) {
      fixtures.official(m, "Đảng viên", cellId, path);
    }
    String admin = TestTokens.forUser("admin").roles("org-admin").orgScope(commune).sign();
    String committee = TestTokens.forUser("committee").roles("committee").orgScope(commune).sign();
    String secretary = ParticipationTest.secretaryOf(path);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.Response r = http.get("/api/cells/" + cellId + "/roster", secretary);
              return r.status() == 200
                  && r.json().size() == 4
                  && r.json().toString().split("OFFICIAL", -1).length == 5;
            });
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7)).withHour(8);
    // absentee: months 7, 3, 1 ago; excused: always with a reason; twice: two only;
    // spread: 13, 7 and 1 months ago, the first and the third twelve months apart
    String m1 =
        meeting(
            http,
            admin,
            cellId,
            now.minusMonths(13),
            absent(spread),
            present(absentee),
            excused(excused),
            present(twice));
    String m2 =
        meeting(
            http,
            admin,
            cellId,
            now.minusMonths(7),
            absent(spread),
            absent(absentee),
            excused(excused),
            absent(twice));
    String m3 =
        meeting(
            http,
            admin,
            cellId,
            now.minusMonths(3),
            present(spread),
            absent(absentee),
            excused(excused),
            absent(twice));
    assertThat(alerts.checkAbsences(absentee)).as("two absences").isZero();
    assertThat(alerts.checkAbsences(twice)).isZero();
    String m4 =
        meeting(
            http,
            admin,
            cellId,
            now.minusMonths(1),
            absent(spread),
            absent(absentee),
            excused(excused),
            present(twice));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http.get("/api/alerts?under=" + commune, committee).json().size() == 1);
    for (String member : List.of(absentee, excused, twice, spread)) {
      assertThat(alerts.checkAbsences(member)).as(member).isZero();
    }
    JsonNode alert = http.get("/api/alerts?under=" + commune, committee).json().get(0);
    assertThat(alert.get("type").asString()).isEqualTo(RAISED);
    assertThat(alert.get("memberId").asString()).isEqualTo(absentee);
    assertThat(alert.get("cellId").asString()).isEqualTo(cellId);
    List<String> meetingIds = new ArrayList<>();
    alert.get("meetingIds").forEach(id -> meetingIds.add(id.asString()));
    assertThat(meetingIds).containsExactly(m2, m3, m4);
    assertThat(alert.get("windowFrom").asString())
        .isEqualTo(now.minusMonths(7).toLocalDate().toString());
    assertThat(alert.get("windowTo").asString())
        .isEqualTo(now.minusMonths(1).toLocalDate().toString());

    List<ConsumerRecord<String, byte[]>> events =
        TestTopics.awaitRecords("meeting.events", absentee, 1);
    assertThat(TestTopics.headers(events.get(0))).containsEntry("ce_type", RAISED);
    assertThat(EventSchemas.violations(RAISED, events.get(0).value())).isEmpty();
    JsonNode payload = JsonMapper.shared().readTree(events.get(0).value());
    assertThat(payload.get("orgPath").asString()).isEqualTo(path);
    assertThat(payload.get("meetingIds")).hasSize(3);

    // a fourth absence is part of the same streak: no new alert
    meeting(
        http,
        admin,
        cellId,
        now.minusDays(10),
        absent(absentee),
        present(excused),
        present(twice),
        present(spread));
    assertThat(alerts.checkAbsences(absentee)).isZero();
    assertThat(http.get("/api/alerts?under=" + commune, committee).json()).hasSize(1);
    assertThat(TestTopics.read("meeting.events", absentee)).hasSize(1);
    assertThat(m1).isNotBlank();
  }

  static Map<String, Object> absent(String memberId) {
    return ParticipationTest.line(memberId, "ABSENT_WITHOUT_REASON", null);
  }

  static Map<String, Object> excused(String memberId) {
    return ParticipationTest.line(memberId, "ABSENT_WITH_REASON", "Đi làm ăn xa");
  }

  static Map<String, Object> present(String memberId) {
    return ParticipationTest.line(memberId, "PRESENT", null);
  }

  @SafeVarargs
  static String meeting(
      TestHttp http,
      String token,
      String cellId,
      OffsetDateTime startsAt,
      Map<String, Object>... lines) {
    List<Map<String, Object>> all = new ArrayList<>(List.of(lines));
    return ParticipationTest.recorded(
        http, token, cellId, "REGULAR", startsAt, List.of(), all, List.of());
  }
}
