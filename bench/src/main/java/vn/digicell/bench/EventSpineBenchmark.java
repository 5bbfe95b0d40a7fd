package vn.digicell.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import vn.digicell.platform.events.AggregateRoot;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.events.Outbox;

/**
 * Event spine throughput: N admissions through the outbox path (one document write with the
 * embedded event, publish with acks=all, $pull) against a raw KafkaProducer sending the identical
 * CloudEvent records to the same broker, both with the same concurrency. Prints both and their
 * ratio (target: outbox ≥ 0.8 of raw). Arguments: [events] [threads].
 */
public final class EventSpineBenchmark {

  private static final Clock CLOCK = Clock.systemUTC();

  @Document("bench_members")
  static final class BenchMember extends AggregateRoot {
    @Id String id;
    String path;

    static BenchMember admit(String id) {
      BenchMember m = new BenchMember();
      m.id = id;
      m.path = "/AG/VB/C07";
      m.record(
          "vn.digicell.member.admitted.v1",
          Map.of(
              "memberId", id,
              "partyNumber", "00012345",
              "fullName", "Nguyễn Thị Hoa",
              "gender", "FEMALE",
              "birthYear", 1990,
              "orgUnitId", "cell-07",
              "orgPath", "/AG/VB/C07",
              "admittedOn", "2024-05-19",
              "status", "PROBATIONARY"),
          CLOCK);
      return m;
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

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6, "member.events");
    broker.afterPropertiesSet();
    MongoServer mongoServer = new MongoServer(new MemoryBackend());
    String mongoAddress = mongoServer.bindAndGetConnectionString();
    try (MongoClient client = MongoClients.create(mongoAddress)) {
      Map<String, Object> config = new HashMap<>();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
      config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
      config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
      config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);

      MongoTemplate mongo = new MongoTemplate(client, "bench");
      KafkaTemplate<String, byte[]> template =
          new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
      EventPublisher publisher =
          new EventPublisher(
              template, URI.create("/digicell/bench"), 30_000, new SimpleMeterRegistry());
      Outbox outbox = new Outbox(mongo, publisher);

      // the identical records the outbox path would produce, for the raw producer
      List<ProducerRecord<String, byte[]>> rawRecords = new ArrayList<>(events);
      for (int i = 0; i < events; i++) {
        BenchMember m = BenchMember.admit(UUID.randomUUID().toString());
        rawRecords.add(publisher.toRecord(m.pendingEvents().get(0)));
      }

      System.out.printf(
          "event spine benchmark: %,d events, %d concurrent writers%n", events, threads);
      warmUp(outbox, rawRecords, config);
      double raw = rawThroughput(rawRecords, config, threads);
      double viaOutbox = outboxThroughput(outbox, events, threads);
      long left =
          mongo
              .getCollection("bench_members")
              .countDocuments(
                  new org.bson.Document("outbox.0", new org.bson.Document("$exists", true)));
      // the document write alone (same documents, their own collection): where the time goes
      double storeOnly =
          timed(
              events,
              threads,
              i -> mongo.save(BenchMember.admit(UUID.randomUUID().toString()), "bench_store_only"));
      System.out.printf("raw KafkaProducer : %,10.0f events/s%n", raw);
      System.out.printf("outbox path       : %,10.0f events/s%n", viaOutbox);
      System.out.printf("ratio outbox/raw  : %10.2f  (target >= 0.80)%n", viaOutbox / raw);
      System.out.printf(
          "store write alone : %,10.0f writes/s (embedded store, same JVM)%n", storeOnly);
      System.out.printf("documents with unpublished events after the run: %d%n", left);
      template.destroy();
    } finally {
      mongoServer.shutdownNow();
      broker.destroy();
    }
  }

  private static void warmUp(
      Outbox outbox, List<ProducerRecord<String, byte[]>> records, Map<String, Object> config)
      throws Exception {
    outboxThroughput(outbox, 2_000, 8);
    rawThroughput(records.subList(0, Math.min(2_000, records.size())), config, 8);
  }

  private static double rawThroughput(
      List<ProducerRecord<String, byte[]>> records, Map<String, Object> config, int threads)
      throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      return timed(
          records.size(),
          threads,
          i -> {
            producer.send(records.get(i)).get(30, TimeUnit.SECONDS);
          });
    }
  }

  private static double outboxThroughput(Outbox outbox, int events, int threads) throws Exception {
    return timed(
        events,
        threads,
        i -> outbox.saveAndPublish(BenchMember.admit(UUID.randomUUID().toString())));
  }

  interface Task {
    void run(int index) throws Exception;
  }

  private static double timed(int count, int threads, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    int perThread = (count + threads - 1) / threads;
    for (int t = 0; t < threads; t++) {
      int from = t * perThread;
      int to = Math.min(count, from + perThread);
      futures.add(
          pool.submit(
              () -> {
                for (int i = from; i < to; i++) {
                  task.run(i);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return count / seconds;
  }
}
