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
 *
 * <p>A process can die between changing an aggregate and recording the answer. So the {@link
 * Outbox} notes on the claim which aggregate the command wrote ({@code effect}), right after the
 * write. A claim still {@code IN_PROGRESS} after {@code in-progress-timeout} belongs to an attempt
 * that will never answer: if it noted an effect, the command was carried out and a retry is told so
 * ({@link Outcome#RAN}, with the aggregate's id); if not, nothing was written and the retry runs
 * for real. Likewise a first attempt that wrote and then failed with a server error is not re-run.
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
    IN_PROGRESS,
    /** Carried out, but its answer was lost: the retry is told so, with what it changed. */
    RAN
  }

  record Answer(int status, String contentType, String location, byte[] body) {}

  /** What a command wrote: the aggregate's collection and id. */
  record Effect(String collection, String id) {}

  record Claim(String id, Outcome outcome, Answer answer, Effect effect) {}

  /** The claim of the command this thread is carrying out, while the filter runs it. */
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  static void begin(String claimId) {
    CURRENT.set(claimId);
  }

  static void end() {
    CURRENT.remove();
  }

  /**
   * Notes on the current command's claim (if any) that it wrote this aggregate: called by the
   * outbox right after the write. The first note stays.
   */
  static void noteEffect(MongoTemplate mongo, String collection, Object aggregateId) {
    String claim = CURRENT.get();
    if (claim != null) {
      mongo
          .getCollection(COLLECTION)
          .updateOne(
              new Document("_id", claim).append("effect", new Document("$exists", false)),
              new Document(
                  "$set",
                  new Document(
                      "effect",
                      new Document("collection", collection)
                          .append("id", String.valueOf(aggregateId)))));
    }
  }

  private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  private final MongoTemplate mongo;
  private final Duration retention;
  private final Duration inProgressTimeout;
  private final Clock clock;
  private final java.util.concurrent.atomic.AtomicReference<Instant> lastPurge =
      new java.util.concurrent.atomic.AtomicReference<>(Instant.EPOCH);

  IdempotencyRecords(
      MongoTemplate mongo, Duration retention, Duration inProgressTimeout, Clock clock) {
    this.mongo = mongo;
    this.retention = retention;
    this.inProgressTimeout = inProgressTimeout;
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
      return new Claim(id, Outcome.FIRST, null, null);
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
      return new Claim(id, Outcome.OTHER_BODY, null, null);
    }
    Effect effect = effectOf(existing);
    if ("RAN_UNRECORDED".equals(existing.getString("state"))) {
      return new Claim(id, Outcome.RAN, null, effect);
    }
    if (!"DONE".equals(existing.getString("state"))) {
      Instant claimed = existing.getDate("createdAt").toInstant();
      if (!claimed.isBefore(now.minus(inProgressTimeout))) {
        return new Claim(id, Outcome.IN_PROGRESS, null, null);
      }
      // the first attempt will never answer (its process stopped)
      if (effect != null) {
        mongo
            .getCollection(COLLECTION)
            .updateOne(
                new Document("_id", id),
                new Document("$set", new Document("state", "RAN_UNRECORDED")));
        return new Claim(id, Outcome.RAN, null, effect);
      }
      // it wrote nothing: this attempt runs for real (of two racing retries, one deletes)
      mongo
          .getCollection(COLLECTION)
          .deleteOne(
              new Document("_id", id)
                  .append("state", "IN_PROGRESS")
                  .append("createdAt", existing.getDate("createdAt")));
      return claim(scope, key, body);
    }
    Binary stored = existing.get("body", Binary.class);
    return new Claim(
        id,
        Outcome.REPLAY,
        new Answer(
            existing.getInteger("status"),
            existing.getString("contentType"),
            existing.getString("location"),
            stored == null ? new byte[0] : stored.getData()),
        effect);
  }

  private static Effect effectOf(Document record) {
    Document effect = record.get("effect", Document.class);
    return effect == null
        ? null
        : new Effect(effect.getString("collection"), effect.getString("id"));
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

  /**
   * The first attempt ended in a server error: forgotten, so the retry runs for real — unless it
   * had already written its change, then the retry is told it ran.
   */
  void release(String id) {
    long kept =
        mongo
            .getCollection(COLLECTION)
            .updateOne(
                new Document("_id", id).append("effect", new Document("$exists", true)),
                new Document("$set", new Document("state", "RAN_UNRECORDED")))
            .getMatchedCount();
    if (kept == 0) {
      mongo.getCollection(COLLECTION).deleteOne(new Document("_id", id));
    }
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
