package vn.digicell.notification.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.events.OutboxEvent;
import vn.digicell.platform.test.ParityContainers;
import vn.digicell.platform.test.ParityTest;
import vn.digicell.platform.test.TestHttp;

/**
 * notification-service consuming real Kafka into a MongoDB replica set, read with Keycloak tokens.
 */
@ParityTest
class NotificationParityTest {

  @DynamicPropertySource
  static void containers(DynamicPropertyRegistry registry) {
    ParityContainers.register(registry, "digicell-notification-parity");
  }

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;

  @Test
  void anAdmissionOnKafkaReachesTheNewMembersInboxAndNoOneElses() {
    TestHttp http = new TestHttp("http://localhost:" + port);
    String memberId = UUID.randomUUID().toString();
    String payload =
        """
        {"memberId":"%s","partyNumber":"00000042","fullName":"Lê Thị Parity","gender":"FEMALE",\
        "birthYear":1990,"orgUnitId":"cell-1","orgPath":"/AG/VB/C07",\
        "admittedOn":"2024-05-19","status":"PROBATIONARY"}"""
            .formatted(memberId);
    assertThat(
            EventSchemas.violations(
                "vn.digicell.member.admitted.v1", payload.getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    publisher.publish(
        new OutboxEvent(
            UUID.randomUUID().toString(),
            "vn.digicell.member.admitted.v1",
            memberId,
            1,
            "/AG/VB/C07",
            "member.events",
            payload,
            Instant.now(),
            null));

    String member =
        ParityContainers.user("parity-member-" + memberId)
            .roles("member")
            .orgScope("/AG/VB/C07")
            .memberId(memberId)
            .token();
    JsonNode[] inbox = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              TestHttp.Response r = http.get("/api/notifications", member);
              inbox[0] = r.json();
              return r.status() == 200 && inbox[0].get("items").size() >= 1;
            });
    JsonNode notice = inbox[0].get("items").get(0);
    assertThat(notice.get("body").asString()).contains("Lê Thị Parity");

    String noticeId = notice.get("id").asString();
    ConsumerRecord<String, byte[]> issued =
        ParityContainers.awaitRecords("notification.events", noticeId, 1).get(0);
    assertThat(EventSchemas.violations("vn.digicell.notification.notice-issued.v1", issued.value()))
        .isEmpty();

    String stranger =
        ParityContainers.user("parity-stranger-" + memberId)
            .roles("member")
            .orgScope("/AG/VB/C07")
            .memberId(UUID.randomUUID().toString())
            .token();
    assertThat(http.get("/api/notifications", stranger).json().get("items").size()).isZero();
  }
}
