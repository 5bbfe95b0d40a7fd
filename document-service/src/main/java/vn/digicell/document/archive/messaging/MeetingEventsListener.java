package vn.digicell.document.archive.messaging;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.document.archive.AdoptedResolution;
import vn.digicell.document.archive.ArchiveRecord;
import vn.digicell.document.archive.ArchiveService;
import vn.digicell.document.archive.SigningKeyRegistered;
import vn.digicell.document.archive.SigningKeys;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.InvalidEventException;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * From {@code meeting.events}: adopted resolutions go into the archive, and officers' signing keys
 * into the key projection the archive verifies signatures with. Minutes and amendments no longer
 * travel here (their text is on the restricted {@code meeting.records}, see {@link
 * MeetingRecordsListener}); the facts that replace them here ({@code minutes-finalized.v2}, {@code
 * minutes-amended.v2}) carry no text and nothing in document-service needs them.
 */
@Component
class MeetingEventsListener {

  static final String GROUP = "document-service-archive";
  static final String RESOLUTION_ADOPTED = "vn.digicell.meeting.resolution-adopted.v1";
  static final String SIGNING_KEY_REGISTERED = "vn.digicell.meeting.signing-key-registered.v1";

  private final ArchiveService archive;
  private final SigningKeys keys;
  private final AppliedEvents applied;

  MeetingEventsListener(ArchiveService archive, SigningKeys keys, AppliedEvents applied) {
    this.archive = archive;
    this.keys = keys;
    this.applied = applied;
  }

  @KafkaListener(topics = "meeting.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    try {
      if (SIGNING_KEY_REGISTERED.equals(event.type())) {
        // idempotent by itself (member + key id + validFrom): no sequence bookkeeping needed
        keys.registered(event.payload(SigningKeyRegistered.class), event.id());
      } else if (RESOLUTION_ADOPTED.equals(event.type())) {
        AdoptedResolution resolution = event.payload(AdoptedResolution.class);
        Instant adoptedAt = event.time() == null ? Instant.now() : event.time().toInstant();
        applied.applyOnce(
            GROUP,
            event,
            () -> archive.archiveResolution(resolution, event.orgPath(), adoptedAt, event.id()));
      }
    } catch (ArchiveRecord.InvalidMinutesException e) {
      // a broken key event or a resolution without its org cannot be fixed by retrying
      throw new InvalidEventException(e.getMessage(), e);
    }
  }
}
