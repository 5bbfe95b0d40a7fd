package vn.digicell.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.events.OutboxEvent;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

@DigiCellIntegrationTest
class InboxTest {

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;

  TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp("http://localhost:" + port);
  }

  /** An admission exactly as member-service publishes it (its current schema). */
  private static OutboxEvent admitted(String memberId, String name) {
    String payload =
        """
        {"memberId":"%s","partyNumber":"00000042","fullName":"%s","gender":"FEMALE",\
        "birthYear":1990,"orgUnitId":"cell-1","orgPath":"/AG/VB/C07",\
        "admittedOn":"2024-05-19","status":"PROBATIONARY"}"""
            .formatted(memberId, name);
    assertThat(
            EventSchemas.violations(
                "vn.digicell.member.admitted.v1", payload.getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    return new OutboxEvent(
        UUID.randomUUID().toString(),
        "vn.digicell.member.admitted.v1",
        memberId,
        1,
        "/AG/VB/C07",
        "member.events",
        payload,
        Instant.now(),
        null);
  }

  private String tokenOf(String memberId) {
    return TestTokens.forUser("m-" + memberId)
        .roles("member")
        .orgScope("/AG/VB/C07")
        .memberId(memberId)
        .sign();
  }

  private JsonNode awaitInbox(String token, int count) {
    JsonNode[] inbox = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.Response r = http.get("/api/notifications", token);
              inbox[0] = r.json();
              return r.status() == 200 && inbox[0].get("items").size() >= count;
            });
    return inbox[0];
  }

  @Test
  void anAdmissionDeliveredTwicePutsOneWelcomeInTheNewMembersInbox() {
    String memberId = UUID.randomUUID().toString();
    OutboxEvent event = admitted(memberId, "Nguyễn Thị Hoa");
    publisher.publish(event);
    publisher.publish(event);
    // a later event for the same partition key shows both deliveries were consumed
    OutboxEvent later =
        new OutboxEvent(
            UUID.randomUUID().toString(),
            event.type(),
            memberId,
            2,
            event.orgPath(),
            event.topic(),
            event.payload(),
            Instant.now(),
            null);
    publisher.publish(later);

    String token = tokenOf(memberId);
    // the newer event (seq 2) is consumed after both deliveries of the first (same key, same
    // partition): once its notice is there, the duplicate has had its chance to add a third
    JsonNode inbox = awaitInbox(token, 2);
    assertThat(inbox.get("items").size()).isEqualTo(2);
    assertThat(inbox.get("unread").asLong()).isEqualTo(2);
    JsonNode notice = inbox.get("items").get(0);
    assertThat(notice.get("title").asString()).contains("Chào mừng");
    assertThat(notice.get("body").asString()).contains("Nguyễn Thị Hoa");
  }

  @Test
  void onlyTheRecipientReadsANoticeAndItsEventMatchesTheSchema() {
    String memberId = UUID.randomUUID().toString();
    publisher.publish(admitted(memberId, "Trần Văn Bình"));
    String token = tokenOf(memberId);
    String noticeId = awaitInbox(token, 1).get("items").get(0).get("id").asString();

    String stranger = tokenOf(UUID.randomUUID().toString());
    assertThat(http.get("/api/notifications", stranger).json().get("items").size()).isZero();
    assertThat(http.post("/api/notifications/" + noticeId + "/read", stranger, "").status())
        .isEqualTo(404);
    assertThat(http.get("/api/notifications", null).status()).isEqualTo(401);
    String noMember = TestTokens.forUser("analyst").roles("analyst").orgScope("/AG").sign();
    TestHttp.Response staff = http.get("/api/notifications", noMember);
    assertThat(staff.status()).isEqualTo(200);
    assertThat(staff.json().get("items").size()).isZero();
    assertThat(http.post("/api/notifications/" + noticeId + "/read", noMember, "").status())
        .isEqualTo(404);

    TestHttp.Response read = http.post("/api/notifications/" + noticeId + "/read", token, "");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("read").asBoolean()).isTrue();
    assertThat(http.get("/api/notifications", token).json().get("unread").asLong()).isZero();

    ConsumerRecord<String, byte[]> issued =
        TestTopics.awaitRecords("notification.events", noticeId, 1).get(0);
    assertThat(EventSchemas.violations("vn.digicell.notification.notice-issued.v1", issued.value()))
        .isEmpty();
    assertThat(TestTopics.headers(issued))
        .containsEntry("ce_source", "/digicell/notification-service");
  }

  @Test
  void aTamperedCursorIsABadRequest() {
    String token = tokenOf(UUID.randomUUID().toString());
    assertThat(http.get("/api/notifications?cursor=%21%21", token).status()).isEqualTo(400);
    assertThat(http.get("/api/notifications?cursor=bm9wZQ", token).status()).isEqualTo(400);
    assertThat(http.get("/api/notifications?size=1000", token).status()).isEqualTo(400);
  }
}
