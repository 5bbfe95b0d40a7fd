package vn.digicell.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.digicell.deploy.checks.Repo.at;
import static vn.digicell.deploy.checks.Repo.list;
import static vn.digicell.deploy.checks.Repo.name;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import vn.digicell.deploy.checks.Repo.Rendered;

/** Renders every overlay with {@code kubectl kustomize} and checks what must hold in each. */
class KustomizeRenderTest {

  static final List<String> OVERLAYS = Repo.OVERLAYS;

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyDeploymentHasProbesRequestsLimitsAndRunsAsNonRoot(String overlay) {
    List<Map<String, Object>> deployments = Repo.render(overlay).ofKind("Deployment");
    assertThat(deployments.stream().map(Repo::name))
        .containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
    for (Map<String, Object> deployment : deployments) {
      Object pod = at(deployment, "spec", "template", "spec");
      assertThat(at(pod, "securityContext", "runAsNonRoot")).as(name(deployment)).isEqualTo(true);
      for (Map<String, Object> container : list(pod, "containers")) {
        String where = overlay + "/" + name(deployment) + "/" + container.get("name");
        assertThat(at(container, "readinessProbe", "httpGet", "path"))
            .as(where + " readiness")
            .isEqualTo("/actuator/health/readiness");
        assertThat(at(container, "livenessProbe", "httpGet", "path"))
            .as(where + " liveness")
            .isEqualTo("/actuator/health/liveness");
        for (String kind : List.of("requests", "limits")) {
          assertThat(at(container, "resources", kind, "cpu"))
              .as(where + " cpu " + kind)
              .isNotNull();
          assertThat(at(container, "resources", kind, "memory"))
              .as(where + " memory " + kind)
              .isNotNull();
        }
        assertThat(at(container, "securityContext", "allowPrivilegeEscalation"))
            .as(where)
            .isEqualTo(false);
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyStatefulSetRunsAsNonRootWithProbesRequestsLimitsAVolumeAndANetworkPolicy(
      String overlay) {
    Rendered rendered = Repo.render(overlay);
    List<Map<String, Object>> statefulSets = rendered.ofKind("StatefulSet");
    assertThat(statefulSets.stream().map(Repo::name)).containsExactly(Repo.REDIS);
    for (Map<String, Object> set : statefulSets) {
      String name = overlay + "/" + name(set);
      Object pod = at(set, "spec", "template", "spec");
      assertThat(at(pod, "securityContext", "runAsNonRoot")).as(name).isEqualTo(true);
      assertThat(at(pod, "securityContext", "seccompProfile", "type"))
          .as(name)
          .isEqualTo("RuntimeDefault");
      assertThat(at(pod, "automountServiceAccountToken")).as(name).isEqualTo(false);
      List<Map<String, Object>> claims = list(set, "spec", "volumeClaimTemplates");
      assertThat(claims).as(name + " keeps its data on a persistent volume").isNotEmpty();
      for (Map<String, Object> claim : claims) {
        assertThat(at(claim, "spec", "resources", "requests", "storage"))
            .as(name + " claim " + name(claim))
            .isNotNull();
      }
      Set<String> claimNames = claims.stream().map(Repo::name).collect(Collectors.toSet());
      for (Map<String, Object> container : list(pod, "containers")) {
        String where = name + "/" + container.get("name");
        assertThat(container.get("readinessProbe")).as(where + " readiness").isNotNull();
        assertThat(container.get("livenessProbe")).as(where + " liveness").isNotNull();
        for (String kind : List.of("requests", "limits")) {
          assertThat(at(container, "resources", kind, "cpu"))
              .as(where + " cpu " + kind)
              .isNotNull();
          assertThat(at(container, "resources", kind, "memory"))
              .as(where + " memory " + kind)
              .isNotNull();
        }
        assertThat(at(container, "securityContext", "allowPrivilegeEscalation"))
            .as(where)
            .isEqualTo(false);
        assertThat(
                Repo.<List<String>>cast(at(container, "securityContext", "capabilities", "drop")))
            .as(where)
            .contains("ALL");
        assertThat(list(container, "volumeMounts"))
            .as(where + " mounts its claim")
            .anyMatch(m -> claimNames.contains((String) m.get("name")));
      }
      Object selector = at(set, "spec", "selector", "matchLabels");
      assertThat(
              rendered.ofKind("NetworkPolicy").stream()
                  .anyMatch(np -> selector.equals(at(np, "spec", "podSelector", "matchLabels"))))
          .as(name + " has a network policy")
          .isTrue();
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyImageIsPinnedToAVersion(String overlay) {
    Set<String> images = new TreeSet<>();
    collectImages(Repo.render(overlay).docs(), images);
    assertThat(images).as(overlay).contains(Repo.REDIS_IMAGE, Images.image("gateway"));
    assertThat(images).as(overlay).allMatch(Images::pinned);
  }

  private static void collectImages(Object node, Set<String> images) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if (("image".equals(key) || "imageName".equals(key)) && value instanceof String s) {
              images.add(s);
            } else {
              collectImages(value, images);
            }
          });
    } else if (node instanceof List<?> items) {
      items.forEach(item -> collectImages(item, images));
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyDeploymentHasAnAutoscalerADisruptionBudgetAndANetworkPolicy(String overlay) {
    Rendered rendered = Repo.render(overlay);
    for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
      String name = name(deployment);
      Map<String, Object> hpa = rendered.one("HorizontalPodAutoscaler", name);
      assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(name);
      int min = (Integer) at(hpa, "spec", "minReplicas");
      int max = (Integer) at(hpa, "spec", "maxReplicas");
      assertThat(max).as(overlay + "/" + name + " HPA").isGreaterThanOrEqualTo(min);
      assertThat(at(deployment, "spec", "replicas")).as(overlay + "/" + name).isEqualTo(min);
      Map<String, Object> pdb = rendered.one("PodDisruptionBudget", name);
      Object selector = at(deployment, "spec", "selector", "matchLabels");
      assertThat(at(pdb, "spec", "selector", "matchLabels")).isEqualTo(selector);
      assertThat(
              rendered.ofKind("NetworkPolicy").stream()
                  .anyMatch(np -> selector.equals(at(np, "spec", "podSelector", "matchLabels"))))
          .as(overlay + "/" + name + " has a network policy")
          .isTrue();
    }
    assertThat(rendered.ofKind("NetworkPolicy").stream().map(Repo::name))
        .as("ingress is denied unless a policy admits it")
        .contains("default-deny-ingress");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void servicesRunTheImagesAndPortsTheBuildFilesProduce(String overlay) {
    for (Map<String, Object> deployment : Repo.render(overlay).ofKind("Deployment")) {
      String service = name(deployment);
      Object container = at(deployment, "spec", "template", "spec", "containers", "0");
      assertThat(at(container, "image")).isEqualTo(Images.image(service));
      assertThat(at(container, "ports", "0", "containerPort"))
          .as(service)
          .isEqualTo(Images.exposedPort(service));
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void secretsComeFromSecretObjectsNeverFromLiterals(String overlay) {
    for (Map<String, Object> workload : Repo.render(overlay).workloads()) {
      for (Map<String, Object> env :
          list(workload, "spec", "template", "spec", "containers", "0", "env")) {
        String name = (String) env.get("name");
        if (name.matches(".*(_KEY|SECRET|PASSWORD|_AUTH|JAAS_CONFIG|MONGODB_URI)$")) {
          assertThat(env.get("value")).as(overlay + " " + name + " is not a literal").isNull();
          assertThat(at(env, "valueFrom", "secretKeyRef", "name"))
              .as(overlay + " " + name + " comes from a Secret")
              .isNotNull();
        }
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyCatalogueTopicExistsWithItsOwnerRetentionAndReplication(String overlay) {
    Rendered rendered = Repo.render(overlay);
    Map<String, Map<String, Object>> topics = Kafka.topics(rendered);
    int brokers = Kafka.brokers(rendered);
    for (Map.Entry<String, String> entry : Kafka.catalogueProducers().entrySet()) {
      Map<String, Object> topic = topics.get(entry.getKey());
      assertThat(topic).as(overlay + ": KafkaTopic for " + entry.getKey()).isNotNull();
      assertThat(at(topic, "metadata", "annotations", "digicell.vn/owner"))
          .as(entry.getKey() + " owner")
          .isEqualTo(entry.getValue());
    }
    for (Map<String, Object> topic : topics.values()) {
      String name = (String) at(topic, "spec", "topicName");
      assertThat(at(topic, "metadata", "annotations", "digicell.vn/owner"))
          .as(name + " has an owner")
          .isNotNull();
      String cleanup = String.valueOf(at(topic, "spec", "config", "cleanup.policy"));
      assertThat(cleanup.equals("compact") || at(topic, "spec", "config", "retention.ms") != null)
          .as(name + " is compacted or has a retention chosen for it")
          .isTrue();
      int replicas = (Integer) at(topic, "spec", "replicas");
      int minIsr = (Integer) at(topic, "spec", "config", "min.insync.replicas");
      assertThat(replicas).as(overlay + " " + name + " replicas").isBetween(1, brokers);
      assertThat(minIsr).as(name).isLessThanOrEqualTo(replicas);
      if (replicas > 1) {
        assertThat(minIsr).as(name + " survives one broker loss").isLessThan(replicas);
      }
    }
    assertThat(topics.get("member.contacts"))
        .extracting(t -> at(t, "spec", "config", "cleanup.policy"))
        .as("member.contacts keeps the latest contact per member")
        .isEqualTo("compact");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyTopicHasItsOwnersWriteAclAndEveryConsumersReadAcl(String overlay) {
    Rendered rendered = Repo.render(overlay);
    List<Map<String, Object>> users = rendered.ofKind("KafkaUser");
    for (Map.Entry<String, String> entry : Kafka.catalogueProducers().entrySet()) {
      assertThat(Kafka.principalsWith(users, entry.getKey(), "Write"))
          .as(overlay + ": writers of " + entry.getKey())
          .containsExactly(entry.getValue());
    }
    for (Map.Entry<String, Set<String>> entry : Kafka.catalogueConsumers().entrySet()) {
      assertThat(Kafka.principalsWith(users, entry.getKey(), "Read"))
          .as(overlay + ": readers of " + entry.getKey())
          .containsAll(entry.getValue());
      for (String consumer : entry.getValue()) {
        assertThat(Kafka.groupReaders(users, consumer))
            .as(consumer + " may join its consumer groups")
            .contains(consumer);
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyKafkaListenerInTheCodeMayReadItsTopicJoinItsGroupAndDeadLetter(String overlay) {
    List<Map<String, Object>> users = Repo.render(overlay).ofKind("KafkaUser");
    List<Listeners.Listener> listeners = Listeners.inCode();
    assertThat(listeners).as("listeners found in the services").hasSizeGreaterThan(5);
    for (Listeners.Listener listener : listeners) {
      assertThat(Kafka.principalsWith(users, listener.topic(), "Read"))
          .as(overlay + ": " + listener + " reads its topic")
          .contains(listener.service());
      if (listener.group() != null) {
        assertThat(Kafka.groupReaders(users, listener.group()))
            .as(listener + " joins its group")
            .contains(listener.service());
        String deadLetters = listener.topic() + "." + listener.group() + ".dlt";
        for (String operation : List.of("Create", "Write", "Read")) {
          assertThat(Kafka.principalsWith(users, deadLetters, operation))
              .as(listener + " may " + operation + " " + deadLetters)
              .contains(listener.service());
        }
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void onlyNotificationServiceReadsMemberContacts(String overlay) {
    List<Map<String, Object>> users = Repo.render(overlay).ofKind("KafkaUser");
    assertThat(Kafka.principalsWith(users, "member.contacts", "Read"))
        .containsExactly("notification-service");
    assertThat(Kafka.principalsWith(users, "member.contacts", "Write"))
        .containsExactly("member-service");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void onlyDocumentServiceReadsMeetingRecordsAndOnlyMeetingServiceWritesThem(String overlay) {
    List<Map<String, Object>> users = Repo.render(overlay).ofKind("KafkaUser");
    assertThat(Kafka.principalsWith(users, "meeting.records", "Read"))
        .containsExactly("document-service");
    assertThat(Kafka.principalsWith(users, "meeting.records", "Write"))
        .containsExactly("meeting-service");
    assertThat(Kafka.principalsWith(users, "meeting.records", "Describe"))
        .doesNotContain("analyst");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void analystsReadTheGeneralTopicsAndNothingElse(String overlay) {
    Rendered rendered = Repo.render(overlay);
    Map<String, Object> analyst = rendered.one("KafkaUser", "analyst");
    Set<String> general = new TreeSet<>(Kafka.topics(rendered).keySet());
    general.removeIf(
        t -> t.endsWith(".dlt") || t.equals("member.contacts") || t.equals("meeting.records"));
    for (Map<String, Object> acl : list(analyst, "spec", "authorization", "acls")) {
      List<String> operations = Repo.cast(acl.get("operations"));
      assertThat(operations).as("analyst ACL %s", acl).isSubsetOf("Read", "Describe");
      if ("topic".equals(at(acl, "resource", "type"))) {
        assertThat(at(acl, "resource", "patternType")).isEqualTo("literal");
        assertThat(general).contains((String) at(acl, "resource", "name"));
      }
    }
    for (String topic : general) {
      assertThat(Kafka.principalsWith(List.of(analyst), topic, "Read"))
          .as(topic)
          .contains("analyst");
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void deadLetterTopicsExistForEveryConsumerAndFollowTheNamingRule(String overlay) {
    Rendered rendered = Repo.render(overlay);
    Map<String, Map<String, Object>> topics = Kafka.topics(rendered);
    List<Map<String, Object>> users = rendered.ofKind("KafkaUser");
    Set<String> dlts = new TreeSet<>();
    for (String name : topics.keySet()) {
      if (name.endsWith(".dlt")) {
        dlts.add(name);
        String source =
            (String) at(topics.get(name), "metadata", "annotations", "digicell.vn/dead-letters-of");
        assertThat(source).as(name).isNotNull();
        assertThat(topics).as(name + " dead-letters an existing topic").containsKey(source);
        assertThat(name).startsWith(source + ".");
        String group = name.substring(source.length() + 1, name.length() - ".dlt".length());
        String owner =
            (String) at(topics.get(name), "metadata", "annotations", "digicell.vn/owner");
        assertThat(group).as(name + " belongs to a group of its owner").startsWith(owner);
        assertThat(Kafka.principalsWith(users, name, "Write")).as(name).contains(owner);
        assertThat(Kafka.principalsWith(users, name, "Read")).as(name).contains(owner);
      }
    }
    for (Map.Entry<String, Set<String>> entry : Kafka.catalogueConsumers().entrySet()) {
      for (String consumer : entry.getValue()) {
        assertThat(dlts)
            .as("dead letters of %s on %s", consumer, entry.getKey())
            .anyMatch(d -> d.startsWith(entry.getKey() + "." + consumer));
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theRealmImportIsTheRepositorysRealmWithOnlyThePortalUrlsChanged(String overlay) {
    Map<String, Object> realmImport =
        Repo.render(overlay).one("KeycloakRealmImport", "digicell-realm");
    Map<String, Object> imported = Repo.cast(at(realmImport, "spec", "realm"));
    Map<String, Object> source = Repo.yamlFile("deploy/keycloak/digicell-realm.json");
    assertThat(Realms.withoutPortalUrls(imported)).isEqualTo(Realms.withoutPortalUrls(source));
    assertThat(at(imported, "clients", "0", "clientId")).isEqualTo("digicell-gateway");
    String rootUrl = (String) at(imported, "clients", "0", "rootUrl");
    assertThat(rootUrl).as("a real deployment serves the portal over https").startsWith("https://");
    List<String> redirects = Repo.cast(at(imported, "clients", "0", "redirectUris"));
    assertThat(redirects).allMatch(r -> r.startsWith(rootUrl + "/"));
    assertThat(Realms.usersWithCredentials(imported)).as("no user logins are imported").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void noDemoCredentialAppearsInTheRenderedResources(String overlay) {
    String text = Repo.render(overlay).text();
    for (String secret : DemoCredentials.all()) {
      assertThat(text)
          .as("%s contains a demo credential from deploy/local or a service default", overlay)
          .doesNotContain(secret);
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void mongoDbGivesEachServiceAUserLimitedToItsOwnDatabaseAndIsBackedUp(String overlay) {
    Map<String, Object> mongo =
        Repo.render(overlay).one("PerconaServerMongoDB", "digicell-mongodb");
    Map<String, String> databases = new TreeMap<>();
    for (Map<String, Object> user : list(mongo, "spec", "users")) {
      Set<String> dbs =
          list(user, "roles").stream().map(r -> (String) r.get("db")).collect(Collectors.toSet());
      assertThat(dbs).as("user %s", user.get("name")).hasSize(1);
      databases.put((String) user.get("name"), dbs.iterator().next());
    }
    assertThat(databases)
        .containsEntry("member-service", "digicell-member")
        .containsEntry("meeting-service", "digicell-meeting")
        .containsEntry("document-service", "digicell-document")
        .containsEntry("notification-service", "digicell-notification");
    assertThat(at(mongo, "spec", "backup", "pitr", "enabled")).isEqualTo(true);
    assertThat(list(mongo, "spec", "backup", "tasks")).isNotEmpty();
    List<Integer> sizes = new ArrayList<>();
    list(mongo, "spec", "replsets").forEach(r -> sizes.add((Integer) r.get("size")));
    assertThat(sizes).isNotEmpty();
    if (!overlay.equals("commune")) {
      assertThat(sizes).as("replica sets survive one member loss").allMatch(s -> s >= 3);
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyResourceLandsInOneNamespace(String overlay) {
    Set<String> namespaces = new HashSet<>();
    for (Map<String, Object> doc : Repo.render(overlay).docs()) {
      if (!"Namespace".equals(doc.get("kind"))) {
        namespaces.add(String.valueOf(at(doc, "metadata", "namespace")));
      }
    }
    assertThat(namespaces).containsExactly("digicell");
  }
}
