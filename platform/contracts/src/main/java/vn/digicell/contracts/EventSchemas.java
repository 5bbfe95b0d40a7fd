package vn.digicell.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates event payloads against the JSON Schema of their type ({@code schemas/<type>.json}).
 * Producers' tests validate everything they emit; consumers may validate what they receive before
 * applying it.
 */
public final class EventSchemas {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private EventSchemas() {}

  /** Whether a schema exists for this type. */
  public static boolean isKnown(String type) {
    return EventSchemas.class.getResource(resource(type)) != null;
  }

  /**
   * The violations of {@code payload} against the schema of {@code type}; empty when valid. An
   * unknown type or a payload that is not JSON is a violation too.
   */
  public static List<String> violations(String type, byte[] payload) {
    if (!isKnown(type)) {
      return List.of("no JSON Schema for event type " + type);
    }
    JsonNode node;
    try {
      node = JsonMapper.shared().readTree(payload);
    } catch (JacksonException e) {
      return List.of("payload is not JSON: " + e.getOriginalMessage());
    }
    return schema(type).validate(node).stream().map(Error::toString).toList();
  }

  /** Throws {@link InvalidEventPayloadException} listing every violation. */
  public static void requireValid(String type, byte[] payload) {
    List<String> violations = violations(type, payload);
    if (!violations.isEmpty()) {
      throw new InvalidEventPayloadException(type, violations);
    }
  }

  private static Schema schema(String type) {
    return SCHEMAS.computeIfAbsent(
        type,
        t -> {
          try (InputStream in = EventSchemas.class.getResourceAsStream(resource(t))) {
            return REGISTRY.getSchema(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static String resource(String type) {
    return "/schemas/" + type + ".json";
  }
}
