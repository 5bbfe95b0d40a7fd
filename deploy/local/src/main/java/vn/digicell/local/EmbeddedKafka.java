package vn.digicell.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node) running
 * inside the launcher's JVM. It is the same broker code a production cluster runs, so the services
 * see real partitions, consumer groups, compaction and idempotent producers.
 */
final class EmbeddedKafka implements AutoCloseable {

  /** The topics of the event spine (ARCHITECTURE.md), with what differs from the default. */
  static final List<TopicSpec> TOPICS =
      List.of(
          new TopicSpec("orgunit.events", 3, Map.of()),
          new TopicSpec("member.events", 6, Map.of()),
          new TopicSpec("member.contacts", 3, Map.of("cleanup.policy", "compact")),
          new TopicSpec("meeting.events", 3, Map.of()),
          new TopicSpec("meeting.records", 3, Map.of()),
          new TopicSpec("document.events", 3, Map.of()),
          new TopicSpec("ledger.checkpoints", 3, Map.of()),
          new TopicSpec("notification.events", 3, Map.of()),
          new TopicSpec("feedback.events", 3, Map.of()));

  record TopicSpec(String name, int partitions, Map<String, String> configs) {}

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  static EmbeddedKafka start(Path kafkaDir, int port, int controllerPort) throws Exception {
    Path logDir = kafkaDir.resolve("logs");
    Files.createDirectories(logDir);
    String clusterId = clusterId(kafkaDir);
    Properties config = brokerConfig(logDir, port, controllerPort);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(logDir, clusterId);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
    server.startup();
    EmbeddedKafka kafka = new EmbeddedKafka(server, "localhost:" + port);
    kafka.createMissingTopics();
    return kafka;
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The cluster id is generated once and kept beside the logs: the log dir is stamped with it at
   * format time and the broker refuses to start on a different one.
   */
  private static String clusterId(Path kafkaDir) throws IOException {
    Path file = kafkaDir.resolve("cluster.id");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    String id = Uuid.randomUuid().toString();
    Files.writeString(file, id + "\n");
    return id;
  }

  private static Properties brokerConfig(Path logDir, int port, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    // one node: every internal topic must live with a single replica
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("min.insync.replicas", "1");
    p.put("default.replication.factor", "1");
    // fewer internal partitions: faster first start and less memory on a small machine
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("num.partitions", "3");
    // services create their dead-letter topics <topic>.<group>.dlt on first use
    p.put("auto.create.topics.enable", "true");
    // a single developer: let consumer groups start at once instead of waiting for peers
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    p.put("log.retention.hours", String.valueOf(24 * 30));
    return p;
  }

  /**
   * Does what {@code kafka-storage.sh format} does, through the same {@link Formatter} the tool
   * uses. The tool's main ends in {@code Exit.exit}, which would end the launcher, so the exit
   * procedure is turned into an exception while formatting just in case.
   */
  private static void format(Path logDir, String clusterId) throws Exception {
    log.info("Formatting the Kafka log directory {} (cluster {})", logDir, clusterId);
    Exit.setExitProcedure(
        (status, message) -> {
          throw new IllegalStateException("Kafka storage format failed: " + message);
        });
    try (PrintStream out = new PrintStream(OutputStream.nullOutputStream(), true, "UTF-8")) {
      new Formatter()
          .setPrintStream(out)
          .setNodeId(NODE_ID)
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    } finally {
      Exit.resetExitProcedure();
    }
  }

  private void createMissingTopics() throws Exception {
    try (Admin admin = Admin.create(adminConfig())) {
      Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      List<NewTopic> missing =
          TOPICS.stream()
              .filter(t -> !existing.contains(t.name()))
              .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        log.info("Created topics {}", missing.stream().map(NewTopic::name).toList().toString());
      }
    }
  }

  private Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "digicell-local-launcher");
    return config;
  }

  @Override
  public void close() {
    long started = System.nanoTime();
    server.shutdown();
    server.awaitShutdown();
    log.info("Kafka stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
  }
}
