package vn.digicell.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.digicell.deploy.checks.Repo.at;
import static vn.digicell.deploy.checks.Repo.list;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Compose file and the Kubernetes resources describe the same platform. */
class ComposeParityTest {

  private static final Map<String, Object> COMPOSE = Repo.yamlFile("deploy/compose/compose.yaml");
  private static final String ENV_REFERENCE = "\\$\\{[A-Z_]+:\\?[^}]+}";

  private static Map<String, Object> service(String name) {
    Map<String, Object> service = Repo.cast(at(COMPOSE, "services", name));
    assertThat(service).as("compose service " + name).isNotNull();
    return service;
  }

  private static Map<String, String> environment(String name) {
    Map<String, Object> env = Repo.cast(service(name).get("environment"));
    Map<String, String> values = new TreeMap<>();
    env.forEach((k, v) -> values.put(k, String.valueOf(v)));
    return values;
  }

  @Test
  void composeRunsTheSameImagesOnTheSamePortsAsKubernetes() {
    for (String name : Repo.SERVICES) {
      Map<String, Object> service = service(name);
      assertThat(service.get("image")).as(name).isEqualTo(Images.image(name));
      assertThat(Repo.<Map<String, Object>>cast(service.get("build")).get("context"))
          .as(name + " builds from its own folder")
          .isEqualTo("../../" + name);
      List<String> ports = Repo.cast(service.get("ports"));
      int port = Images.exposedPort(name);
      assertThat(ports)
          .as(name)
          .anyMatch(p -> p.endsWith(":" + port + ":" + port) || p.equals(port + ":" + port));
    }
  }

  @Test
  void composeSetsEverySettingKubernetesSetsApartFromKafkaAuthentication() {
    for (String name : Repo.SERVICES) {
      Map<String, Object> k8s = Repo.render("province").one("Deployment", name);
      Set<String> expected =
          list(k8s, "spec", "template", "spec", "containers", "0", "env").stream()
              .map(e -> (String) e.get("name"))
              .filter(n -> !n.startsWith("SPRING_KAFKA_PROPERTIES_"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(environment(name).keySet()).as(name).containsAll(expected);
    }
  }

  @Test
  void composeHoldsNoSecretOnlyReferencesToTheGeneratedEnvFile() {
    Map<String, Object> services = Repo.cast(COMPOSE.get("services"));
    for (String name : services.keySet()) {
      if (!(service(name).get("environment") instanceof Map<?, ?>)) {
        continue;
      }
      environment(name)
          .forEach(
              (key, value) -> {
                if (key.matches(".*(PASSWORD|SECRET|_KEY|_AUTH)$")) {
                  assertThat(value).as(name + " " + key).matches(ENV_REFERENCE);
                }
              });
    }
    for (String name : services.keySet()) {
      if (service(name).get("command") instanceof List<?> command) {
        int at = command.indexOf("--requirepass");
        if (at >= 0) {
          assertThat(String.valueOf(command.get(at + 1)))
              .as(name + " --requirepass")
              .matches(ENV_REFERENCE);
        }
      }
    }
    String text = Repo.read("deploy/compose/compose.yaml");
    for (String secret : DemoCredentials.all()) {
      assertThat(text).doesNotContain(secret);
    }
  }

  @Test
  void everySecretComposeReferencesIsGeneratedIntoTheEnvFile() {
    String script = Repo.read("deploy/compose/digicell-compose.sh");
    Matcher reference =
        Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(Repo.read("deploy/compose/compose.yaml"));
    Set<String> referenced = new TreeSet<>();
    while (reference.find()) {
      referenced.add(reference.group(1));
    }
    assertThat(referenced).contains("REDIS_PASSWORD", "GATEWAY_CLIENT_SECRET");
    for (String name : referenced) {
      assertThat(script)
          .as("digicell-compose.sh init generates " + name)
          .containsPattern("(?m)^" + name + "=\\$\\(random_(word|key)\\)$");
    }
    Matcher added = Pattern.compile("for name in ([^;]+); do").matcher(script);
    assertThat(added.find())
        .as("digicell-compose.sh adds new secrets to an existing .env")
        .isTrue();
    assertThat(added.group(1).split("[\\s\\\\]+"))
        .as("secrets added after a first init")
        .contains("REDIS_PASSWORD");
  }

  @Test
  void composeGivesTheGatewayAPasswordProtectedRedisAndStartsItFirst() {
    Map<String, Object> redis = service("redis");
    assertThat(redis.get("image")).isEqualTo(Repo.REDIS_IMAGE);
    assertThat(redis.get("image"))
        .as("Compose runs the Redis Kubernetes runs")
        .isEqualTo(
            at(
                Repo.render("province").one("StatefulSet", Repo.REDIS),
                "spec",
                "template",
                "spec",
                "containers",
                "0",
                "image"));
    Map<String, String> gateway = environment("gateway");
    String password = gateway.get("SPRING_DATA_REDIS_PASSWORD");
    assertThat(password).as("gateway SPRING_DATA_REDIS_PASSWORD").matches(ENV_REFERENCE);
    assertThat(gateway.get("SPRING_DATA_REDIS_HOST")).isEqualTo("redis");
    assertThat(gateway.get("SPRING_DATA_REDIS_PORT")).isEqualTo("6379");
    assertThat(String.join(" ", Repo.<List<String>>cast(redis.get("command"))))
        .startsWith("redis-server ")
        .contains("--requirepass " + password)
        .contains("--save 60 1");
    assertThat(environment("redis").get("REDISCLI_AUTH"))
        .as("the health check's redis-cli authenticates with the same password")
        .isEqualTo(password);
    assertThat(String.join(" ", Repo.<List<String>>cast(at(redis, "healthcheck", "test"))))
        .contains("redis-cli ping")
        .contains("PONG");
    Map<String, Object> volumes = Repo.cast(COMPOSE.get("volumes"));
    assertThat(Repo.<List<String>>cast(redis.get("volumes")))
        .as("the snapshot survives a restart in a named volume")
        .anyMatch(v -> v.endsWith(":/data") && volumes.containsKey(v.split(":")[0]));
    assertThat(redis.get("ports")).as("only the compose network reaches Redis").isNull();

    Map<String, Object> dependsOn = Repo.cast(service("gateway").get("depends_on"));
    assertThat(at(dependsOn, "redis", "condition")).isEqualTo("service_healthy");
    assertThat(dependsOn)
        .as("the gateway still waits for what every service waits for")
        .containsAllEntriesOf(Repo.cast(service("member-service").get("depends_on")));
    for (String name : Repo.SERVICES) {
      if (!name.equals("gateway")) {
        assertThat(environment(name).keySet())
            .as(name + ": only the gateway uses Redis")
            .noneMatch(k -> k.startsWith("SPRING_DATA_REDIS_"));
      }
    }
  }

  @Test
  void composeCreatesTheSameTopicsWithTheSamePartitionsAndSettingsAsStrimzi() {
    Map<String, String> compose = new TreeMap<>();
    for (String line : Repo.read("deploy/compose/kafka/topics.txt").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      Map<String, String> config = new TreeMap<>();
      if (parts.length > 2) {
        for (String pair : parts[2].split(",")) {
          config.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
      }
      compose.put(parts[0], parts[1] + " " + config);
    }
    Map<String, String> strimzi = new TreeMap<>();
    for (Map<String, Object> topic : Kafka.topics(Repo.render("province")).values()) {
      Map<String, String> config = new TreeMap<>();
      Repo.<Map<String, Object>>cast(at(topic, "spec", "config"))
          .forEach((k, v) -> config.put(k, String.valueOf(v)));
      strimzi.put(
          (String) at(topic, "spec", "topicName"), at(topic, "spec", "partitions") + " " + config);
    }
    assertThat(compose).isEqualTo(strimzi);
    assertThat(compose.keySet()).containsAll(Kafka.catalogueProducers().keySet());
  }

  @Test
  void composeKafkaHasThreeKraftBrokersReplicatingEveryTopicThreeTimes() {
    Map<String, Object> services = Repo.cast(COMPOSE.get("services"));
    List<String> brokers = services.keySet().stream().filter(s -> s.matches("kafka-\\d")).toList();
    assertThat(brokers).hasSize(3);
    for (String broker : brokers) {
      Map<String, String> env = environment(broker);
      assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
      assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).isEqualTo("3");
      assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS")).isEqualTo("2");
      assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
    }
    assertThat(Repo.read("deploy/compose/kafka/create-topics.sh"))
        .contains("--replication-factor 3");
  }

  @Test
  void composeRunsAMongoReplicaSetThatTheServicesConnectToAsOne() {
    Map<String, Object> services = Repo.cast(COMPOSE.get("services"));
    List<String> members = services.keySet().stream().filter(s -> s.matches("mongo-\\d")).toList();
    assertThat(members).hasSize(3);
    for (String member : members) {
      assertThat(Repo.<List<String>>cast(service(member).get("command")))
          .contains("--replSet", "rs0");
    }
    String init = Repo.read("deploy/compose/mongodb/init-replica-set.js");
    members.forEach(m -> assertThat(init).contains(m + ":27017"));
    for (String name : Repo.SERVICES) {
      String uri = environment(name).get("SPRING_MONGODB_URI");
      if (!name.equals("gateway")) {
        assertThat(uri)
            .as(name)
            .contains("replicaSet=rs0")
            .contains("mongo-1", "mongo-2", "mongo-3");
      }
    }
  }

  @Test
  void composeImportsTheRepositoryRealmIntoKeycloakOnPostgres() {
    Map<String, Object> keycloak = service("keycloak");
    assertThat(Repo.<List<String>>cast(keycloak.get("volumes")))
        .contains(
            "../keycloak/digicell-realm.json:/opt/keycloak/data/import/digicell-realm.json:ro");
    assertThat(Repo.<List<String>>cast(keycloak.get("command"))).contains("--import-realm");
    assertThat(environment("keycloak").get("KC_DB")).isEqualTo("postgres");
    String issuer = environment("gateway").get("DIGICELL_SECURITY_ISSUER_URI");
    assertThat(issuer)
        .endsWith("/realms/" + Repo.yamlFile("deploy/keycloak/digicell-realm.json").get("realm"));
    assertThat(Realms.usersWithCredentials(Repo.yamlFile("deploy/keycloak/digicell-realm.json")))
        .as("the realm deployments import has no demo users")
        .isEmpty();
  }

  @Test
  void prometheusScrapesEveryServiceAndAlertsLikeKubernetes() {
    Map<String, Object> prometheus = Repo.yamlFile("deploy/prometheus/prometheus.yml");
    Map<String, Object> job =
        list(prometheus, "scrape_configs").stream()
            .filter(j -> "digicell-services".equals(j.get("job_name")))
            .findFirst()
            .orElseThrow();
    assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
    List<String> targets = new java.util.ArrayList<>();
    Map<String, String> expected = new HashMap<>();
    Repo.SERVICES.forEach(s -> expected.put(s, s + ":" + Images.exposedPort(s)));
    for (Map<String, Object> config : list(job, "static_configs")) {
      List<String> these = Repo.cast(config.get("targets"));
      targets.addAll(these);
      // up{application=...} (the overview's "Instances up") needs the label on the target
      for (String target : these) {
        assertThat(at(config, "labels", "application"))
            .as(target + " is labelled with the application its metrics name")
            .isEqualTo(target.substring(0, target.indexOf(':')));
      }
    }
    assertThat(targets).containsExactlyInAnyOrderElementsOf(expected.values());
    assertThat(job.get("honor_labels"))
        .as("the services' own application label wins")
        .isEqualTo(true);
    Map<String, Object> rule = Repo.render("province").one("PrometheusRule", "digicell");
    assertThat(Repo.yamlFile("deploy/prometheus/alerts.yml").get("groups"))
        .isEqualTo(at(rule, "spec", "groups"));
  }
}
