package vn.digicell.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.notification.recipient.Meetings;
import vn.digicell.notification.recipient.Roster;
import vn.digicell.notification.recipient.Units;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * orgunit.events keep unit names and paths: a moved unit rewrites the paths of its whole subtree in
 * the roster. Merges and splits need nothing more here: their members arrive as member.reassigned
 * and their child units as orgunit.moved.
 */
@Component
class OrgUnitEventsListener {

  static final String GROUP = MemberEventsListener.GROUP;

  private final Roster roster;
  private final Units units;
  private final Meetings meetings;
  private final AppliedEvents applied;

  OrgUnitEventsListener(Roster roster, Units units, Meetings meetings, AppliedEvents applied) {
    this.roster = roster;
    this.units = units;
    this.meetings = meetings;
    this.applied = applied;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record UnitEvent(String orgUnitId, String name, String path, String oldPath, String newPath) {}

  @KafkaListener(topics = "orgunit.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    UnitEvent u = event.payload(UnitEvent.class);
    applied.applyOnce(
        GROUP,
        event,
        () -> {
          switch (event.type()) {
            case "vn.digicell.orgunit.created.v1", "vn.digicell.orgunit.renamed.v1" ->
                units.named(u.orgUnitId(), u.path(), u.name());
            case "vn.digicell.orgunit.moved.v1" -> {
              units.moved(u.oldPath(), u.newPath());
              roster.unitMoved(u.oldPath(), u.newPath());
              meetings.unitMoved(u.oldPath(), u.newPath());
            }
            default -> {
              // dissolved, merged, split: nothing to keep here
            }
          }
        });
  }
}
