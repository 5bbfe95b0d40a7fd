package vn.digicell.meeting.meeting;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Keeps what agendas show of library documents current from {@code document.events}. Every change
 * is an upsert of what the event says, so a replay changes nothing; the consumer applies each
 * document's events in order (per-subject sequence).
 */
@Service
public class AgendaDocuments {

  private final MongoTemplate mongo;
  private final Clock clock;

  AgendaDocuments(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  public void published(String documentId, String title, int version) {
    upsert(documentId, new Update().set("title", title).set("version", version));
  }

  public void versionAdded(String documentId, int version) {
    upsert(documentId, new Update().set("version", version));
  }

  public void metadataChanged(String documentId, String title) {
    upsert(documentId, new Update().set("title", title));
  }

  public void retracted(String documentId, String reason, Instant at) {
    upsert(
        documentId,
        new Update().set("retracted", true).set("retractedReason", reason).set("retractedAt", at));
  }

  private void upsert(String documentId, Update update) {
    update.set("updatedAt", Instant.now(clock));
    if (!update.modifies("retracted")) {
      update.setOnInsert("retracted", false);
    }
    mongo.upsert(Query.query(Criteria.where("_id").is(documentId)), update, AgendaDocument.class);
  }

  /** What is known of these documents (at most a few thousand ids: agendas of one page). */
  Map<String, AgendaDocument> of(Collection<String> documentIds) {
    if (documentIds.isEmpty()) {
      return Map.of();
    }
    return mongo
        .find(Query.query(Criteria.where("_id").in(documentIds)), AgendaDocument.class)
        .stream()
        .collect(Collectors.toMap(AgendaDocument::id, Function.identity()));
  }
}
