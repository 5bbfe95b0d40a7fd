package vn.digicell.member.position.messaging;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.member.member.MemberService;
import vn.digicell.member.position.KeycloakUsers;
import vn.digicell.member.position.PositionAccess;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * Positions drive access: when a position is recorded or corrected, or a member moves cell, the
 * holder's {@code org_scope} and position roles in Keycloak follow, so their next token carries
 * them. Reads member-service's own stream, so a Keycloak outage only delays the sync (retries, then
 * the dead-letter topic for replay).
 */
@Component
@ConditionalOnProperty(name = "digicell.member.keycloak.enabled", havingValue = "true")
class PositionSyncListener {

  private static final Logger log = LoggerFactory.getLogger(PositionSyncListener.class);
  static final String GROUP = "member-service-positions";
  private static final Set<String> TRIGGERS =
      Set.of(
          "vn.digicell.member.history-recorded.v1",
          "vn.digicell.member.transferred.v1",
          "vn.digicell.member.temporarily-attached.v1",
          "vn.digicell.member.attachment-ended.v1",
          "vn.digicell.member.reassigned.v1");

  private final MemberService members;
  private final KeycloakUsers keycloak;
  private final AppliedEvents applied;
  private final Clock clock;

  PositionSyncListener(
      MemberService members, KeycloakUsers keycloak, AppliedEvents applied, Clock clock) {
    this.members = members;
    this.keycloak = keycloak;
    this.applied = applied;
    this.clock = clock;
  }

  @KafkaListener(topics = "member.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    if (!TRIGGERS.contains(event.type())) {
      return;
    }
    JsonNode payload = JsonMapper.shared().readTree(event.data());
    if (event.type().endsWith("history-recorded.v1")
        && !"POSITION".equals(payload.path("kind").asString())) {
      return;
    }
    String memberId = payload.path("memberId").asString();
    applied.applyOnce(
        GROUP,
        event,
        () -> {
          var member = members.lookup(memberId);
          if (member.isEmpty()) {
            // not on record in this deployment's database (another one shares the broker)
            log.info("member {} is not on record here; nothing to sync", memberId);
            return;
          }
          PositionAccess access = PositionAccess.of(member.get(), LocalDate.now(clock));
          if (!keycloak.apply(memberId, access)) {
            log.info("member {} has no login yet; nothing to sync", memberId);
          }
        });
  }
}
