package vn.digicell.platform.events;

import java.time.Instant;

/**
 * An event waiting in its aggregate's document to be published: written in the same single document
 * write as the state change it describes, removed once the broker has it.
 *
 * @param eventId the CloudEvents id (unique; consumers may record it)
 * @param type e.g. {@code vn.digicell.member.admitted.v1}
 * @param subject the aggregate id; also the Kafka key, so one aggregate's events stay ordered
 * @param sequence the aggregate's event sequence, strictly increasing
 * @param orgPath materialised path of the owning org unit
 * @param topic where it goes
 * @param payload the JSON payload, validated against the type's schema by producer tests
 * @param recordedAt when the change happened
 * @param traceparent the W3C trace context of the request that caused it, if any
 */
public record OutboxEvent(
    String eventId,
    String type,
    String subject,
    long sequence,
    String orgPath,
    String topic,
    String payload,
    Instant recordedAt,
    String traceparent) {

  OutboxEvent withTraceparent(String value) {
    return new OutboxEvent(
        eventId, type, subject, sequence, orgPath, topic, payload, recordedAt, value);
  }
}
