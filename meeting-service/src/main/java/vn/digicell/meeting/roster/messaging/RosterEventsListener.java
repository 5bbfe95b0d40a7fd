package vn.digicell.meeting.roster.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import vn.digicell.meeting.meeting.MeetingService;
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
  static final String ORG_UNIT_RENAMED = "vn.digicell.orgunit.renamed.v1";
  static final String ORG_UNIT_DISSOLVED = "vn.digicell.orgunit.dissolved.v1";
  static final String ORG_UNIT_MOVED = "vn.digicell.orgunit.moved.v1";
  static final String ORG_UNIT_MERGED = "vn.digicell.orgunit.merged.v1";
  static final String MEMBER_REASSIGNED = "vn.digicell.member.reassigned.v1";
  static final String ATTACHMENT_ENDED = "vn.digicell.member.attachment-ended.v1";
  static final String IDENTITY_CORRECTED = "vn.digicell.member.identity-corrected.v1";

  private final Roster roster;
  private final MeetingService meetings;
  private final AppliedEvents applied;

  RosterEventsListener(Roster roster, MeetingService meetings, AppliedEvents applied) {
    this.roster = roster;
    this.meetings = meetings;
    this.applied = applied;
  }

  @KafkaListener(topics = "orgunit.events", groupId = GROUP)
  void onOrgUnit(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    JsonNode unit = event.payload(JsonNode.class);
    Runnable action =
        switch (event.type()) {
          case ORG_UNIT_CREATED ->
              () ->
                  roster.unitCreated(
                      text(unit, "orgUnitId"),
                      text(unit, "code"),
                      text(unit, "name"),
                      text(unit, "kind"),
                      text(unit, "path"));
          case ORG_UNIT_RENAMED ->
              () -> roster.unitRenamed(text(unit, "orgUnitId"), text(unit, "name"));
          case ORG_UNIT_DISSOLVED -> () -> roster.unitDissolved(text(unit, "orgUnitId"));
          case ORG_UNIT_MERGED ->
              () -> roster.unitMerged(text(unit, "orgUnitId"), text(unit, "survivorId"));
          case ORG_UNIT_MOVED ->
              () -> {
                roster.unitMoved(text(unit, "oldPath"), text(unit, "newPath"));
                meetings.unitMoved(text(unit, "oldPath"), text(unit, "newPath"));
              };
          default -> null;
        };
    if (action != null) {
      applied.applyOnce(GROUP, event, action);
    }
  }

  @KafkaListener(topics = "member.events", groupId = GROUP)
  void onMember(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    JsonNode member = event.payload(JsonNode.class);
    if (MEMBER_REASSIGNED.equals(event.type())) {
      applied.applyOnce(
          GROUP,
          event,
          () ->
              roster.memberReassigned(
                  text(member, "memberId"),
                  text(member, "toOrgUnitId"),
                  text(member, "toOrgPath"),
                  text(member, "status")));
      return;
    }
    if (ATTACHMENT_ENDED.equals(event.type())) {
      applied.applyOnce(
          GROUP,
          event,
          () -> roster.attachmentEnded(text(member, "memberId"), text(member, "attachedOrgPath")));
      return;
    }
    if (IDENTITY_CORRECTED.equals(event.type())) {
      String corrected = text(member, "fullName");
      if (corrected != null) {
        applied.applyOnce(
            GROUP,
            event,
            () -> {
              roster.memberRenamed(text(member, "memberId"), corrected);
              meetings.memberRenamed(text(member, "memberId"), corrected);
            });
      }
      return;
    }
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
