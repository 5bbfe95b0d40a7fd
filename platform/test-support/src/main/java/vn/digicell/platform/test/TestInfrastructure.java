package vn.digicell.platform.test;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft, in-process) and one embedded Mongo-compatible server per test JVM,
 * started on first use and shared by every test class, so a module's integration tests pay the
 * start-up once.
 */
public final class TestInfrastructure {

  /** The topics of ARCHITECTURE.md, plus one for the platform's own tests. */
  static final String[] TOPICS = {
    "orgunit.events",
    "member.events",
    "member.contacts",
    "meeting.events",
    "document.events",
    "ledger.checkpoints",
    "notification.events",
    "feedback.events",
    "test.events"
  };

  private static volatile EmbeddedKafkaBroker kafka;
  private static volatile MongoServer mongo;

  private TestInfrastructure() {}

  /** The shared broker, started on first use. */
  public static synchronized EmbeddedKafkaBroker kafka() {
    if (kafka == null) {
      // the platform's topics exist before any consumer subscribes, as they do in every deployment
      EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, TOPICS);
      broker.brokerProperties(
          Map.of(
              "auto.create.topics.enable", "true",
              "num.partitions", "3",
              "offsets.topic.replication.factor", "1",
              "transaction.state.log.replication.factor", "1",
              "group.initial.rebalance.delay.ms", "0"));
      broker.afterPropertiesSet();
      Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "test-kafka-stop"));
      kafka = broker;
    }
    return kafka;
  }

  /** Bootstrap servers of the shared broker. */
  public static String kafkaBootstrapServers() {
    return kafka().getBrokersAsString();
  }

  /** A connection string for database {@code database} on the shared embedded store. */
  public static String mongoUri(String database) {
    InetSocketAddress address = mongo().getLocalAddress();
    return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
  }

  /** The shared embedded store, started on first use. */
  public static synchronized MongoServer mongo() {
    if (mongo == null) {
      MongoServer server = new MongoServer(new MemoryBackend());
      server.bind("127.0.0.1", 0);
      Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "test-mongo-stop"));
      mongo = server;
    }
    return mongo;
  }

  /**
   * Everything a DigiCell service needs to run against the shared infrastructure and trust {@link
   * TestTokens}; {@code database} keeps test classes apart.
   */
  public static Map<String, String> serviceProperties(String database) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
    properties.put("spring.mongodb.uri", mongoUri(database));
    properties.putAll(TestTokens.properties());
    return properties;
  }
}
