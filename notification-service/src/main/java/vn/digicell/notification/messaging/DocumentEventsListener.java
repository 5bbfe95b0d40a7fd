package vn.digicell.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.notification.notice.NoticeIssuer;
import vn.digicell.notification.recipient.DocumentReads;
import vn.digicell.notification.recipient.MeetingEntry;
import vn.digicell.notification.recipient.Meetings;
import vn.digicell.notification.recipient.RecipientDirectory;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * document.events: reads feed the "not opened yet" reminder; sealed minutes go to every member of
 * the cell. Publications reach members through the meeting's documents reminder.
 */
@Component
class DocumentEventsListener {

  static final String GROUP = MemberEventsListener.GROUP;
  static final int BATCH = 500;

  private final NoticeIssuer issuer;
  private final DocumentReads reads;
  private final Meetings meetings;
  private final RecipientDirectory directory;
  private final AppliedEvents applied;

  DocumentEventsListener(
      NoticeIssuer issuer,
      DocumentReads reads,
      Meetings meetings,
      RecipientDirectory directory,
      AppliedEvents applied) {
    this.issuer = issuer;
    this.reads = reads;
    this.meetings = meetings;
    this.directory = directory;
    this.applied = applied;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record DocumentEvent(
      String documentId, String memberId, String meetingId, String orgPath, Instant readAt) {}

  @KafkaListener(topics = "document.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    switch (event.type()) {
      case "vn.digicell.document.read.v1" -> {
        DocumentEvent d = event.payload(DocumentEvent.class);
        // idempotent by itself (an upsert per document and member)
        reads.read(d.documentId(), d.memberId(), d.readAt());
      }
      case "vn.digicell.document.minutes-sealed.v1" -> {
        DocumentEvent d = event.payload(DocumentEvent.class);
        applied.applyOnce(
            GROUP,
            event,
            () -> {
              String title = meetings.find(d.meetingId()).map(MeetingEntry::title).orElse("");
              directory.forEachUnder(
                  List.of(d.orgPath()),
                  BATCH,
                  batch ->
                      issuer.issue(
                          NoticeMappings.minutesSealed(
                              event.id(), d.meetingId(), d.orgPath(), title, batch),
                          event.type()));
            });
      }
      default -> {
        // published, versions, metadata, boards: nothing to tell members directly
      }
    }
  }
}
