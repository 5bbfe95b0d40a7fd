package vn.digicell.meeting.roster.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import vn.digicell.meeting.roster.Roster;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * Keeps the roster from member-service's streams. Member events are applied generically: any type
 * whose payload carries {@code memberId} and {@code status} updates that member (and their cell
 * when {@code orgUnitId}/{@code orgPath} are present; a temporary attachment when {@code
 * attachedOrgPath} is, until {@code until}), so new lifecycle events need no change here; events
 * without them are ignored.
 */
@Component
class RosterEventsListener {

  static final String GROUP = "meeting-service";
  static final String ORG_UNIT_CREATED = "vn.digicell.orgunit.created.v1";

  private final Roster roster;
  private final AppliedEvents applied;

  RosterEventsListener(Roster roster, AppliedEvents applied) {
    this.roster = roster;
    this.applied = applied;
  }

  @KafkaListener(topics = "orgunit.events", groupId = GROUP)
  void onOrgUnit(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    if (!ORG_UNIT_CREATED.equals(event.type())) {
      return;
    }
    JsonNode unit = event.payload(JsonNode.class);
    applied.applyOnce(
        GROUP,
        event,
        () ->
            roster.unitCreated(
                text(unit, "orgUnitId"),
                text(unit, "code"),
                text(unit, "name"),
                text(unit, "kind"),
                text(unit, "path")));
  }

  @KafkaListener(topics = "member.events", groupId = GROUP)
  void onMember(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    JsonNode member = event.payload(JsonNode.class);
    String memberId = text(member, "memberId");
    String status = text(member, "status");
    if (memberId == null || status == null) {
      return;
    }
    Roster.MemberChange change =
        new Roster.MemberChange(
            memberId,
            status,
            text(member, "fullName"),
            text(member, "orgUnitId"),
            text(member, "orgPath"),
            member.has("attachedOrgPath"),
            text(member, "attachedOrgPath"),
            text(member, "until"));
    applied.applyOnce(GROUP, event, () -> roster.memberChanged(change));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }
}
