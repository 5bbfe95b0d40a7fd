package vn.digicell.platform.test;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what is on a topic of the shared test broker, the way an analyst's consumer would. */
public final class TestTopics {

  private TestTopics() {}

  /** Every record with this key currently on the topic, in partition order. */
  public static List<ConsumerRecord<String, byte[]>> read(String topic, String key) {
    return read(topic, r -> key.equals(r.key()));
  }

  /** Every record currently on the topic, whatever its key, in partition order. */
  public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    return read(topic, r -> true);
  }

  private static List<ConsumerRecord<String, byte[]>> read(
      String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      var infos = consumer.partitionsFor(topic);
      if (infos == null) {
        return out;
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (wanted.test(r)) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  /** Waits (up to 30 s) until at least {@code count} records with this key are on the topic. */
  public static List<ConsumerRecord<String, byte[]>> awaitRecords(
      String topic, String key, int count) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              found.clear();
              found.addAll(read(topic, key));
              return found.size() >= count;
            });
    return found;
  }

  /** The record's headers as text. */
  public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
    Map<String, String> map = new HashMap<>();
    for (Header h : record.headers()) {
      map.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return map;
  }
}
