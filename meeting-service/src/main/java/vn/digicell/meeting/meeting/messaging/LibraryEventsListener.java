package vn.digicell.meeting.meeting.messaging;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import vn.digicell.meeting.analytics.Participation;
import vn.digicell.meeting.meeting.AgendaDocuments;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * document-service's library on {@code document.events}: what agendas show of each document (title,
 * current version, retracted), and members' first reads, for the "read before the meeting" figures.
 * Its own consumer group, apart from the seals' ({@code meeting-service}).
 */
@Component
class LibraryEventsListener {

  static final String GROUP = "meeting-service-library";
  static final String PUBLISHED = "vn.digicell.document.published.v1";
  static final String VERSION_ADDED = "vn.digicell.document.version-added.v1";
  static final String RETRACTED = "vn.digicell.document.retracted.v1";
  static final String METADATA_CHANGED = "vn.digicell.document.metadata-changed.v1";
  static final String READ = "vn.digicell.document.read.v1";

  private final AgendaDocuments documents;
  private final Participation participation;
  private final AppliedEvents applied;

  LibraryEventsListener(
      AgendaDocuments documents, Participation participation, AppliedEvents applied) {
    this.documents = documents;
    this.participation = participation;
    this.applied = applied;
  }

  @KafkaListener(topics = "document.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    Runnable action = actionFor(event);
    if (action != null) {
      applied.applyOnce(GROUP, event, action);
    }
  }

  private Runnable actionFor(ReceivedEvent event) {
    if (!event.type().equals(PUBLISHED)
        && !event.type().equals(VERSION_ADDED)
        && !event.type().equals(RETRACTED)
        && !event.type().equals(METADATA_CHANGED)
        && !event.type().equals(READ)) {
      return null;
    }
    JsonNode d = event.payload(JsonNode.class);
    String documentId = d.get("documentId").asString();
    return switch (event.type()) {
      case PUBLISHED ->
          () ->
              documents.published(
                  documentId, d.get("title").asString(), d.get("version").get("number").asInt());
      case VERSION_ADDED ->
          () -> documents.versionAdded(documentId, d.get("version").get("number").asInt());
      case METADATA_CHANGED ->
          () -> documents.metadataChanged(documentId, d.get("title").asString());
      case RETRACTED ->
          () ->
              documents.retracted(
                  documentId,
                  d.get("reason").asString(),
                  Instant.parse(d.get("retractedAt").asString()));
      default ->
          () ->
              participation.documentRead(
                  documentId,
                  d.get("memberId").asString(),
                  Instant.parse(d.get("readAt").asString()));
    };
  }
}
