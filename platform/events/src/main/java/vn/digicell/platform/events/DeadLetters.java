package vn.digicell.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import vn.digicell.platform.web.ProblemException;

/**
 * Lets an operator see what went to the dead-letter topics and why, and send a message back to its
 * original topic once the cause is fixed. Each dead letter is replayed at most once.
 */
public class DeadLetters {

  static final String REPLAYS = "dead_letter_replays";
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int MAX_READ = 500;

  private final KafkaAdmin admin;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final KafkaTemplate<String, byte[]> template;
  private final MongoTemplate mongo;

  public DeadLetters(
      KafkaAdmin admin,
      Supplier<Consumer<String, byte[]>> consumers,
      KafkaTemplate<String, byte[]> template,
      MongoTemplate mongo) {
    this.admin = admin;
    this.consumers = consumers;
    this.template = template;
    this.mongo = mongo;
  }

  /** A dead-letter topic and how many messages it holds. */
  public record TopicSummary(String topic, long messages) {}

  /** One dead letter: where it came from, why it failed, and what it carried. */
  public record DeadLetter(
      String topic,
      int partition,
      long offset,
      String key,
      String originalTopic,
      String failure,
      Map<String, String> cloudEvent,
      String payload,
      boolean replayed) {}

  public List<TopicSummary> topics() {
    try (Admin client = Admin.create(admin.getConfigurationProperties());
        Consumer<String, byte[]> consumer = consumers.get()) {
      List<String> names =
          client.listTopics().names().get().stream()
              .filter(n -> n.endsWith(DeadLetterTopics.SUFFIX))
              .sorted()
              .toList();
      List<TopicSummary> summaries = new ArrayList<>();
      for (String name : names) {
        List<TopicPartition> partitions = partitions(consumer, name);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long count = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
        summaries.add(new TopicSummary(name, count));
      }
      return summaries;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot list topics", e);
    }
  }

  /** Up to {@code limit} dead letters of {@code topic}, oldest first. */
  public List<DeadLetter> read(String topic, int limit) {
    requireDeadLetterTopic(topic);
    int max = Math.min(Math.max(limit, 1), MAX_READ);
    List<DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records(topic, max)) {
      letters.add(describe(record));
    }
    return letters;
  }

  /** Sends one dead letter back to its original topic; refuses a second replay. */
  public DeadLetter replay(String topic, int partition, long offset) {
    requireDeadLetterTopic(topic);
    ConsumerRecord<String, byte[]> record =
        records(topic, MAX_READ).stream()
            .filter(r -> r.partition() == partition && r.offset() == offset)
            .findFirst()
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "dead-letter-not-found",
                        "No dead letter at " + topic + "-" + partition + "@" + offset + "."));
    String original = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
    if (original == null) {
      throw ProblemException.conflict(
          "dead-letter-without-origin", "This dead letter does not say where it came from.");
    }
    try {
      mongo.insert(
          new Document("_id", replayId(record))
              .append("replayedAt", Date.from(Instant.now()))
              .append("to", original),
          REPLAYS);
    } catch (DuplicateKeyException e) {
      throw ProblemException.conflict(
          "dead-letter-already-replayed", "This dead letter was already replayed.");
    }
    ProducerRecord<String, byte[]> again =
        new ProducerRecord<>(original, null, record.key(), record.value());
    for (Header h : record.headers()) {
      if (!h.key().startsWith(KafkaHeaders.PREFIX + "dlt-")) {
        again.headers().add(h);
      }
    }
    try {
      template.send(again).get();
    } catch (Exception e) {
      mongo.remove(
          org.springframework.data.mongodb.core.query.Query.query(
              org.springframework.data.mongodb.core.query.Criteria.where("_id")
                  .is(replayId(record))),
          REPLAYS);
      throw new IllegalStateException("replay to " + original + " failed", e);
    }
    return describe(record);
  }

  private List<ConsumerRecord<String, byte[]>> records(String topic, int max) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (Consumer<String, byte[]> consumer = consumers.get()) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (out.size() < max && !reachedEnd(consumer, partitions, end)) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
          if (out.size() < max) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  private static boolean reachedEnd(
      Consumer<String, byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
  }

  private static List<TopicPartition> partitions(Consumer<String, byte[]> consumer, String topic) {
    var infos = consumer.partitionsFor(topic);
    if (infos == null || infos.isEmpty()) {
      throw ProblemException.notFound("topic-not-found", "No topic " + topic + ".");
    }
    return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
  }

  private DeadLetter describe(ConsumerRecord<String, byte[]> record) {
    Map<String, String> ce = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      if (h.key().startsWith("ce_") || h.key().equals("content-type")) {
        ce.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    return new DeadLetter(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
        header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
        ce,
        record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
        mongo.findById(replayId(record), Document.class, REPLAYS) != null);
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String replayId(ConsumerRecord<?, ?> record) {
    return record.topic() + "|" + record.partition() + "|" + record.offset();
  }

  private static void requireDeadLetterTopic(String topic) {
    if (topic == null || !topic.endsWith(DeadLetterTopics.SUFFIX)) {
      throw ProblemException.badRequest(
          "not-a-dead-letter-topic", "Only topics ending in " + DeadLetterTopics.SUFFIX + ".");
    }
  }
}
