package vn.digicell.document.reorg;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import vn.digicell.document.archive.ArchiveRecord;
import vn.digicell.document.board.Board;
import vn.digicell.document.library.LibraryDocument;
import vn.digicell.document.library.ReadReceipt;
import vn.digicell.document.pack.MeetingPack;

/**
 * Follows the org tree when a unit moves (or is merged into another): every stored org path in the
 * moved subtree is rewritten by prefix, in bounded batches of bulk updates, so visibility and
 * access keep working under the new paths. Archive records keep the org path their log entry
 * commits to and get a current path beside it, which access checks use.
 */
@Service
public class OrgMoves {

  static final int BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(OrgMoves.class);

  private final MongoTemplate mongo;

  OrgMoves(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** What one move rewrote, per collection. */
  public record Moved(long documents, long readReceipts, long boards, long packs, long archive) {
    public long total() {
      return documents + readReceipts + boards + packs + archive;
    }
  }

  /** Rewrites {@code oldPath} and everything below it to lie under {@code newPath}. */
  public Moved move(String oldPath, String newPath) {
    if (oldPath.equals(newPath)) {
      return new Moved(0, 0, 0, 0, 0);
    }
    Moved moved =
        new Moved(
            rewrite(
                mongo.getCollectionName(LibraryDocument.class),
                oldPath,
                newPath,
                "orgPath",
                List.of("orgPath", "metadata.orgPath"),
                true),
            rewrite(
                mongo.getCollectionName(ReadReceipt.class),
                oldPath,
                newPath,
                "orgPath",
                List.of("orgPath"),
                true),
            rewrite(
                    mongo.getCollectionName(Board.class),
                    oldPath,
                    newPath,
                    "orgPath",
                    List.of("orgPath"),
                    true)
                + rewriteAudiences(oldPath, newPath),
            rewrite(
                mongo.getCollectionName(MeetingPack.class),
                oldPath,
                newPath,
                "orgPath",
                List.of("orgPath"),
                true),
            rewriteArchive(oldPath, newPath));
    LOG.info("org {} moved to {}: {}", oldPath, newPath, moved);
    return moved;
  }

  static String rewritten(String path, String oldPath, String newPath) {
    return newPath + path.substring(oldPath.length());
  }

  static Criteria within(String field, String oldPath) {
    return Criteria.where(field).regex("^" + Pattern.quote(oldPath) + "(/|$)");
  }

  /**
   * Keyset pass over the documents whose {@code key} lies in the subtree: each batch one unordered
   * bulk write setting {@code fields} (read from the key's value) and bumping the optimistic
   * version, so a concurrent save of the old state fails and retries instead of undoing the move.
   */
  private long rewrite(
      String collection,
      String oldPath,
      String newPath,
      String key,
      List<String> fields,
      boolean versioned) {
    long count = 0;
    Object after = null;
    while (true) {
      Criteria criteria = within(key, oldPath);
      if (after != null) {
        criteria = new Criteria().andOperator(criteria, Criteria.where("_id").gt(after));
      }
      Query query = Query.query(criteria).with(Sort.by("_id")).limit(BATCH);
      query.fields().include("_id").include(key);
      List<Document> batch = mongo.find(query, Document.class, collection);
      if (batch.isEmpty()) {
        return count;
      }
      BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
      for (Document d : batch) {
        String path = rewritten(d.getString(key), oldPath, newPath);
        Update update = new Update();
        fields.forEach(f -> update.set(f, path));
        if (versioned) {
          update.inc("version", 1);
        }
        // the old path in the filter too: on the national cluster it is (part of) the shard key,
        // and MongoDB moves a document to its new key range only when the filter names the full
        // key; elsewhere it makes the rewrite conditional on the path it read
        bulk.updateOne(
            Query.query(Criteria.where("_id").is(d.get("_id")).and(key).is(d.getString(key))),
            update);
      }
      bulk.execute();
      count += batch.size();
      after = batch.getLast().get("_id");
    }
  }

  /** Members' sections whose audience lies in the subtree, on boards anywhere (few boards). */
  private long rewriteAudiences(String oldPath, String newPath) {
    String collection = mongo.getCollectionName(Board.class);
    long count = 0;
    Object after = null;
    while (true) {
      Criteria criteria = within("sections.content.audiencePath", oldPath);
      if (after != null) {
        criteria = new Criteria().andOperator(criteria, Criteria.where("_id").gt(after));
      }
      Query query = Query.query(criteria).with(Sort.by("_id")).limit(BATCH);
      List<Document> batch = mongo.find(query, Document.class, collection);
      if (batch.isEmpty()) {
        return count;
      }
      BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
      for (Document board : batch) {
        Update update = new Update().inc("version", 1);
        List<Document> sections = board.getList("sections", Document.class, new ArrayList<>());
        for (int i = 0; i < sections.size(); i++) {
          Document content = sections.get(i).get("content", Document.class);
          String path = content == null ? null : content.getString("audiencePath");
          if (path != null && (path.equals(oldPath) || path.startsWith(oldPath + "/"))) {
            update.set(
                "sections." + i + ".content.audiencePath", rewritten(path, oldPath, newPath));
          }
        }
        bulk.updateOne(Query.query(Criteria.where("_id").is(board.get("_id"))), update);
      }
      bulk.execute();
      count += batch.size();
      after = batch.getLast().get("_id");
    }
  }

  /** Archive records: the committed org path stays, the current path moves. */
  private long rewriteArchive(String oldPath, String newPath) {
    String collection = mongo.getCollectionName(ArchiveRecord.class);
    long count = 0;
    Object after = null;
    while (true) {
      Criteria subtree =
          new Criteria()
              .orOperator(
                  within("currentOrgPath", oldPath),
                  new Criteria()
                      .andOperator(
                          Criteria.where("currentOrgPath").exists(false),
                          within("orgPath", oldPath)));
      Criteria criteria =
          after == null
              ? subtree
              : new Criteria().andOperator(subtree, Criteria.where("_id").gt(after));
      Query query = Query.query(criteria).with(Sort.by("_id")).limit(BATCH);
      query.fields().include("_id").include("orgPath").include("currentOrgPath");
      List<Document> batch = mongo.find(query, Document.class, collection);
      if (batch.isEmpty()) {
        return count;
      }
      BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
      for (Document d : batch) {
        String current =
            d.getString("currentOrgPath") != null
                ? d.getString("currentOrgPath")
                : d.getString("orgPath");
        bulk.updateOne(
            Query.query(Criteria.where("_id").is(d.get("_id"))),
            new Update()
                .set("currentOrgPath", rewritten(current, oldPath, newPath))
                .inc("version", 1));
      }
      bulk.execute();
      count += batch.size();
      after = batch.getLast().get("_id");
    }
  }
}
