package vn.digicell.platform.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventCatalogue;

/**
 * Base of every aggregate stored as one MongoDB document: it records the events its changes cause
 * into an embedded outbox, so state and events are written together in one document write (no
 * multi-document transaction needed). {@link Outbox#saveAndPublish} publishes them right after.
 */
public abstract class AggregateRoot {

  private static final JsonMapper JSON = JsonMapper.shared();

  private long sequence;
  private List<OutboxEvent> outbox = new ArrayList<>();

  /** The aggregate's id: the events' subject and Kafka key. */
  public abstract String id();

  /** The org path that owns this aggregate, carried on every event as {@code orgpath}. */
  protected abstract String orgPath();

  /** Records that {@code payload} happened; the topic comes from the event catalogue. */
  protected final void record(String type, Object payload, Clock clock) {
    sequence++;
    outbox.add(
        new OutboxEvent(
            UUID.randomUUID().toString(),
            type,
            id(),
            sequence,
            orgPath(),
            EventCatalogue.topicOf(type),
            JSON.writeValueAsString(payload),
            Instant.now(clock),
            null));
  }

  /** How many events this aggregate has recorded in its life. */
  public long sequence() {
    return sequence;
  }

  /** Events recorded but not yet known to be published. */
  public List<OutboxEvent> pendingEvents() {
    return List.copyOf(outbox);
  }

  void replacePending(List<OutboxEvent> events) {
    outbox = new ArrayList<>(events);
  }

  void forgetPublished() {
    outbox = new ArrayList<>();
  }
}
