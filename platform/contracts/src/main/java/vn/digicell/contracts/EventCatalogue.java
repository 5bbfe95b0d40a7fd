package vn.digicell.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every event type of the platform: its topic, key, producer and consumers. The single source the
 * event catalogue in {@code docs/events.md} is checked against.
 */
public final class EventCatalogue {

  /** One event type. */
  public record Entry(
      String type,
      String topic,
      String key,
      String producer,
      List<String> consumers,
      String description) {}

  private static final List<Entry> ENTRIES = load();

  private EventCatalogue() {}

  public static List<Entry> entries() {
    return ENTRIES;
  }

  public static Optional<Entry> find(String type) {
    return ENTRIES.stream().filter(e -> e.type().equals(type)).findFirst();
  }

  /** The topic an event type is published on. */
  public static String topicOf(String type) {
    return find(type)
        .map(Entry::topic)
        .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
  }

  private static List<Entry> load() {
    try (InputStream in = EventCatalogue.class.getResourceAsStream("/schemas/catalogue.json")) {
      if (in == null) {
        throw new IllegalStateException("schemas/catalogue.json is missing from the classpath");
      }
      return List.copyOf(JsonMapper.shared().readValue(in, new TypeReference<List<Entry>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
