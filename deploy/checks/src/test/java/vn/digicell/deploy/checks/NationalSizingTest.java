package vn.digicell.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.digicell.deploy.checks.Repo.at;
import static vn.digicell.deploy.checks.Repo.list;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.digicell.deploy.checks.Repo.Rendered;

/** The national overlay uses exactly the numbers docs/sizing.md derives (its section 9 table). */
class NationalSizingTest {

  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z0-9.\\-]+)` \\| ([^|]+?) \\|");

  private static Map<String, String> documented() {
    String sizing = Repo.read("docs/sizing.md");
    int section = sizing.indexOf("## 9.");
    assertThat(section).as("docs/sizing.md has section 9").isPositive();
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher matcher = ROW.matcher(sizing.substring(section));
    while (matcher.find()) {
      rows.put(matcher.group(1), matcher.group(2).trim());
    }
    return rows;
  }

  private static String actual(Rendered national, String key) {
    if (key.startsWith("topic.") && key.endsWith(".partitions")) {
      String topic = key.substring("topic.".length(), key.length() - ".partitions".length());
      Map<String, Object> found = Kafka.topics(national).get(topic);
      assertThat(found).as("KafkaTopic " + topic).isNotNull();
      return String.valueOf(at(found, "spec", "partitions"));
    }
    if (key.startsWith("hpa.")) {
      String[] parts = key.split("\\.");
      Map<String, Object> hpa = national.one("HorizontalPodAutoscaler", parts[1]);
      return String.valueOf(
          at(hpa, "spec", parts[2].equals("max") ? "maxReplicas" : "minReplicas"));
    }
    Map<String, Object> mongo = national.one("PerconaServerMongoDB", "digicell-mongodb");
    List<Map<String, Object>> shards = list(mongo, "spec", "replsets");
    return switch (key) {
      case "kafka.brokers" ->
          String.valueOf(at(national.one("KafkaNodePool", "broker"), "spec", "replicas"));
      case "kafka.controllers" ->
          String.valueOf(at(national.one("KafkaNodePool", "controller"), "spec", "replicas"));
      case "kafka.broker.storage" ->
          String.valueOf(
              at(
                  national.one("KafkaNodePool", "broker"),
                  "spec",
                  "storage",
                  "volumes",
                  "0",
                  "size"));
      case "mongodb.shards" -> {
        assertThat(at(mongo, "spec", "sharding", "enabled")).isEqualTo(true);
        yield String.valueOf(shards.size());
      }
      case "mongodb.shard.members" -> uniform(shards, "size");
      case "mongodb.shard.storage" ->
          uniform(
              shards, "volumeSpec", "persistentVolumeClaim", "resources", "requests", "storage");
      case "keycloak.instances" ->
          String.valueOf(at(national.one("Keycloak", "digicell-keycloak"), "spec", "instances"));
      default -> throw new AssertionError("docs/sizing.md §9 names an unknown setting: " + key);
    };
  }

  private static String uniform(List<Map<String, Object>> shards, String... path) {
    List<String> values = shards.stream().map(s -> String.valueOf(at(s, path))).distinct().toList();
    assertThat(values).as("every shard alike: " + String.join(".", path)).hasSize(1);
    return values.getFirst();
  }

  @Test
  void everyNumberOfTheNationalOverlayIsTheOneTheSizingArithmeticGives() {
    Map<String, String> documented = documented();
    assertThat(documented).hasSizeGreaterThanOrEqualTo(20);
    Rendered national = Repo.render("national");
    for (Map.Entry<String, String> row : documented.entrySet()) {
      assertThat(actual(national, row.getKey())).as(row.getKey()).isEqualTo(row.getValue());
    }
  }

  @Test
  void everyGeneralTopicsNationalPartitionCountIsDocumented() {
    Map<String, String> documented = documented();
    for (String topic : Kafka.topics(Repo.render("national")).keySet()) {
      if (!topic.endsWith(".dlt")) {
        assertThat(documented)
            .as("docs/sizing.md §9 sizes " + topic)
            .containsKey("topic." + topic + ".partitions");
      }
    }
  }

  /**
   * The busy topics (sizing §3: design peak ≥ 1,000 events/s) have a partition for every pod any
   * consuming service may scale to, so no pod's consumer sits idle at the peak.
   */
  @Test
  void aBusyTopicHasAPartitionForEveryPodOfItsConsumers() {
    Rendered national = Repo.render("national");
    Map<String, Map<String, Object>> topics = Kafka.topics(national);
    for (String topic : List.of("meeting.events", "document.events", "member.events")) {
      int partitions = (Integer) at(topics.get(topic), "spec", "partitions");
      java.util.Set<String> consumers = new java.util.TreeSet<>();
      Repo.catalogue().stream()
          .filter(e -> topic.equals(e.get("topic")))
          .forEach(e -> consumers.addAll(Repo.<List<String>>cast(e.get("consumers"))));
      assertThat(consumers).as(topic + " has consumers").isNotEmpty();
      for (String service : consumers) {
        Object max = at(national.one("HorizontalPodAutoscaler", service), "spec", "maxReplicas");
        assertThat(partitions)
            .as(topic + " partitions against " + service + "'s maxReplicas " + max)
            .isGreaterThanOrEqualTo((Integer) max);
      }
    }
  }
}
