package vn.digicell.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.InvalidEventPayloadException;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.PlatformMessages;

/**
 * The event spine every service gets: an idempotent {@code acks=all} producer of CloudEvents, the
 * embedded outbox and its relay, idempotent consumers with retries and per-group dead-letter
 * topics, and the operator's dead-letter API.
 */
@AutoConfiguration(
    before = KafkaAutoConfiguration.class,
    beforeName =
        "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
    afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@EnableConfigurationProperties({EventsProperties.class, KafkaProperties.class})
public class DigiCellEventsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Named to replace Boot's indicator, whose {@code hello} the embedded store does not know. */
  @Bean(name = "mongoHealthIndicator")
  MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
    return new MongoPingHealthIndicator(mongo);
  }

  @Bean
  IdempotencyRecords idempotencyRecords(
      MongoTemplate mongo, EventsProperties properties, Clock clock) {
    IdempotencyRecords records =
        new IdempotencyRecords(
            mongo,
            properties.idempotency().retention(),
            properties.idempotency().inProgressTimeout(),
            clock);
    records.createIndexes();
    return records;
  }

  /** Commands with an {@code Idempotency-Key} run once; after security, so the caller is known. */
  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
      IdempotencyRecords records,
      PlatformMessages messages,
      LocaleResolver localeResolver,
      JsonMapper json) {
    FilterRegistrationBean<IdempotencyFilter> registration =
        new FilterRegistrationBean<>(
            new IdempotencyFilter(records, messages, localeResolver, json));
    registration.setOrder(0);
    return registration;
  }

  @Bean(name = "kafkaHealthIndicator")
  KafkaBrokerHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
    return new KafkaBrokerHealthIndicator(admin);
  }

  @Bean
  KafkaTemplate<String, byte[]> eventKafkaTemplate(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    KafkaTemplate<String, byte[]> template =
        new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    template.setObservationEnabled(true);
    return template;
  }

  @Bean
  EventPublisher eventPublisher(
      @Qualifier("eventKafkaTemplate") KafkaTemplate<String, byte[]> template,
      EventsProperties properties,
      @Value("${spring.application.name:digicell}") String application,
      ObjectProvider<MeterRegistry> meters) {
    String source = properties.source() != null ? properties.source() : "/digicell/" + application;
    return new EventPublisher(
        template, URI.create(source), properties.sendTimeout().toMillis(), meters(meters));
  }

  @Bean
  Outbox outbox(MongoTemplate mongo, EventPublisher publisher, ObjectProvider<Tracer> tracer) {
    return new Outbox(
        mongo,
        publisher,
        () -> {
          Tracer t = tracer.getIfAvailable();
          Span span = t == null ? null : t.currentSpan();
          if (span == null) {
            return Outbox.requestTraceparent();
          }
          TraceContext c = span.context();
          return "00-"
              + c.traceId()
              + "-"
              + c.spanId()
              + (Boolean.TRUE.equals(c.sampled()) ? "-01" : "-00");
        });
  }

  @Bean
  OutboxRelay outboxRelay(
      MongoTemplate mongo,
      Outbox outbox,
      MongoMappingContext mapping,
      EventsProperties properties,
      Clock clock,
      ObjectProvider<MeterRegistry> meters) {
    List<String> collections =
        mapping.getPersistentEntities().stream()
            .filter(e -> AggregateRoot.class.isAssignableFrom(e.getType()))
            .map(e -> e.getCollection())
            .distinct()
            .sorted()
            .toList();
    return new OutboxRelay(mongo, outbox, collections, properties.relay(), clock, meters(meters));
  }

  @Bean
  AppliedEvents appliedEvents(
      MongoTemplate mongo, ObjectProvider<MeterRegistry> meters, Clock clock) {
    return new AppliedEvents(mongo, meters(meters), clock);
  }

  @Bean
  DeadLetterTopics deadLetterTopics(KafkaAdmin admin, ObjectProvider<MeterRegistry> meters) {
    return new DeadLetterTopics(admin, meters(meters));
  }

  @Bean
  DefaultErrorHandler eventErrorHandler(
      @Qualifier("eventKafkaTemplate") KafkaTemplate<String, byte[]> template,
      DeadLetterTopics deadLetterTopics,
      EventsProperties properties) {
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(template, deadLetterTopics::destination);
    EventsProperties.Retry retry = properties.retry();
    ExponentialBackOff backOff = new ExponentialBackOff();
    backOff.setInitialInterval(retry.initialInterval().toMillis());
    backOff.setMultiplier(retry.multiplier());
    backOff.setMaxInterval(retry.maxInterval().toMillis());
    backOff.setMaxAttempts(retry.attempts() - 1);
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    // retrying cannot fix a message that is malformed: dead-letter it at once
    handler.addNotRetryableExceptions(
        InvalidEventException.class,
        InvalidEventPayloadException.class,
        DeserializationException.class);
    return handler;
  }

  /** The default factory of every {@code @KafkaListener}: String keys, raw CloudEvent bytes. */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, byte[]> kafkaListenerContainerFactory(
      KafkaProperties kafka, DefaultErrorHandler eventErrorHandler) {
    ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumerConfig(kafka)));
    factory.setCommonErrorHandler(eventErrorHandler);
    factory.getContainerProperties().setObservationEnabled(true);
    return factory;
  }

  static Map<String, Object> consumerConfig(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }

  private static MeterRegistry meters(ObjectProvider<MeterRegistry> meters) {
    return meters.getIfAvailable(SimpleMeterRegistry::new);
  }

  /** The operator's dead-letter API, on services that serve HTTP. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class DeadLetterAdministration {

    @Bean
    DeadLetters deadLetters(
        KafkaAdmin admin,
        KafkaProperties kafka,
        @Qualifier("eventKafkaTemplate") KafkaTemplate<String, byte[]> template,
        MongoTemplate mongo) {
      return new DeadLetters(
          admin,
          () -> {
            Map<String, Object> config = consumerConfig(kafka);
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            return new KafkaConsumer<String, byte[]>(config);
          },
          template,
          mongo);
    }

    @Bean
    ConcurrentChangeAdvice concurrentChangeAdvice(
        vn.digicell.platform.web.PlatformMessages messages) {
      return new ConcurrentChangeAdvice(messages);
    }

    @Bean
    StoreUnavailableAdvice storeUnavailableAdvice(
        vn.digicell.platform.web.PlatformMessages messages) {
      return new StoreUnavailableAdvice(messages);
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetters deadLetters, AccessGuard guard) {
      return new DeadLetterController(deadLetters, guard);
    }
  }
}
