package vn.digicell.platform.test;

import static org.awaitility.Awaitility.await;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production engines in containers, started once per test JVM for the {@link ParityTest}s:
 * MongoDB as a single-node replica set, Apache Kafka in KRaft mode with the platform's topics, and
 * Keycloak importing {@code deploy/keycloak/digicell-realm.json} (the realm deployments import, no
 * users). Users are created through Keycloak's admin API and log in with the password grant of a
 * test-only client, so services validate tokens Keycloak itself signed.
 */
public final class ParityContainers {

  /** The images deploy/compose runs, so a parity pass means what the operators run works. */
  public static final String MONGODB_IMAGE = "mongo:8.0";

  public static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
  public static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:26.5.6";

  static final String REALM = "digicell";
  private static final String CLIENT = "digicell-parity-tests";
  private static final String PASSWORD = "parity-" + UUID.randomUUID();
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static MongoDBContainer mongo;
  private static KafkaContainer kafka;
  private static KeycloakContainer keycloak;

  private ParityContainers() {}

  /** Starts the three engines (in parallel) on first use. */
  public static synchronized void start() {
    if (mongo != null) {
      return;
    }
    MongoDBContainer mongoDb = new MongoDBContainer(MONGODB_IMAGE).withReplicaSet();
    KafkaContainer broker = new KafkaContainer(KAFKA_IMAGE);
    KeycloakContainer identity =
        new KeycloakContainer(KEYCLOAK_IMAGE)
            .withCopyFileToContainer(
                MountableFile.forHostPath(realmFile()),
                "/opt/keycloak/data/import/digicell-realm.json");
    Startables.deepStart(mongoDb, broker, identity).join();
    mongo = mongoDb;
    kafka = broker;
    keycloak = identity;
    createTopics();
    createLoginClient();
  }

  /**
   * Points a service at the containers: {@code database} on the replica set, the broker, and the
   * realm as token issuer.
   */
  public static void register(DynamicPropertyRegistry registry, String database) {
    registry.add("spring.mongodb.uri", () -> mongoUri(database));
    registry.add("spring.kafka.bootstrap-servers", ParityContainers::kafkaBootstrapServers);
    registry.add("digicell.security.issuer-uri", ParityContainers::issuerUri);
    // the parity realm's test client is one of the clients the services accept (azp)
    registry.add("digicell.security.allowed-clients", () -> "digicell-gateway," + CLIENT);
    registry.add(
        "digicell.security.jwk-set-uri", () -> issuerUri() + "/protocol/openid-connect/certs");
  }

  public static String mongoUri(String database) {
    start();
    return mongo.getReplicaSetUrl(database);
  }

  public static String kafkaBootstrapServers() {
    start();
    return kafka.getBootstrapServers();
  }

  /** {@code http://<host>:<port>/realms/digicell}: the issuer of every token of the realm. */
  public static String issuerUri() {
    start();
    return keycloak.getAuthServerUrl() + "/realms/" + REALM;
  }

  /** The Keycloak server URL (no realm), e.g. for member-service's admin client. */
  public static String keycloakUrl() {
    start();
    return keycloak.getAuthServerUrl();
  }

  /** A user of the realm, to be given roles, org scope and member id before logging in. */
  public static User user(String username) {
    return new User(username);
  }

  /** A login of the digicell realm. */
  public static final class User {
    private final String username;
    private final List<String> roles = new ArrayList<>();
    private final List<String> orgScope = new ArrayList<>();
    private String memberId;

    private User(String username) {
      this.username = username.toLowerCase(java.util.Locale.ROOT);
    }

    public User roles(String... names) {
      roles.addAll(Arrays.asList(names));
      return this;
    }

    public User orgScope(String... paths) {
      orgScope.addAll(Arrays.asList(paths));
      return this;
    }

    public User memberId(String id) {
      this.memberId = id;
      return this;
    }

    /** Creates the user (once) and returns an access token Keycloak issued for them. */
    public String token() {
      start();
      ensureUser(this);
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "password");
      form.put("client_id", CLIENT);
      form.put("username", username);
      form.put("password", PASSWORD);
      form.put("scope", "openid");
      return post(issuerUri() + "/protocol/openid-connect/token", null, form)
          .get("access_token")
          .asString();
    }
  }

  /** Sets a confidential client's secret (the imported realm carries none). */
  public static void setClientSecret(String clientId, String secret) {
    updateClient(clientId, Map.of("secret", secret));
  }

  /** Lets a client redirect back to this test's own base URL (random port). */
  public static void allowRedirectsTo(String clientId, String baseUrl) {
    updateClient(
        clientId,
        Map.of(
            "rootUrl", baseUrl,
            "redirectUris", List.of(baseUrl + "/*"),
            "webOrigins", List.of(baseUrl)));
  }

  /**
   * Every record with this key on the topic, waiting (up to 60 s) until there are {@code count}.
   */
  public static List<ConsumerRecord<String, byte[]>> awaitRecords(
      String topic, String key, int count) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              found.clear();
              found.addAll(read(topic, key));
              return found.size() >= count;
            });
    return found;
  }

  private static List<ConsumerRecord<String, byte[]>> read(String topic, String key) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "parity-reader-" + UUID.randomUUID());
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(r.key())) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  private static void createTopics() {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
      admin
          .createTopics(
              Arrays.stream(TestInfrastructure.TOPICS)
                  .map(t -> new NewTopic(t, 3, (short) 1))
                  .toList())
          .all()
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("could not create the platform's topics", e);
    }
  }

  private static void createLoginClient() {
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("clientId", CLIENT);
    client.put("name", "DigiCell parity tests (test containers only)");
    client.put("publicClient", true);
    client.put("standardFlowEnabled", false);
    client.put("directAccessGrantsEnabled", true);
    client.put("defaultClientScopes", List.of("digicell", "basic", "roles", "profile", "email"));
    adminSend("POST", "/clients", client);
  }

  private static synchronized void ensureUser(User user) {
    JsonNode existing = adminGet("/users?exact=true&username=" + encode(user.username));
    if (!existing.isEmpty()) {
      return;
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (!user.orgScope.isEmpty()) {
      attributes.put("org_scope", user.orgScope);
    }
    if (user.memberId != null) {
      attributes.put("member_id", List.of(user.memberId));
    }
    Map<String, Object> representation = new LinkedHashMap<>();
    representation.put("username", user.username);
    representation.put("enabled", true);
    representation.put("email", user.username + "@parity.digicell.test");
    representation.put("emailVerified", true);
    representation.put("firstName", "Parity");
    representation.put("lastName", user.username);
    representation.put("attributes", attributes);
    representation.put(
        "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
    adminSend("POST", "/users", representation);
    String id =
        adminGet("/users?exact=true&username=" + encode(user.username)).get(0).get("id").asString();
    List<JsonNode> roles = new ArrayList<>();
    for (String role : user.roles) {
      roles.add(adminGet("/roles/" + encode(role)));
    }
    adminSend("POST", "/users/" + id + "/role-mappings/realm", roles);
  }

  private static void updateClient(String clientId, Map<String, Object> changes) {
    JsonNode found = adminGet("/clients?clientId=" + encode(clientId));
    if (found.isEmpty()) {
      throw new IllegalStateException("no client " + clientId + " in the realm");
    }
    Map<String, Object> client = JSON.convertValue(found.get(0), Map.class);
    client.putAll(changes);
    adminSend("PUT", "/clients/" + found.get(0).get("id").asString(), client);
  }

  private static JsonNode adminGet(String path) {
    return JSON.readTree(adminSend("GET", path, null));
  }

  private static String adminSend(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(keycloakUrl() + "/admin/realms/" + REALM + path))
            .header("Authorization", "Bearer " + adminToken())
            .timeout(Duration.ofSeconds(30));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    HttpResponse<String> response = send(request.build());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " → " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static String adminToken() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", "admin-cli");
    form.put("username", keycloak.getAdminUsername());
    form.put("password", keycloak.getAdminPassword());
    return post(keycloakUrl() + "/realms/master/protocol/openid-connect/token", null, form)
        .get("access_token")
        .asString();
  }

  private static JsonNode post(String url, String bearer, Map<String, String> form) {
    String encoded =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(encoded));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response = send(request.build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "POST " + url + " → " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** deploy/keycloak/digicell-realm.json, found from the module's working directory upwards. */
  static Path realmFile() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path realm = dir.resolve("deploy/keycloak/digicell-realm.json");
      if (Files.isRegularFile(realm)) {
        return realm;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "deploy/keycloak/digicell-realm.json not found above " + Path.of("").toAbsolutePath());
  }
}
