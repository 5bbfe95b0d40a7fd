package vn.digicell.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;

/**
 * A CloudEvent read from Kafka (binary mode), its payload checked against the schema of its type.
 *
 * @param sequence the per-aggregate sequence, or null when the producer sent none
 */
public record ReceivedEvent(
    String id,
    String type,
    String source,
    String subject,
    Long sequence,
    String orgPath,
    String traceparent,
    OffsetDateTime time,
    byte[] data,
    String topic,
    int partition,
    long offset) {

  private static final JsonMapper JSON = JsonMapper.shared();

  /**
   * Reads a record; throws {@link InvalidEventException} for anything that is not a well-formed
   * CloudEvent with a payload valid against its type's schema (types without a schema in the
   * contracts module are accepted as they are, so new producers do not break old consumers).
   */
  public static ReceivedEvent from(ConsumerRecord<String, byte[]> record) {
    CloudEvent event;
    try {
      event = KafkaMessageFactory.createReader(record).toEvent();
    } catch (CloudEventRWException | IllegalStateException e) {
      throw new InvalidEventException(
          "not a CloudEvent at "
              + record.topic()
              + "-"
              + record.partition()
              + "@"
              + record.offset(),
          e);
    }
    if (event.getData() == null) {
      throw new InvalidEventException("event " + event.getId() + " has no payload");
    }
    byte[] data = event.getData().toBytes();
    if (EventSchemas.isKnown(event.getType())) {
      List<String> violations = EventSchemas.violations(event.getType(), data);
      if (!violations.isEmpty()) {
        throw new InvalidEventException(
            "event " + event.getId() + " violates its schema: " + String.join("; ", violations));
      }
    }
    return new ReceivedEvent(
        event.getId(),
        event.getType(),
        String.valueOf(event.getSource()),
        event.getSubject(),
        sequence(event),
        extension(event, EventPublisher.ORGPATH),
        extension(event, EventPublisher.TRACEPARENT),
        event.getTime(),
        data,
        record.topic(),
        record.partition(),
        record.offset());
  }

  /** The payload as the given type. */
  public <T> T payload(Class<T> type) {
    try {
      return JSON.readValue(data, type);
    } catch (JacksonException e) {
      throw new InvalidEventException("payload of " + id + " is not a " + type.getSimpleName(), e);
    }
  }

  private static Long sequence(CloudEvent event) {
    String value = extension(event, EventPublisher.SEQUENCE);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new InvalidEventException("event " + event.getId() + " has a non-numeric sequence", e);
    }
  }

  private static String extension(CloudEvent event, String name) {
    Object value = event.getExtension(name);
    return value == null ? null : value.toString();
  }
}
