package vn.digicell.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/asyncapi.yaml} describes every topic and event type for analysts (AsyncAPI 3.0), and
 * is generated from the catalogue so it can never drift: this test fails when the file differs from
 * what the catalogue says. Regenerate with {@code ./mvnw -pl platform/contracts test
 * -Dtest=AsyncApiDocumentTest -Ddigicell.asyncapi.write=true}.
 */
class AsyncApiDocumentTest {

  static final Path FILE = Path.of("../../docs/asyncapi.yaml");

  @Test
  void theAsyncApiDocumentDescribesEveryTopicAndTypeOfTheCatalogue() throws IOException {
    String expected = document(EventCatalogue.entries());
    if (Boolean.getBoolean("digicell.asyncapi.write")) {
      Files.writeString(FILE, expected);
    }
    assertThat(Files.exists(FILE)).as("docs/asyncapi.yaml exists").isTrue();
    assertThat(Files.readString(FILE))
        .as("docs/asyncapi.yaml is what the catalogue says (regenerate it, see the class comment)")
        .isEqualTo(expected);
    for (EventCatalogue.Entry e : EventCatalogue.entries()) {
      assertThat(Path.of("src/main/resources/schemas/" + e.type() + ".json"))
          .as("the payload schema the document points to for %s", e.type())
          .exists();
    }
  }

  static String document(List<EventCatalogue.Entry> entries) {
    Map<String, List<EventCatalogue.Entry>> byTopic =
        entries.stream()
            .collect(
                Collectors.groupingBy(
                    EventCatalogue.Entry::topic, LinkedHashMap::new, Collectors.toList()));
    StringBuilder y = new StringBuilder();
    y.append("# Generated from platform/contracts/src/main/resources/schemas/catalogue.json by\n")
        .append("# AsyncApiDocumentTest; edit the catalogue, not this file.\n")
        .append("asyncapi: 3.0.0\n")
        .append("info:\n")
        .append("  title: DigiCell event streams\n")
        .append("  version: 0.1.0\n")
        .append("  description: >-\n")
        .append("    Every change in DigiCell is a CloudEvents 1.0 event in Kafka binary mode:\n")
        .append("    attributes in ce_* headers, the JSON payload as the record value, the\n")
        .append("    aggregate id as the key. Extensions: sequence (per aggregate, strictly\n")
        .append("    increasing), orgpath (materialised path of the owning org unit, filter by\n")
        .append("    prefix), traceparent. No citizen id, phone, address or e-mail on general\n")
        .append("    topics; contact details only on the restricted member.contacts.\n")
        .append("defaultContentType: application/json\n")
        .append("servers:\n")
        .append("  local:\n")
        .append("    host: localhost:9092\n")
        .append("    protocol: kafka\n")
        .append("    description: the local platform's broker (deploy/local)\n")
        .append("channels:\n");
    byTopic.forEach(
        (topic, types) -> {
          y.append("  ").append(channel(topic)).append(":\n");
          y.append("    address: ").append(topic).append('\n');
          y.append("    description: >-\n      key = ")
              .append(types.get(0).key())
              .append("; produced by ")
              .append(types.get(0).producer())
              .append("; dead letters per consumer group on ")
              .append(topic)
              .append(".<group>.dlt")
              .append(restriction(topic))
              .append('\n');
          y.append("    messages:\n");
          for (EventCatalogue.Entry e : types) {
            y.append("      ")
                .append(e.type())
                .append(":\n        $ref: '#/components/messages/")
                .append(e.type())
                .append("'\n");
          }
        });
    y.append("operations:\n");
    byTopic.forEach(
        (topic, types) ->
            y.append("  consume-")
                .append(channel(topic))
                .append(":\n    action: receive\n    channel:\n      $ref: '#/channels/")
                .append(channel(topic))
                .append("'\n"));
    y.append("components:\n")
        .append("  messageTraits:\n")
        .append("    cloudEvent:\n")
        .append("      headers:\n")
        .append("        type: object\n")
        .append("        required: [ce_id, ce_specversion, ce_type, ce_source, ce_time]\n")
        .append("        properties:\n");
    for (String header :
        List.of(
            "ce_id",
            "ce_specversion",
            "ce_type",
            "ce_source",
            "ce_subject",
            "ce_time",
            "ce_sequence",
            "ce_orgpath",
            "ce_traceparent")) {
      y.append("          ").append(header).append(":\n            type: string\n");
    }
    y.append("  messages:\n");
    for (EventCatalogue.Entry e : entries) {
      y.append("    ").append(e.type()).append(":\n");
      y.append("      name: ").append(e.type()).append('\n');
      y.append("      summary: >-\n        ").append(e.description().strip()).append('\n');
      y.append("      description: >-\n        producer ")
          .append(e.producer())
          .append("; consumers ")
          .append(e.consumers().isEmpty() ? "none yet" : String.join(", ", e.consumers()))
          .append('\n');
      y.append("      contentType: application/json\n");
      y.append("      traits:\n        - $ref: '#/components/messageTraits/cloudEvent'\n");
      y.append("      payload:\n        $ref: '../platform/contracts/src/main/resources/schemas/")
          .append(e.type())
          .append(".json'\n");
      y.append("      bindings:\n        kafka:\n          key:\n            type: string\n")
          .append("            description: ")
          .append(e.key())
          .append('\n');
    }
    return y.toString();
  }

  /** The topics only named services may read (Kafka ACLs in the overlays). */
  private static String restriction(String topic) {
    return switch (topic) {
      case "member.contacts" -> "; restricted: notification-service only";
      case "meeting.records" -> "; restricted: document-service only";
      default -> "";
    };
  }

  private static String channel(String topic) {
    return topic.replace('.', '-');
  }
}
