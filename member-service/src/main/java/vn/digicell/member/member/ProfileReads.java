package vn.digicell.member.member;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import vn.digicell.platform.security.CurrentUser;

/**
 * The audit log of full-profile reads: who read whose record, when. Indexed for the auditors' query
 * ({@code orgPath, at}); created at start-up like the entities' indexes.
 */
@Component
public class ProfileReads {

  static final String COLLECTION = "profile_reads";

  private final MongoTemplate mongo;
  private final Clock clock;

  ProfileReads(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
    mongo
        .indexOps(COLLECTION)
        .createIndex(
            new org.springframework.data.mongodb.core.index.Index()
                .on("orgPath", Sort.Direction.ASC)
                .on("at", Sort.Direction.DESC)
                .named("subtree_time"));
  }

  /**
   * One logged read: {@code what} is {@code PROFILE} (one member's full record, {@code memberId}
   * set), {@code CONTACT_UPDATE} (the record answered after a contact update), {@code PHOTO},
   * {@code CITIZEN_ID_SEARCH} (a search by citizen id, {@code memberId} = who was found) or {@code
   * EXPORT} (a subtree exported, {@code orgPath} = its root; {@code personal} tells whether
   * personal columns were included, {@code format} the file type).
   */
  public record ProfileRead(
      String id,
      String reader,
      String memberId,
      String orgPath,
      Instant at,
      String what,
      Boolean personal,
      String format) {}

  /**
   * Reads logged under {@code root}, newest first, optionally of one member or by one reader;
   * keyset paged on (at, id). Served by the {@code orgPath, at} index.
   */
  List<ProfileRead> find(
      String root, String memberId, String reader, Instant before, String beforeId, int limit) {
    List<Criteria> all = new ArrayList<>();
    all.add(
        new Criteria()
            .orOperator(
                Criteria.where("orgPath").is(root),
                Criteria.where("orgPath").regex("^" + Pattern.quote(root + "/"))));
    if (memberId != null) {
      all.add(Criteria.where("memberId").is(memberId));
    }
    if (reader != null) {
      all.add(Criteria.where("reader").is(reader));
    }
    if (before != null) {
      all.add(
          new Criteria()
              .orOperator(
                  Criteria.where("at").lt(Date.from(before)),
                  new Criteria()
                      .andOperator(
                          Criteria.where("at").is(Date.from(before)),
                          Criteria.where("_id").lt(new ObjectId(beforeId)))));
    }
    Query query =
        Query.query(new Criteria().andOperator(all.toArray(Criteria[]::new)))
            .with(Sort.by(Sort.Direction.DESC, "at", "_id"))
            .limit(limit);
    return mongo.find(query, Document.class, COLLECTION).stream()
        .map(
            d ->
                new ProfileRead(
                    d.getObjectId("_id").toHexString(),
                    d.getString("reader"),
                    d.getString("memberId"),
                    d.getString("orgPath"),
                    d.getDate("at").toInstant(),
                    d.get("what") == null ? "PROFILE" : d.getString("what"),
                    d.getBoolean("personal"),
                    d.getString("format")))
        .toList();
  }

  /** Logs an export of the subtree at {@code root}, before its first row is written. */
  void recordExport(CurrentUser reader, String root, boolean personal, String format) {
    mongo.insert(
        new Document("reader", reader.username())
            .append("readerSubject", reader.subject())
            .append("what", "EXPORT")
            .append("orgPath", root)
            .append("personal", personal)
            .append("format", format)
            .append("at", Date.from(clock.instant())),
        COLLECTION);
  }

  /** Logs a read of a member's photo ({@code what: PHOTO}). */
  void recordPhoto(CurrentUser reader, Member member) {
    mongo.insert(
        new Document("reader", reader.username())
            .append("readerSubject", reader.subject())
            .append("what", "PHOTO")
            .append("memberId", member.id())
            .append("orgPath", member.path())
            .append("at", Date.from(clock.instant())),
        COLLECTION);
  }

  /**
   * Logs a response that carried a member's personal fields decrypted for another reason than a
   * profile read: {@code what} says which (e.g. {@code CONTACT_UPDATE}, the updated record
   * answered).
   */
  void record(CurrentUser reader, Member member, String what) {
    mongo.insert(
        new Document("reader", reader.username())
            .append("readerSubject", reader.subject())
            .append("what", what)
            .append("memberId", member.id())
            .append("orgPath", member.path())
            .append("at", Date.from(clock.instant())),
        COLLECTION);
  }

  /**
   * Logs a search by citizen id ({@code what: CITIZEN_ID_SEARCH}) under {@code root}: who searched,
   * the member found (if any) and the keyed hash searched for (never the id itself).
   */
  void recordCitizenIdSearch(CurrentUser reader, String root, String citizenHash, String found) {
    mongo.insert(
        new Document("reader", reader.username())
            .append("readerSubject", reader.subject())
            .append("what", "CITIZEN_ID_SEARCH")
            .append("memberId", found)
            .append("citizenIdHash", citizenHash)
            .append("orgPath", root)
            .append("at", Date.from(clock.instant())),
        COLLECTION);
  }

  void record(CurrentUser reader, Member member) {
    mongo.insert(
        new Document("reader", reader.username())
            .append("readerSubject", reader.subject())
            .append("memberId", member.id())
            .append("orgPath", member.path())
            .append("at", Date.from(clock.instant())),
        COLLECTION);
  }
}
