package vn.digicell.meeting.minutes.messaging;

import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import vn.digicell.meeting.minutes.Minutes;
import vn.digicell.meeting.minutes.MinutesService;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/** document-service's seal of finalised minutes, recorded on the meeting's minutes. */
@Component
class DocumentEventsListener {

  static final String GROUP = "meeting-service";
  static final String MINUTES_SEALED = "vn.digicell.document.minutes-sealed.v1";

  private final MinutesService minutes;
  private final AppliedEvents applied;
  private final Clock clock;

  DocumentEventsListener(MinutesService minutes, AppliedEvents applied, Clock clock) {
    this.minutes = minutes;
    this.applied = applied;
    this.clock = clock;
  }

  @KafkaListener(topics = "document.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    if (!MINUTES_SEALED.equals(event.type())) {
      return;
    }
    JsonNode sealed = event.payload(JsonNode.class);
    JsonNode checkpoint = sealed.get("checkpoint");
    Minutes.Seal seal =
        new Minutes.Seal(
            sealed.get("archiveRecordId").asString(),
            sealed.get("logIndex").asLong(),
            sealed.get("leafHash").asString(),
            checkpoint.get("size").asLong(),
            checkpoint.get("rootHash").asString(),
            checkpoint.get("signedNote").asString(),
            Instant.now(clock));
    MinutesService.SealNotice notice =
        new MinutesService.SealNotice(
            sealed.get("meetingId").asString(),
            sealed.get("archiveRecordId").asString(),
            sealed.hasNonNull("amendmentNumber") ? sealed.get("amendmentNumber").asInt() : null,
            sealed.hasNonNull("contentSha256") ? sealed.get("contentSha256").asString() : null,
            seal);
    applied.applyOnce(GROUP, event, () -> minutes.sealed(notice));
  }
}
