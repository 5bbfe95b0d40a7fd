package vn.digicell.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Names dead-letter topics {@code <topic>.<group>.dlt} — one per consumer group, so one consumer's
 * poison messages never reach another's — and makes sure each exists before the first message goes
 * there.
 */
public class DeadLetterTopics {

  public static final String SUFFIX = ".dlt";

  private final KafkaAdmin admin;
  private final MeterRegistry meters;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  public DeadLetterTopics(KafkaAdmin admin, MeterRegistry meters) {
    this.admin = admin;
    this.meters = meters;
  }

  public static String name(String topic, String group) {
    return topic + "." + group + SUFFIX;
  }

  /** Where a failed record of the current consumer group goes (partition left to the producer). */
  TopicPartition destination(ConsumerRecord<?, ?> record, Exception failure) {
    String group = KafkaUtils.getConsumerGroupId();
    String dlt = name(record.topic(), group == null ? "unknown-group" : group);
    if (known.add(dlt)) {
      admin.createOrModifyTopics(new NewTopic(dlt, 1, (short) -1));
    }
    Counter.builder("digicell.events.dead_lettered")
        .description("Messages sent to a dead-letter topic")
        .tag("topic", record.topic())
        .tag("group", String.valueOf(group))
        .register(meters)
        .increment();
    return new TopicPartition(dlt, -1);
  }
}
