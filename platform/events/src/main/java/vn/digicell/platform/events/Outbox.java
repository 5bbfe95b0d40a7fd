package vn.digicell.platform.events;

import java.util.List;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The outbox without multi-document transactions: {@link #saveAndPublish} writes the aggregate and
 * its pending events in one document write, then publishes the events and removes them from the
 * document. If the process dies in between, {@link OutboxRelay} publishes what was left.
 */
public class Outbox {

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  static final String FIELD = "outbox";

  private final MongoTemplate mongo;
  private final EventPublisher publisher;
  private final Supplier<String> traceparent;

  /**
   * @param traceparent the W3C trace context of the work in progress (null when none), stamped on
   *     the events it causes
   */
  public Outbox(MongoTemplate mongo, EventPublisher publisher, Supplier<String> traceparent) {
    this.mongo = mongo;
    this.publisher = publisher;
    this.traceparent = traceparent;
  }

  /** An outbox that takes the trace context from the incoming HTTP request's header. */
  public Outbox(MongoTemplate mongo, EventPublisher publisher) {
    this(mongo, publisher, Outbox::requestTraceparent);
  }

  /**
   * Saves the aggregate (optimistic locking applies when it has a {@code @Version}) together with
   * its pending events, then publishes them. A failed publish does not fail the change: the events
   * stay in the document and the relay delivers them.
   */
  public <T extends AggregateRoot> T saveAndPublish(T aggregate) {
    String trace = traceparent.get();
    if (trace != null) {
      aggregate.replacePending(
          aggregate.pendingEvents().stream()
              .map(e -> e.traceparent() == null ? e.withTraceparent(trace) : e)
              .toList());
    }
    T saved = mongo.save(aggregate);
    String collection = mongo.getCollectionName(saved.getClass());
    // before anything else can fail: a retry of this command must learn it took effect
    IdempotencyRecords.noteEffect(mongo, collection, saved.id());
    List<OutboxEvent> pending = saved.pendingEvents();
    if (!pending.isEmpty()) {
      if (publishAndRemove(collection, saved.id(), pending)) {
        saved.forgetPublished();
      }
    }
    return saved;
  }

  /**
   * Inserts many new aggregates and publishes their events in bulk: one insert, one batch of sends,
   * one bulk removal. Returns those inserted: documents a unique index refuses are left out
   * (already on record). Used by imports; the same guarantees as {@link #saveAndPublish} (a crash
   * leaves events in the documents for the relay).
   */
  public <T extends AggregateRoot> List<T> insertAllAndPublish(List<T> aggregates, Class<T> type) {
    if (aggregates.isEmpty()) {
      return aggregates;
    }
    String trace = traceparent.get();
    if (trace != null) {
      aggregates.forEach(
          a ->
              a.replacePending(
                  a.pendingEvents().stream()
                      .map(e -> e.traceparent() == null ? e.withTraceparent(trace) : e)
                      .toList()));
    }
    aggregates = insertSkippingDuplicates(aggregates, type);
    if (aggregates.isEmpty()) {
      return aggregates;
    }
    IdempotencyRecords.noteEffect(mongo, mongo.getCollectionName(type), aggregates.get(0).id());
    List<OutboxEvent> all = aggregates.stream().flatMap(a -> a.pendingEvents().stream()).toList();
    java.util.Set<String> published = publisher.publishAll(all);
    String collection = mongo.getCollectionName(type);
    org.springframework.data.mongodb.core.BulkOperations bulk =
        mongo.bulkOps(
            org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, collection);
    int removals = 0;
    for (T aggregate : aggregates) {
      List<String> ids =
          aggregate.pendingEvents().stream()
              .map(OutboxEvent::eventId)
              .filter(published::contains)
              .toList();
      if (!ids.isEmpty()) {
        bulk.updateOne(
            Query.query(Criteria.where("_id").is(aggregate.id())),
            new Update().pull(FIELD, new Document("eventId", new Document("$in", ids))));
        removals++;
      }
      if (ids.size() == aggregate.pendingEvents().size()) {
        aggregate.forgetPublished();
      }
    }
    if (removals > 0) {
      bulk.execute();
    }
    return aggregates;
  }

  /**
   * One unordered bulk insert: documents a unique index refuses (already on record) are left out
   * and the rest go in. Any other failure is thrown.
   */
  private <T extends AggregateRoot> List<T> insertSkippingDuplicates(
      List<T> aggregates, Class<T> type) {
    org.springframework.data.mongodb.core.BulkOperations insert =
        mongo.bulkOps(
            org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, type);
    insert.insert(aggregates);
    try {
      insert.execute();
      return aggregates;
    } catch (org.springframework.data.mongodb.BulkOperationException e) {
      java.util.Set<Integer> refused = new java.util.HashSet<>();
      for (var error : e.getErrors()) {
        if (error.getCode() != 11000) {
          throw e;
        }
        refused.add(error.getIndex());
      }
      List<T> inserted = new java.util.ArrayList<>();
      for (int i = 0; i < aggregates.size(); i++) {
        if (!refused.contains(i)) {
          inserted.add(aggregates.get(i));
        }
      }
      return inserted;
    }
  }

  /**
   * Publishes events in order and removes the published ones from the document. Returns whether all
   * were published; stops at the first failure so order per aggregate is kept.
   */
  boolean publishAndRemove(String collection, Object id, List<OutboxEvent> events) {
    List<String> published = new java.util.ArrayList<>();
    boolean all = true;
    for (OutboxEvent event : events) {
      try {
        publisher.publish(event);
        published.add(event.eventId());
      } catch (RuntimeException e) {
        log.warn("{}; the outbox relay will retry", e.getMessage(), e);
        all = false;
        break;
      }
    }
    // removed before the command returns: an aggregate loaded by the next command must not
    // carry events that were already published
    if (!published.isEmpty()) {
      mongo.updateFirst(
          Query.query(Criteria.where("_id").is(id)),
          new Update().pull(FIELD, new Document("eventId", new Document("$in", published))),
          collection);
    }
    return all;
  }

  static String requestTraceparent() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
      return request.getRequest().getHeader("traceparent");
    }
    return null;
  }
}
