package vn.digicell.document.archive.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;
import vn.digicell.contracts.InvalidEventPayloadException;
import vn.digicell.platform.events.DeadLetterTopics;
import vn.digicell.platform.events.InvalidEventException;

/**
 * The consumer of {@code meeting.records} waits longer than the platform's default before
 * dead-lettering: a record may overtake its signer's key event (another topic, e.g. while the
 * service catches up after a stop), so a missing key is retried with back-off for up to {@code
 * digicell.archive.key-wait} (default ten minutes; a record is rare, and later records wait behind
 * it on its partition). Records that do not verify are dead-lettered at once, to {@code
 * meeting.records.document-service-records.dlt}.
 */
@Configuration(proxyBeanMethods = false)
class MeetingRecordsConfiguration {

  static final String FACTORY = "meetingRecordsListenerFactory";

  @Bean(FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, byte[]> meetingRecordsListenerFactory(
      @Qualifier("kafkaListenerContainerFactory")
          ConcurrentKafkaListenerContainerFactory<String, byte[]> platform,
      @Qualifier("eventKafkaTemplate") KafkaTemplate<String, byte[]> template,
      KafkaAdmin admin,
      ObjectProvider<MeterRegistry> meters,
      @Value("${digicell.archive.key-wait:PT10M}") Duration keyWait) {
    MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
    Set<String> created = ConcurrentHashMap.newKeySet();
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            template,
            (record, failure) -> {
              String dlt = DeadLetterTopics.name(record.topic(), MeetingRecordsListener.GROUP);
              if (created.add(dlt)) {
                admin.createOrModifyTopics(new NewTopic(dlt, 1, (short) -1));
              }
              Counter.builder("digicell.events.dead_lettered")
                  .description("Messages sent to a dead-letter topic")
                  .tag("topic", record.topic())
                  .tag("group", MeetingRecordsListener.GROUP)
                  .register(registry)
                  .increment();
              return new TopicPartition(dlt, -1);
            });
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
    backOff.setMaxElapsedTime(keyWait.toMillis());
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(
        InvalidEventException.class,
        InvalidEventPayloadException.class,
        DeserializationException.class);
    ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(platform.getConsumerFactory());
    factory.setCommonErrorHandler(handler);
    factory.getContainerProperties().setObservationEnabled(true);
    return factory;
  }
}
