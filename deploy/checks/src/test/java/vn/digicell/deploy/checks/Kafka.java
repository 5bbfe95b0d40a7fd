package vn.digicell.deploy.checks;

import static vn.digicell.deploy.checks.Repo.at;
import static vn.digicell.deploy.checks.Repo.list;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.digicell.deploy.checks.Repo.Rendered;

/** Strimzi topics, node pools and users, and what the event catalogue says they must allow. */
final class Kafka {

  private Kafka() {}

  static Map<String, Map<String, Object>> topics(Rendered rendered) {
    Map<String, Map<String, Object>> topics = new TreeMap<>();
    for (Map<String, Object> topic : rendered.ofKind("KafkaTopic")) {
      Object previous = topics.put((String) at(topic, "spec", "topicName"), topic);
      if (previous != null) {
        throw new AssertionError("topic declared twice: " + at(topic, "spec", "topicName"));
      }
    }
    return topics;
  }

  static int brokers(Rendered rendered) {
    return rendered.ofKind("KafkaNodePool").stream()
        .filter(pool -> Repo.<List<String>>cast(at(pool, "spec", "roles")).contains("broker"))
        .mapToInt(pool -> (Integer) at(pool, "spec", "replicas"))
        .sum();
  }

  /** Topic to its single producer, from the catalogue. */
  static Map<String, String> catalogueProducers() {
    Map<String, String> producers = new TreeMap<>();
    for (Map<String, Object> entry : Repo.catalogue()) {
      String topic = (String) entry.get("topic");
      String producer = (String) entry.get("producer");
      String previous = producers.put(topic, producer);
      if (previous != null && !previous.equals(producer)) {
        throw new AssertionError(topic + " has two producers: " + previous + ", " + producer);
      }
    }
    return producers;
  }

  /** Topic to every service the catalogue lists as its consumer. */
  static Map<String, Set<String>> catalogueConsumers() {
    Map<String, Set<String>> consumers = new TreeMap<>();
    for (Map<String, Object> entry : Repo.catalogue()) {
      List<String> names = Repo.cast(entry.get("consumers"));
      if (!names.isEmpty()) {
        consumers.computeIfAbsent((String) entry.get("topic"), t -> new TreeSet<>()).addAll(names);
      }
    }
    return consumers;
  }

  /** Users holding {@code operation} on {@code topic} through a literal or prefix ACL. */
  static Set<String> principalsWith(
      List<Map<String, Object>> users, String topic, String operation) {
    return principals(users, "topic", topic, operation);
  }

  /** Users that may read as consumer group {@code group}. */
  static Set<String> groupReaders(List<Map<String, Object>> users, String group) {
    return principals(users, "group", group, "Read");
  }

  private static Set<String> principals(
      List<Map<String, Object>> users, String type, String resource, String operation) {
    Set<String> found = new TreeSet<>();
    for (Map<String, Object> user : users) {
      for (Map<String, Object> acl : list(user, "spec", "authorization", "acls")) {
        if (!type.equals(at(acl, "resource", "type"))) {
          continue;
        }
        String name = (String) at(acl, "resource", "name");
        boolean matches =
            "prefix".equals(at(acl, "resource", "patternType"))
                ? resource.startsWith(name)
                : resource.equals(name) || "*".equals(name);
        List<String> operations = Repo.cast(acl.get("operations"));
        if (matches && (operations.contains(operation) || operations.contains("All"))) {
          found.add(Repo.name(user));
        }
      }
    }
    return found;
  }
}
