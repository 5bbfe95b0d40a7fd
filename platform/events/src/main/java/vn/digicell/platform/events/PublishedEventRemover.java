package vn.digicell.platform.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Removes published events from their aggregates' documents in batches, off the request path: one
 * bulk write for many aggregates instead of one round trip per command. Losing a batch (a crash)
 * only means the relay publishes those events again — at least once, never lost.
 */
final class PublishedEventRemover implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PublishedEventRemover.class);
  private static final int BATCH = 500;

  record Removal(String collection, Object id, List<String> eventIds) {}

  private final MongoTemplate mongo;
  private final BlockingQueue<Removal> queue = new LinkedBlockingQueue<>();
  private final Thread worker;
  private volatile boolean closed;

  PublishedEventRemover(MongoTemplate mongo) {
    this.mongo = mongo;
    this.worker = Thread.ofPlatform().daemon().name("outbox-remover").start(this::run);
  }

  void remove(String collection, Object id, List<String> eventIds) {
    if (closed) {
      removeNow(List.of(new Removal(collection, id, eventIds)));
    } else {
      queue.add(new Removal(collection, id, eventIds));
    }
  }

  private void run() {
    List<Removal> batch = new ArrayList<>(BATCH);
    while (!closed || !queue.isEmpty()) {
      try {
        Removal first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        removeNow(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn(
            "could not remove {} published event(s); the relay will publish them again",
            batch.size(),
            e);
      } finally {
        batch.clear();
      }
    }
  }

  private void removeNow(List<Removal> removals) {
    Map<String, List<Removal>> byCollection = new LinkedHashMap<>();
    removals.forEach(
        r -> byCollection.computeIfAbsent(r.collection(), c -> new ArrayList<>()).add(r));
    byCollection.forEach(
        (collection, list) -> {
          BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
          for (Removal r : list) {
            bulk.updateOne(
                Query.query(Criteria.where("_id").is(r.id())),
                new Update()
                    .pull(
                        Outbox.FIELD, new Document("eventId", new Document("$in", r.eventIds()))));
          }
          bulk.execute();
        });
  }

  /** Finishes what is queued, then removes synchronously. */
  @Override
  public void close() {
    closed = true;
    try {
      worker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
