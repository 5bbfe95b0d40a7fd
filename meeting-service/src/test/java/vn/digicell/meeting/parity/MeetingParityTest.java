package vn.digicell.meeting.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.meeting.Fixtures;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.ParityContainers;
import vn.digicell.platform.test.ParityTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTopics;

/**
 * meeting-service fed over real Kafka, storing in a MongoDB replica set, trusting real Keycloak.
 */
@ParityTest
class MeetingParityTest {

  @DynamicPropertySource
  static void containers(DynamicPropertyRegistry registry) {
    ParityContainers.register(registry, "digicell-meeting-parity");
  }

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;

  @Test
  void aCellArrivingOverKafkaGetsAMeetingScheduledByItsKeycloakSecretary() {
    TestHttp http = new TestHttp("http://localhost:" + port);
    Fixtures fixtures = new Fixtures(publisher);
    String code = Fixtures.newCellCode();
    String path = "/AG/VB/" + code;
    String cellId = fixtures.cell(code);
    fixtures.official(UUID.randomUUID().toString(), "Nguyễn Văn An", cellId, path);
    String secretary =
        ParityContainers.user("parity-sec-" + code)
            .roles("cell-secretary", "member")
            .orgScope(path)
            .token();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              TestHttp.Response roster = http.get("/api/cells/" + cellId + "/roster", secretary);
              return roster.status() == 200 && roster.json().size() == 1;
            });

    Map<String, Object> plan = new HashMap<>();
    plan.put("cellId", cellId);
    plan.put("kind", "REGULAR");
    plan.put("mode", "IN_PERSON");
    plan.put("title", "Sinh hoạt chi bộ định kỳ");
    plan.put("startsAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(3).toString());
    plan.put("location", "Nhà văn hoá ấp 7");
    plan.put(
        "agenda", List.of(Map.of("title", "Đánh giá công tác tháng", "documentIds", List.of())));
    TestHttp.Response scheduled = http.postJson("/api/meetings", secretary, plan);
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
    String meetingId = scheduled.json().get("id").asString();

    ConsumerRecord<String, byte[]> event =
        ParityContainers.awaitRecords("meeting.events", meetingId, 1).get(0);
    String type = TestTopics.headers(event).get("ce_type");
    assertThat(type).isEqualTo("vn.digicell.meeting.scheduled.v1");
    assertThat(EventSchemas.violations(type, event.value())).isEmpty();
    assertThat(http.get("/api/meetings/" + meetingId, secretary).status()).isEqualTo(200);

    String otherCell =
        ParityContainers.user("parity-sec-other-" + code)
            .roles("cell-secretary", "member")
            .orgScope("/AG/VB/X" + code)
            .token();
    assertThat(http.get("/api/meetings/" + meetingId, otherCell).status()).isIn(403, 404);
  }
}
