package vn.digicell.document.archive.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.document.archive.AmendedMinutes;
import vn.digicell.document.archive.ArchiveRecord;
import vn.digicell.document.archive.ArchiveService;
import vn.digicell.document.archive.FinalizedMinutes;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.InvalidEventException;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * Finalised minutes and their amendments, with their full text, from the restricted topic {@code
 * meeting.records} (meeting-service produces it, only document-service reads it) go into the
 * archive. A record whose signer's key has not arrived yet on {@code meeting.events} is retried
 * with back-off ({@link MeetingRecordsConfiguration}); one that does not verify is dead-lettered at
 * once.
 */
@Component
class MeetingRecordsListener {

  static final String TOPIC = "meeting.records";
  static final String GROUP = "document-service-records";
  static final String MINUTES_FINALIZED = "vn.digicell.meeting.minutes-finalized.v1";
  static final String MINUTES_AMENDED = "vn.digicell.meeting.minutes-amended.v1";

  private final ArchiveService archive;
  private final AppliedEvents applied;

  MeetingRecordsListener(ArchiveService archive, AppliedEvents applied) {
    this.archive = archive;
    this.applied = applied;
  }

  @KafkaListener(
      topics = TOPIC,
      groupId = GROUP,
      containerFactory = MeetingRecordsConfiguration.FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    Runnable action;
    if (MINUTES_FINALIZED.equals(event.type())) {
      FinalizedMinutes minutes = event.payload(FinalizedMinutes.class);
      action = () -> archive.seal(minutes, event.id());
    } else if (MINUTES_AMENDED.equals(event.type())) {
      AmendedMinutes amendment = event.payload(AmendedMinutes.class);
      action = () -> archive.sealAmendment(amendment, event.id());
    } else {
      return;
    }
    try {
      applied.applyOnce(GROUP, event, action);
    } catch (ArchiveRecord.InvalidMinutesException e) {
      // forged or broken signatures cannot be fixed by retrying: dead-letter at once
      throw new InvalidEventException(e.getMessage(), e);
    }
  }
}
