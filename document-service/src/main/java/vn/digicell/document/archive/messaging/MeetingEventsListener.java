package vn.digicell.document.archive.messaging;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.document.archive.AdoptedResolution;
import vn.digicell.document.archive.AmendedMinutes;
import vn.digicell.document.archive.ArchiveRecord;
import vn.digicell.document.archive.ArchiveService;
import vn.digicell.document.archive.FinalizedMinutes;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.InvalidEventException;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * Finalised minutes, their amendments and adopted resolutions on {@code meeting.events} go into the
 * archive.
 */
@Component
class MeetingEventsListener {

  static final String GROUP = "document-service-archive";
  static final String MINUTES_FINALIZED = "vn.digicell.meeting.minutes-finalized.v1";
  static final String RESOLUTION_ADOPTED = "vn.digicell.meeting.resolution-adopted.v1";
  static final String MINUTES_AMENDED = "vn.digicell.meeting.minutes-amended.v1";

  private final ArchiveService archive;
  private final AppliedEvents applied;

  MeetingEventsListener(ArchiveService archive, AppliedEvents applied) {
    this.archive = archive;
    this.applied = applied;
  }

  @KafkaListener(topics = "meeting.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    Runnable action;
    if (MINUTES_FINALIZED.equals(event.type())) {
      FinalizedMinutes minutes = event.payload(FinalizedMinutes.class);
      action = () -> archive.seal(minutes, event.id());
    } else if (MINUTES_AMENDED.equals(event.type())) {
      AmendedMinutes amendment = event.payload(AmendedMinutes.class);
      action = () -> archive.sealAmendment(amendment, event.id());
    } else if (RESOLUTION_ADOPTED.equals(event.type())) {
      AdoptedResolution resolution = event.payload(AdoptedResolution.class);
      Instant adoptedAt = event.time() == null ? Instant.now() : event.time().toInstant();
      action = () -> archive.archiveResolution(resolution, event.orgPath(), adoptedAt, event.id());
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
