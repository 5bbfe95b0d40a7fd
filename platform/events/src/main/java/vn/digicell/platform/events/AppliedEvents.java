package vn.digicell.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Makes at-least-once delivery apply exactly once per consumer: an event is skipped when its {@code
 * sequence} is not newer than the last one this consumer applied for the same subject on the same
 * topic (or, for events without a sequence, when its id was already recorded). The action runs
 * before the mark is written, so a crash in between means a redelivery — actions are written to be
 * idempotent (deterministic ids, conditional updates) for exactly that case.
 */
public class AppliedEvents {

  static final String COLLECTION = "applied_events";

  private final MongoTemplate mongo;
  private final MeterRegistry meters;
  private final Clock clock;

  public AppliedEvents(MongoTemplate mongo, MeterRegistry meters, Clock clock) {
    this.mongo = mongo;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Runs {@code action} unless {@code consumer} already applied this event; returns whether it ran.
   */
  public boolean applyOnce(String consumer, ReceivedEvent event, Runnable action) {
    String key = key(consumer, event);
    if (alreadyApplied(key, event)) {
      count(consumer, event, "duplicate");
      return false;
    }
    action.run();
    mark(key, event);
    count(consumer, event, "applied");
    return true;
  }

  /**
   * The batch form of {@link #applyOnce}: one read of the marks for the whole batch, {@code action}
   * once with the events not applied yet (in their order; a subject's repeat within the batch is
   * dropped), then one bulk write of the marks. Returns the events that ran.
   */
  public List<ReceivedEvent> applyOnceEach(
      String consumer, List<ReceivedEvent> events, Consumer<List<ReceivedEvent>> action) {
    if (events.isEmpty()) {
      return List.of();
    }
    Map<String, Document> marks = new HashMap<>();
    List<String> keys = events.stream().map(e -> key(consumer, e)).distinct().toList();
    mongo
        .find(Query.query(Criteria.where("_id").in(keys)), Document.class, COLLECTION)
        .forEach(mark -> marks.put(mark.getString("_id"), mark));
    Map<String, Long> newest = new HashMap<>();
    Set<String> seenIds = new HashSet<>();
    List<ReceivedEvent> fresh = new ArrayList<>();
    for (ReceivedEvent event : events) {
      String key = key(consumer, event);
      boolean duplicate;
      if (event.sequence() == null) {
        duplicate = marks.containsKey(key) || !seenIds.add(key);
      } else {
        Number marked =
            marks.containsKey(key) ? marks.get(key).get("sequence", Number.class) : null;
        long last =
            Math.max(
                marked == null ? Long.MIN_VALUE : marked.longValue(),
                newest.getOrDefault(key, Long.MIN_VALUE));
        duplicate = event.sequence() <= last;
        if (!duplicate) {
          newest.put(key, event.sequence());
        }
      }
      if (duplicate) {
        count(consumer, event, "duplicate");
      } else {
        fresh.add(event);
      }
    }
    if (fresh.isEmpty()) {
      return fresh;
    }
    action.accept(fresh);
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
    for (ReceivedEvent event : fresh) {
      bulk.upsert(Query.query(Criteria.where("_id").is(key(consumer, event))), markOf(event));
      count(consumer, event, "applied");
    }
    bulk.execute();
    return fresh;
  }

  private boolean alreadyApplied(String key, ReceivedEvent event) {
    Document mark = mongo.findById(key, Document.class, COLLECTION);
    if (mark == null) {
      return false;
    }
    if (event.sequence() == null) {
      return true;
    }
    Number last = mark.get("sequence", Number.class);
    return last != null && last.longValue() >= event.sequence();
  }

  private Update markOf(ReceivedEvent event) {
    Update update =
        new Update()
            .set("eventId", event.id())
            .set("type", event.type())
            .set("appliedAt", Date.from(clock.instant()));
    if (event.sequence() != null) {
      // $max keeps the newest even if two deliveries race
      update.max("sequence", event.sequence());
    }
    return update;
  }

  private void mark(String key, ReceivedEvent event) {
    Update update = markOf(event);
    mongo.findAndModify(
        Query.query(Criteria.where("_id").is(key)),
        update,
        FindAndModifyOptions.options().upsert(true),
        Document.class,
        COLLECTION);
  }

  private static String key(String consumer, ReceivedEvent event) {
    return event.sequence() != null
        ? consumer + "|" + event.topic() + "|" + event.subject()
        : consumer + "|id|" + event.id();
  }

  private void count(String consumer, ReceivedEvent event, String outcome) {
    Counter.builder("digicell.events.consumed")
        .description("Events received by a consumer, by outcome")
        .tag("consumer", consumer)
        .tag("type", event.type())
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
