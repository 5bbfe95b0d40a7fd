package vn.digicell.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes one outbox event as a CloudEvent in Kafka binary mode (attributes in {@code ce_*}
 * headers, JSON payload as the value, key = subject) and waits for the broker's acknowledgement.
 */
public class EventPublisher {

  /** CloudEvents extension carrying the per-aggregate sequence. */
  public static final String SEQUENCE = "sequence";

  /** CloudEvents extension carrying the owning org unit's materialised path. */
  public static final String ORGPATH = "orgpath";

  /** CloudEvents distributed-tracing extension. */
  public static final String TRACEPARENT = "traceparent";

  private final KafkaTemplate<String, byte[]> template;
  private final URI source;
  private final long timeoutMillis;
  private final MeterRegistry meters;

  public EventPublisher(
      KafkaTemplate<String, byte[]> template,
      URI source,
      long timeoutMillis,
      MeterRegistry meters) {
    this.template = template;
    this.source = source;
    this.timeoutMillis = timeoutMillis;
    this.meters = meters;
  }

  /** Sends and waits; throws {@link PublishFailedException} if the broker did not take it. */
  public void publish(OutboxEvent event) {
    ProducerRecord<String, byte[]> record = toRecord(event);
    try {
      template.send(record).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException(event, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new PublishFailedException(event, e);
    }
    Counter.builder("digicell.events.published")
        .description("Events acknowledged by the broker")
        .tag("type", event.type())
        .tag("topic", event.topic())
        .register(meters)
        .increment();
  }

  /**
   * Sends many events at once and waits for all acknowledgements: the producer batches them, so a
   * bulk command pays one round trip, not one per event. Returns the ids the broker took.
   */
  public java.util.Set<String> publishAll(java.util.List<OutboxEvent> events) {
    java.util.Map<String, java.util.concurrent.CompletableFuture<?>> sent =
        new java.util.LinkedHashMap<>();
    for (OutboxEvent event : events) {
      sent.put(event.eventId(), template.send(toRecord(event)));
    }
    java.util.Set<String> published = new java.util.HashSet<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (OutboxEvent event : events) {
      try {
        sent.get(event.eventId())
            .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        published.add(event.eventId());
        Counter.builder("digicell.events.published")
            .description("Events acknowledged by the broker")
            .tag("type", event.type())
            .tag("topic", event.topic())
            .register(meters)
            .increment();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException e) {
        // left in its aggregate's outbox: the relay publishes it later
      }
    }
    return published;
  }

  /** The Kafka record of an event: binary-mode CloudEvent, key = subject. */
  public ProducerRecord<String, byte[]> toRecord(OutboxEvent event) {
    return KafkaMessageFactory.createWriter(event.topic(), event.subject())
        .writeBinary(toCloudEvent(event));
  }

  CloudEvent toCloudEvent(OutboxEvent event) {
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(event.eventId())
            .withSource(source)
            .withType(event.type())
            .withSubject(event.subject())
            .withTime(event.recordedAt().atOffset(ZoneOffset.UTC))
            .withDataContentType("application/json")
            .withData(event.payload().getBytes(StandardCharsets.UTF_8))
            .withExtension(SEQUENCE, Long.toString(event.sequence()));
    if (event.orgPath() != null) {
      builder.withExtension(ORGPATH, event.orgPath());
    }
    if (event.traceparent() != null) {
      builder.withExtension(TRACEPARENT, event.traceparent());
    }
    return builder.build();
  }

  /** The broker did not acknowledge an event in time; it stays in the outbox for the relay. */
  public static class PublishFailedException extends RuntimeException {
    PublishFailedException(OutboxEvent event, Throwable cause) {
      super("could not publish " + event.type() + " " + event.eventId(), cause);
    }
  }
}
