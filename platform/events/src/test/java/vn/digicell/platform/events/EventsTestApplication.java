package vn.digicell.platform.events;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A tiny service using the event spine the way real services do. */
@SpringBootApplication
class EventsTestApplication {

  static final String TOPIC = "test.events";
  static final String GROUP = "events-test";

  /** An aggregate whose changes record {@code orgunit.created} events. */
  @Document("samples")
  static class Sample extends AggregateRoot {
    @Id String id;
    @Version Long version;
    String code;
    String path;

    Sample() {}

    static Sample create(String id, String code, Clock clock) {
      Sample s = new Sample();
      s.id = id;
      s.code = code;
      s.path = "/AG/" + code;
      s.record(
          "vn.digicell.orgunit.created.v1",
          new Created(id, code, "Chi bộ " + code, "CELL", null, s.path),
          clock);
      return s;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    protected String orgPath() {
      return path;
    }
  }

  /** Creates samples over HTTP, as a service's controller would. */
  @org.springframework.web.bind.annotation.RestController
  static class SampleController {
    private final Outbox outbox;

    SampleController(Outbox outbox) {
      this.outbox = outbox;
    }

    /** Writes through a store that does not answer (nothing listens on port 1). */
    @org.springframework.web.bind.annotation.PostMapping("/samples-unreachable/{code}")
    String createWhileTheStoreIsDown(
        @org.springframework.web.bind.annotation.PathVariable String code) {
      var settings =
          com.mongodb.MongoClientSettings.builder()
              .applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:1"))
              .applyToClusterSettings(
                  c -> c.serverSelectionTimeout(300, java.util.concurrent.TimeUnit.MILLISECONDS))
              .build();
      try (var client = com.mongodb.client.MongoClients.create(settings)) {
        new org.springframework.data.mongodb.core.MongoTemplate(client, "unreachable")
            .save(Sample.create(java.util.UUID.randomUUID().toString(), code, Clock.systemUTC()));
      }
      return "saved";
    }

    @org.springframework.web.bind.annotation.PostMapping("/samples/{code}")
    String create(@org.springframework.web.bind.annotation.PathVariable String code) {
      return outbox
          .saveAndPublish(
              Sample.create(java.util.UUID.randomUUID().toString(), code, Clock.systemUTC()))
          .id();
    }

    /** Writes its change, then fails, as a handler whose next step throws would. */
    @org.springframework.web.bind.annotation.PostMapping("/samples-then-fail/{code}")
    String createThenFail(@org.springframework.web.bind.annotation.PathVariable String code) {
      outbox.saveAndPublish(
          Sample.create(java.util.UUID.randomUUID().toString(), code, Clock.systemUTC()));
      throw new IllegalStateException("a step after the write failed");
    }
  }

  record Created(
      String orgUnitId, String code, String name, String kind, String parentId, String path) {}

  /** Applies events once each and can be told to fail, like a consumer whose database is down. */
  @Component
  static class SampleListener {
    static final List<String> APPLIED = new CopyOnWriteArrayList<>();
    static final List<String> SKIPPED = new CopyOnWriteArrayList<>();
    static final AtomicBoolean FAILING = new AtomicBoolean();

    private final AppliedEvents applied;

    SampleListener(AppliedEvents applied) {
      this.applied = applied;
    }

    @KafkaListener(topics = TOPIC, groupId = GROUP)
    void on(ConsumerRecord<String, byte[]> record) {
      ReceivedEvent event = ReceivedEvent.from(record);
      Created created = event.payload(Created.class);
      if (FAILING.get() && created.code().startsWith("FAIL")) {
        throw new IllegalStateException("store unavailable");
      }
      String label = event.subject() + "#" + event.sequence();
      if (!applied.applyOnce(GROUP, event, () -> APPLIED.add(label))) {
        SKIPPED.add(label);
      }
    }
  }
}
