package vn.digicell.document.archive.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.document.archive.ArchiveRecord;
import vn.digicell.document.archive.ArchiveService;
import vn.digicell.document.archive.FinalizedMinutes;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.InvalidEventException;
import vn.digicell.platform.events.ReceivedEvent;

/** Finalised minutes on {@code meeting.events} are sealed into the archive. */
@Component
class MeetingEventsListener {

  static final String GROUP = "document-service-archive";
  static final String MINUTES_FINALIZED = "vn.digicell.meeting.minutes-finalized.v1";

  private final ArchiveService archive;
  private final AppliedEvents applied;

  MeetingEventsListener(ArchiveService archive, AppliedEvents applied) {
    this.archive = archive;
    this.applied = applied;
  }

  @KafkaListener(topics = "meeting.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    if (!MINUTES_FINALIZED.equals(event.type())) {
      return;
    }
    FinalizedMinutes minutes = event.payload(FinalizedMinutes.class);
    try {
      applied.applyOnce(GROUP, event, () -> archive.seal(minutes, event.id()));
    } catch (ArchiveRecord.InvalidMinutesException e) {
      // forged or broken signatures cannot be fixed by retrying: dead-letter at once
      throw new InvalidEventException(e.getMessage(), e);
    }
  }
}
