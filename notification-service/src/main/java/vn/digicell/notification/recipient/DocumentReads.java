package vn.digicell.notification.recipient;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Who opened which document (from document.read.v1): one small document per (document, member), for
 * the "not opened yet" meeting reminder.
 */
@Service
public class DocumentReads {

  static final String COLLECTION = "document_reads";

  private final MongoTemplate mongo;

  DocumentReads(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public void read(String documentId, String memberId, Instant readAt) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(documentId + "|" + memberId)),
        new Update()
            .setOnInsert("documentId", documentId)
            .setOnInsert("memberId", memberId)
            .setOnInsert("readAt", readAt),
        COLLECTION);
  }

  /**
   * How many of these documents each of these members has not opened (members who opened all are
   * left out). One query by ids: at most documents × members keys.
   */
  public Map<String, Integer> unopened(
      Collection<String> documentIds, Collection<String> memberIds) {
    Map<String, Integer> read = new HashMap<>();
    if (!documentIds.isEmpty() && !memberIds.isEmpty()) {
      List<String> keys =
          documentIds.stream().flatMap(d -> memberIds.stream().map(m -> d + "|" + m)).toList();
      for (Document d :
          mongo.find(Query.query(Criteria.where("_id").in(keys)), Document.class, COLLECTION)) {
        read.merge(d.getString("memberId"), 1, Integer::sum);
      }
    }
    Map<String, Integer> out = new HashMap<>();
    for (String m : memberIds) {
      int missing = documentIds.size() - read.getOrDefault(m, 0);
      if (missing > 0) {
        out.put(m, missing);
      }
    }
    return out;
  }
}
