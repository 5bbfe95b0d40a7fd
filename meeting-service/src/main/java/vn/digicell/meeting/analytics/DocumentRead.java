package vn.digicell.meeting.analytics;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A member's first opening of a library document (document-service's read receipt). */
@Document("document_reads")
@CompoundIndex(name = "document_member", def = "{'documentId': 1, 'memberId': 1}")
record DocumentRead(@Id String id, String documentId, String memberId, Instant readAt) {

  static String idOf(String documentId, String memberId) {
    return documentId + "|" + memberId;
  }
}
