package vn.digicell.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import vn.digicell.contracts.EventCatalogue;
import vn.digicell.contracts.EventSchemas;

/**
 * Every record on every topic of the catalogue, read back from the broker as an analyst reads it
 * and checked by the contracts module: a CloudEvent in binary mode ({@code ce_id}, {@code
 * ce_source}, {@code ce_specversion} 1.0, {@code ce_type}), on its type's topic, with a payload
 * valid against its type's JSON Schema. Whatever path produced it (a command's outbox, a bulk
 * reassignment, a broadcast's fan-out, a relay after a crash) — the wire is what consumers get.
 * Dead-letter topics are not read: they hold what was refused.
 */
final class WireContracts {

  /** What was read: records per event type, and each invalid record with its violations. */
  record Report(long records, Map<String, Long> perType, List<String> invalid) {
    String summary() {
      return "%d records of %d event types on the wire, %d invalid"
          .formatted(records, perType.size(), invalid.size());
    }
  }

  private WireContracts() {}

  static Report check(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    Map<String, Long> perType = new TreeMap<>();
    List<String> invalid = new ArrayList<>();
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      EventCatalogue.entries().stream()
          .map(EventCatalogue.Entry::topic)
          .distinct()
          .forEach(
              topic ->
                  consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                      .map(p -> new TopicPartition(topic, p.partition()))
                      .forEach(partitions::add));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
          if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
            continue; // published after the check began
          }
          records++;
          String type = header(r, "ce_type");
          perType.merge(String.valueOf(type), 1L, Long::sum);
          List<String> problems = problems(r, type);
          if (!problems.isEmpty()) {
            invalid.add(
                "%s-%d@%d %s: %s".formatted(r.topic(), r.partition(), r.offset(), type, problems));
          }
        }
      }
    }
    return new Report(records, perType, invalid);
  }

  private static List<String> problems(ConsumerRecord<byte[], byte[]> r, String type) {
    List<String> problems = new ArrayList<>();
    for (String required : List.of("ce_id", "ce_source", "ce_type")) {
      String value = header(r, required);
      if (value == null || value.isBlank()) {
        problems.add("no " + required);
      }
    }
    if (!"1.0".equals(header(r, "ce_specversion"))) {
      problems.add("ce_specversion is " + header(r, "ce_specversion"));
    }
    if (type == null) {
      return problems;
    }
    if (EventCatalogue.find(type).isEmpty()) {
      problems.add("not in the catalogue");
    } else if (!EventCatalogue.topicOf(type).equals(r.topic())) {
      problems.add("belongs on " + EventCatalogue.topicOf(type));
    }
    problems.addAll(EventSchemas.violations(type, r.value() == null ? new byte[0] : r.value()));
    return problems;
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
