package vn.digicell.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Broadcast fan-out: notification-service started in this JVM against an in-process KRaft broker
 * and the embedded store, a province of N active members in cells of 35 across 100 communes, and
 * one TASK broadcast to the whole province delivered by the real fan-out (keyset batches from the
 * recipient roster, unordered bulk insert of recipient rows, {@code $inc} of the totals, bulk
 * notice issue with their events published to Kafka). Prints recipients/s. Arguments: [members].
 *
 * <p>notification-service is an application, not a library: {@code bench/run.sh fanout} puts its
 * classes on the class path and this class reaches its beans by name, so the bench module does not
 * depend on it at build time.
 */
public final class FanOutBenchmark {

  private static final String PROVINCE = "/BM";
  private static final int PER_CELL = 35;
  private static final int COMMUNES = 100;

  public static void main(String[] args) {
    // the in-process service, broker and store leave threads behind: end the JVM explicitly
    try {
      run(args);
      System.exit(0);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    int members = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    EmbeddedKafkaKraftBroker broker =
        new EmbeddedKafkaKraftBroker(
            1, 3, "notification.events", "feedback.events", "member.events", "orgunit.events");
    broker.afterPropertiesSet();
    MongoServer mongoServer = new MongoServer(new MemoryBackend());
    String mongoAddress = mongoServer.bindAndGetConnectionString();
    Class<?> application = Class.forName("vn.digicell.notification.NotificationServiceApplication");
    ConfigurableApplicationContext context = null;
    try {
      // command-line arguments: they win over the service's application.yml (port 8084 may be
      // taken)
      context =
          new SpringApplicationBuilder(application)
              .run(
                  "--server.port=0",
                  "--spring.mongodb.uri=" + mongoAddress + "/digicell-notification-bench",
                  "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                  "--spring.kafka.listener.auto-startup=false",
                  "--digicell.notification.broadcast.resume-initial-delay=PT1H",
                  "--logging.level.root=WARN");
      MongoTemplate mongo = context.getBean(MongoTemplate.class);
      long seedStart = System.nanoTime();
      seed(mongo, members);
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

      String id = UUID.randomUUID().toString();
      mongo.insert(broadcast(id), "broadcasts");
      mongo.insert(
          new Document("_id", id)
              .append("recipients", 0L)
              .append("read", 0L)
              .append("acknowledged", 0L)
              .append("dirty", false),
          "broadcast_tallies");
      Object fanOut = context.getBean(Class.forName("vn.digicell.notification.broadcast.FanOut"));
      var run = fanOut.getClass().getMethod("run", String.class);

      System.out.printf(
          "broadcast fan-out benchmark: %,d members in %,d cells (seeded in %.1f s)%n",
          members, (members + PER_CELL - 1) / PER_CELL, seedSeconds);
      long start = System.nanoTime();
      long recipients = (Long) run.invoke(fanOut, id);
      double seconds = (System.nanoTime() - start) / 1e9;
      long rows = mongo.getCollection("broadcast_recipients").countDocuments();
      long notices = mongo.getCollection("notices").countDocuments();
      long cells = mongo.getCollection("broadcast_cell_tallies").countDocuments();
      System.out.printf(
          "recipients        : %,10d (rows %,d, notices %,d, cells %,d)%n",
          recipients, rows, notices, cells);
      System.out.printf("fan-out time      : %10.1f s%n", seconds);
      System.out.printf("throughput        : %,10.0f recipients/s%n", recipients / seconds);

      // a resumed fan-out (crash mid-way) walks everyone again but adds nothing
      long again = System.nanoTime();
      long second = (Long) run.invoke(fanOut, id);
      double resumeSeconds = (System.nanoTime() - again) / 1e9;
      System.out.printf(
          "re-run (resume)   : %10.1f s, recipients still %,d, rows %,d, notices %,d%n",
          resumeSeconds,
          second,
          mongo.getCollection("broadcast_recipients").countDocuments(),
          mongo.getCollection("notices").countDocuments());
    } finally {
      if (context != null) {
        context.close();
      }
      mongoServer.shutdownNow();
      broker.destroy();
    }
  }

  /** Active members straight into the recipient roster, in bulk (as its projection holds them). */
  private static void seed(MongoTemplate mongo, int members) {
    List<Document> batch = new ArrayList<>(5_000);
    for (int i = 0; i < members; i++) {
      int cell = i / PER_CELL;
      String path = PROVINCE + "/X" + (cell % COMMUNES) + "/C" + cell;
      batch.add(
          new Document("_id", UUID.randomUUID().toString())
              .append("fullName", "Đảng viên " + i)
              .append("orgPath", path)
              .append("cellId", "cell-" + cell)
              .append("status", "OFFICIAL")
              .append("language", "vi")
              .append("positions", List.of())
              .append("actsFor", List.of()));
      if (batch.size() == 5_000) {
        mongo.getCollection("roster").insertMany(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      mongo.getCollection("roster").insertMany(batch);
    }
  }

  private static Document broadcast(String id) {
    return new Document("_id", id)
        .append("kind", "TASK")
        .append("title", "Quán triệt nghị quyết")
        .append("body", "Đề nghị các chi bộ tổ chức quán triệt.")
        .append("targets", List.of(PROVINCE))
        .append("documentIds", List.of())
        .append(
            "dueOn",
            java.util.Date.from(
                LocalDate.now()
                    .plusDays(14)
                    .atStartOfDay(java.time.ZoneId.systemDefault())
                    .toInstant()))
        .append("orgPath", PROVINCE)
        .append("senderUsername", "bench")
        .append("createdAt", java.util.Date.from(Instant.now()))
        .append("remindRound", 0)
        .append("version", 0L)
        .append("sequence", 0L)
        .append("outbox", List.of());
  }
}
