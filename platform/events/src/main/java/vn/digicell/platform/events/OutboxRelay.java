package vn.digicell.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Re-publishes events a crash left in aggregate documents. Scans every collection of an {@link
 * AggregateRoot} type for outbox entries older than the grace period, in batches, oldest pass
 * first; publishes them in sequence order and removes them. Reports the backlog as a gauge.
 */
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final List<String> collections;
  private final EventsProperties.Relay settings;
  private final Clock clock;
  private final AtomicLong backlog = new AtomicLong();
  private ScheduledExecutorService scheduler;
  private volatile boolean indexed;

  public OutboxRelay(
      MongoTemplate mongo,
      Outbox outbox,
      List<String> collections,
      EventsProperties.Relay settings,
      Clock clock,
      MeterRegistry meters) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.collections = List.copyOf(collections);
    this.settings = settings;
    this.clock = clock;
    Gauge.builder("digicell.outbox.backlog", backlog, AtomicLong::get)
        .description("Aggregate documents holding unpublished events at the last relay pass")
        .register(meters);
  }

  /** One pass over every aggregate collection; returns how many events it published. */
  public int relayOnce() {
    ensureIndexes();
    Instant cutoff = Instant.now(clock).minus(settings.grace());
    int published = 0;
    long waiting = 0;
    for (String collection : collections) {
      Query stale =
          Query.query(Criteria.where(Outbox.FIELD + ".recordedAt").lt(Date.from(cutoff)))
              .limit(settings.batchSize());
      stale.fields().include("_id").include(Outbox.FIELD);
      for (Document document : mongo.find(stale, Document.class, collection)) {
        List<OutboxEvent> events = events(document);
        if (outbox.publishAndRemove(collection, document.get("_id"), events)) {
          published += events.size();
        }
      }
      waiting +=
          mongo.count(Query.query(Criteria.where(Outbox.FIELD + ".0").exists(true)), collection);
    }
    backlog.set(waiting);
    if (published > 0) {
      log.info("outbox relay published {} event(s) left behind", published);
    }
    return published;
  }

  /**
   * The relay's query, on collections of millions of aggregates, needs an index on the outbox's
   * {@code recordedAt}; sparse, so only documents holding unpublished events are in it. Declared
   * here once per collection; a failure (store unreachable) is retried on the next pass.
   */
  private void ensureIndexes() {
    if (indexed) {
      return;
    }
    try {
      for (String collection : collections) {
        mongo
            .indexOps(collection)
            .createIndex(
                new Index()
                    .on(Outbox.FIELD + ".recordedAt", Sort.Direction.ASC)
                    .named("outbox_recordedAt")
                    .sparse());
      }
      indexed = true;
    } catch (RuntimeException e) {
      log.warn("could not declare the outbox index yet; the next pass retries", e);
    }
  }

  @SuppressWarnings("unchecked")
  private List<OutboxEvent> events(Document document) {
    List<OutboxEvent> events = new ArrayList<>();
    for (Document e : (List<Document>) document.get(Outbox.FIELD, List.class)) {
      events.add(mongo.getConverter().read(OutboxEvent.class, e));
    }
    events.sort(java.util.Comparator.comparingLong(OutboxEvent::sequence));
    return events;
  }

  @Override
  public synchronized void start() {
    if (scheduler != null || !settings.enabled()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "outbox-relay");
              t.setDaemon(true);
              return t;
            });
    long every = settings.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::safePass, every, every, TimeUnit.MILLISECONDS);
  }

  private void safePass() {
    try {
      relayOnce();
    } catch (RuntimeException e) {
      log.warn("outbox relay pass failed; next pass retries", e);
    }
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
