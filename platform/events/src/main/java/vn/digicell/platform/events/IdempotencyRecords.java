package vn.digicell.platform.events;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The outcomes of commands sent with an {@code Idempotency-Key}, one document per caller, request
 * and key in {@code idempotency_keys}: claimed with an insert (the store's unique {@code _id} makes
 * exactly one of two racing attempts the first), completed with the answer, released when the first
 * attempt failed with a server error. Expired records are deleted in bounded batches (a TTL index
 * does the same in production MongoDB; the embedded store has no TTL).
 */
class IdempotencyRecords {

  static final String COLLECTION = "idempotency_keys";

  /** Answers larger than this are not replayed byte for byte; the retry gets 409 instead. */
  private static final int MAX_STORED_BODY = 512 * 1024;

  private static final int PURGE_BATCH = 1000;

  enum Outcome {
    FIRST,
    REPLAY,
    OTHER_BODY,
    IN_PROGRESS
  }

  record Answer(int status, String contentType, String location, byte[] body) {}

  record Claim(String id, Outcome outcome, Answer answer) {}

  private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  private final MongoTemplate mongo;
  private final Duration retention;
  private final Clock clock;
  private final java.util.concurrent.atomic.AtomicReference<Instant> lastPurge =
      new java.util.concurrent.atomic.AtomicReference<>(Instant.EPOCH);

  IdempotencyRecords(MongoTemplate mongo, Duration retention, Clock clock) {
    this.mongo = mongo;
    this.retention = retention;
    this.clock = clock;
  }

  void createIndexes() {
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index().on("expiresAt", Sort.Direction.ASC).expire(Duration.ZERO));
  }

  Claim claim(String scope, String key, byte[] body) {
    maybePurge();
    String id =
        hex(
            sha256()
                .digest(
                    (scope + "\u0000" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    String bodyHash = hex(sha256().digest(body));
    Instant now = clock.instant();
    Document record =
        new Document("_id", id)
            .append("bodyHash", bodyHash)
            .append("state", "IN_PROGRESS")
            .append("createdAt", java.util.Date.from(now))
            .append("expiresAt", java.util.Date.from(now.plus(retention)));
    try {
      mongo.getCollection(COLLECTION).insertOne(record);
      return new Claim(id, Outcome.FIRST, null);
    } catch (com.mongodb.MongoWriteException | DuplicateKeyException e) {
      if (e instanceof com.mongodb.MongoWriteException w && w.getCode() != 11000) {
        throw e;
      }
    }
    Document existing = mongo.getCollection(COLLECTION).find(new Document("_id", id)).first();
    if (existing == null || existing.getDate("expiresAt").toInstant().isBefore(now)) {
      // expired (or released meanwhile): start over
      mongo.getCollection(COLLECTION).deleteOne(new Document("_id", id));
      return claim(scope, key, body);
    }
    if (!bodyHash.equals(existing.getString("bodyHash"))) {
      return new Claim(id, Outcome.OTHER_BODY, null);
    }
    if (!"DONE".equals(existing.getString("state"))) {
      return new Claim(id, Outcome.IN_PROGRESS, null);
    }
    Binary stored = existing.get("body", Binary.class);
    return new Claim(
        id,
        Outcome.REPLAY,
        new Answer(
            existing.getInteger("status"),
            existing.getString("contentType"),
            existing.getString("location"),
            stored == null ? new byte[0] : stored.getData()));
  }

  void complete(String id, Answer answer) {
    if (answer.body().length > MAX_STORED_BODY) {
      // too large to keep: a retry is told the command already ran (409) rather than re-running it
      mongo.updateFirst(
          Query.query(Criteria.where("_id").is(id)),
          new Update().set("state", "RAN_UNRECORDED"),
          COLLECTION);
      return;
    }
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update()
            .set("state", "DONE")
            .set("status", answer.status())
            .set("contentType", answer.contentType())
            .set("location", answer.location())
            .set("body", new Binary(answer.body())),
        COLLECTION);
  }

  void release(String id) {
    mongo.getCollection(COLLECTION).deleteOne(new Document("_id", id));
  }

  /** Every few minutes, on whichever request comes, one bounded batch of expired records goes. */
  private void maybePurge() {
    Instant last = lastPurge.get();
    Instant now = clock.instant();
    if (now.isAfter(last.plus(PURGE_EVERY)) && lastPurge.compareAndSet(last, now)) {
      purgeExpired();
    }
  }

  /** Deletes expired records, at most a batch at a time; returns how many. */
  int purgeExpired() {
    Query expired =
        Query.query(Criteria.where("expiresAt").lt(java.util.Date.from(clock.instant())))
            .limit(PURGE_BATCH);
    expired.fields().include("_id");
    var ids =
        mongo.find(expired, Document.class, COLLECTION).stream().map(d -> d.get("_id")).toList();
    if (ids.isEmpty()) {
      return 0;
    }
    return (int)
        mongo.remove(Query.query(Criteria.where("_id").in(ids)), COLLECTION).getDeletedCount();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
