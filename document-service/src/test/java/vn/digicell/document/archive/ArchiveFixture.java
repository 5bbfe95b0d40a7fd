package vn.digicell.document.archive;

import static org.awaitility.Awaitility.await;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.events.OutboxEvent;
import vn.digicell.platform.test.TestTopics;

/**
 * The archive's integration-test setup: meeting-service's events published as it publishes them
 * (payloads from {@link SealedArchiveTest}), the officers' keys registered, and records awaited
 * until appended or sealed by a checkpoint the test triggers, as the scheduler would.
 */
final class ArchiveFixture {

  private static final AtomicLong KEY_SEQUENCE = new AtomicLong();

  private final EventPublisher publisher;
  private final MongoTemplate mongo;
  private final ArchiveService archive;

  ArchiveFixture(EventPublisher publisher, MongoTemplate mongo, ArchiveService archive) {
    this.publisher = publisher;
    this.mongo = mongo;
    this.archive = archive;
  }

  /** The chair's and secretary's keys, as meeting-service announces them, once per database. */
  void registerOfficersKeys() {
    if (mongo.exists(Query.query(Criteria.where("memberId").is("m-secretary")), SigningKey.class)) {
      return;
    }
    registerKey("m-chair", SealedArchiveTest.CHAIR, SealedArchiveTest.KEYS_VALID_FROM, null);
    registerKey(
        "m-secretary", SealedArchiveTest.SECRETARY, SealedArchiveTest.KEYS_VALID_FROM, null);
    awaitKeys("m-chair", 1);
    awaitKeys("m-secretary", 1);
  }

  void registerKey(String memberId, KeyPair pair, Instant validFrom, String supersedes) {
    publisher.publish(
        new OutboxEvent(
            UUID.randomUUID().toString(),
            SealedArchiveTest.KEY_REGISTERED,
            memberId,
            KEY_SEQUENCE.incrementAndGet(),
            null,
            "meeting.events",
            SealedArchiveTest.keyPayload(memberId, pair, validFrom, supersedes),
            Instant.now(),
            null));
  }

  void awaitKeys(String memberId, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo.count(Query.query(Criteria.where("memberId").is(memberId)), SigningKey.class),
            n -> n >= count);
  }

  /** Minutes and amendments travel on meeting.records, everything else on meeting.events. */
  void publish(String type, String meetingId, long sequence, String payload, String orgPath) {
    boolean record =
        SealedArchiveTest.FINALIZED.equals(type) || SealedArchiveTest.AMENDED.equals(type);
    publishOn(
        record ? SealedArchiveTest.RECORDS : "meeting.events",
        type,
        meetingId,
        sequence,
        payload,
        orgPath);
  }

  void publishOn(
      String topic, String type, String key, long sequence, String payload, String orgPath) {
    publisher.publish(
        new OutboxEvent(
            UUID.randomUUID().toString(),
            type,
            key,
            sequence,
            orgPath,
            topic,
            payload,
            Instant.now(),
            null));
  }

  ArchiveRecord awaitAppended(String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> mongo.findById(id, ArchiveRecord.class), r -> r != null && r.entry().isPresent());
  }

  /** Waits until the record is appended, then signs a checkpoint and waits for its seal event. */
  void awaitSealed(String id) {
    awaitAppended(id);
    archive.checkpointAndSeal();
    TestTopics.awaitRecords("document.events", id, 1);
  }
}
