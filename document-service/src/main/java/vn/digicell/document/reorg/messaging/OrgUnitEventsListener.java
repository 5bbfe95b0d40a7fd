package vn.digicell.document.reorg.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.document.reorg.OrgMoves;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * Moves and merges of org units on {@code orgunit.events}: stored paths follow. A merge moves the
 * absorbed unit's own paths under the survivor; its child units arrive as moves of their own
 * (applying either first gives the same result).
 */
@Component
class OrgUnitEventsListener {

  static final String GROUP = "document-service-orgunits";
  static final String MOVED = "vn.digicell.orgunit.moved.v1";
  static final String MERGED = "vn.digicell.orgunit.merged.v1";

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Moved(String oldPath, String newPath) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Merged(String oldPath, String survivorPath) {}

  private final OrgMoves moves;
  private final AppliedEvents applied;

  OrgUnitEventsListener(OrgMoves moves, AppliedEvents applied) {
    this.moves = moves;
    this.applied = applied;
  }

  @KafkaListener(topics = "orgunit.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    if (MOVED.equals(event.type())) {
      Moved moved = event.payload(Moved.class);
      applied.applyOnce(GROUP, event, () -> moves.move(moved.oldPath(), moved.newPath()));
    } else if (MERGED.equals(event.type())) {
      Merged merged = event.payload(Merged.class);
      applied.applyOnce(GROUP, event, () -> moves.move(merged.oldPath(), merged.survivorPath()));
    }
  }
}
