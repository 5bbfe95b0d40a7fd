package vn.digicell.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import vn.digicell.platform.test.TestInfrastructure;

/**
 * Two replicas of one service, each a whole Spring application on the same store, each scheduling
 * the same job every 50 ms: the job's cluster lock lets one run at a time, keeps a long run alive
 * past its {@code lockAtMostFor} while its owner beats, and hands the job over when the owner's
 * lock has run out.
 */
class ScheduledJobsClusterTest {

  private static final String DATABASE = "scheduled-jobs-cluster";
  private static final String JOB = "test.cluster-job";

  /** What every run of the job, on either replica, did. */
  static final List<String> RUNS = new CopyOnWriteArrayList<>();

  static final AtomicInteger RUNNING = new AtomicInteger();
  static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

  /** Set by a test to hold the next run until released; null lets runs end at once. */
  static volatile CountDownLatch hold;

  static volatile CountDownLatch holding;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableScheduling
  @Import(ClusterJob.class)
  static class Replica {}

  static class ClusterJob {

    @Value("${replica}")
    String replica;

    @Scheduled(initialDelay = 50, fixedDelay = 50)
    @SchedulerLock(name = JOB, lockAtMostFor = "PT30S")
    public void run() throws InterruptedException {
      int now = RUNNING.incrementAndGet();
      MOST_AT_ONCE.accumulateAndGet(now, Math::max);
      try {
        RUNS.add(replica);
        CountDownLatch h = hold;
        if (h != null) {
          hold = null;
          holding.countDown();
          h.await(2, TimeUnit.MINUTES);
        }
      } finally {
        RUNNING.decrementAndGet();
      }
    }
  }

  private final Map<String, ConfigurableApplicationContext> replicas = new LinkedHashMap<>();
  private MongoTemplate store;

  private void start(String... names) {
    for (String name : names) {
      Map<String, Object> properties =
          new LinkedHashMap<>(TestInfrastructure.serviceProperties(DATABASE));
      properties.put("replica", name);
      properties.put("spring.application.name", "cluster-test-" + name);
      replicas.put(
          name,
          new SpringApplicationBuilder(Replica.class)
              .web(WebApplicationType.NONE)
              .properties(properties)
              .run());
    }
    store = replicas.values().iterator().next().getBean(MongoTemplate.class);
  }

  @BeforeEach
  void reset() {
    RUNS.clear();
    RUNNING.set(0);
    MOST_AT_ONCE.set(0);
    hold = null;
    holding = null;
  }

  @AfterEach
  void stop() {
    CountDownLatch h = hold;
    if (h != null) {
      h.countDown();
    }
    if (store != null) {
      store.getDb().drop();
      store = null;
    }
    replicas.values().forEach(ConfigurableApplicationContext::close);
    replicas.clear();
  }

  private Document lock() {
    return store
        .getDb()
        .getCollection(ScheduledJobsAutoConfiguration.COLLECTION)
        .find(new Document("_id", JOB))
        .first();
  }

  @Test
  void twoReplicasRunTheJobOneAtATimeAndBothTakeTurns() {
    start("A", "B");

    await().atMost(Duration.ofSeconds(30)).until(() -> RUNS.size() >= 40);

    assertThat(MOST_AT_ONCE.get()).as("runs at the same moment").isEqualTo(1);
    assertThat(RUNS).contains("A", "B");
    assertThat(lock().getString("lockedBy")).isNotBlank();
  }

  @Test
  void aLongRunIsKeptAliveAndNeverTakenOverWhileItsOwnerBeats() throws Exception {
    holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    hold = release;
    start("A", "B");
    assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
    Instant firstUntil = lock().getDate("lockUntil").toInstant();
    int runsWhenHeld = RUNS.size();

    // past the lock's first expiry: the owner's heartbeat has moved it on, nobody else ran
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Instant.now().isAfter(firstUntil.plusSeconds(2)));
    assertThat(lock().getDate("lockUntil").toInstant()).isAfter(Instant.now());
    assertThat(RUNS).hasSize(runsWhenHeld);
    assertThat(MOST_AT_ONCE.get()).isEqualTo(1);

    release.countDown();
    // released: the job runs again, on whichever replica comes first
    await().atMost(Duration.ofSeconds(30)).until(() -> RUNS.size() > runsWhenHeld + 5);
    assertThat(MOST_AT_ONCE.get()).isEqualTo(1);
  }

  @Test
  void aLockLeftByADeadReplicaHoldsUntilItRunsOutThenTheJobMovesOn() {
    // a replica died mid-run: its lock was last renewed to end 3 s from now
    start("B");
    Instant deadUntil = Instant.now().plusSeconds(3);
    store
        .getDb()
        .getCollection(ScheduledJobsAutoConfiguration.COLLECTION)
        .replaceOne(
            new Document("_id", JOB),
            new Document("_id", JOB)
                .append("lockUntil", Date.from(deadUntil))
                .append("lockedAt", Date.from(Instant.now()))
                .append("lockedBy", "replica-that-died"),
            new com.mongodb.client.model.ReplaceOptions().upsert(true));
    int before = RUNS.size();

    await().atMost(Duration.ofSeconds(30)).until(() -> RUNS.size() > before);

    assertThat(Instant.now()).isAfterOrEqualTo(deadUntil);
    assertThat(lock().getString("lockedBy")).isNotEqualTo("replica-that-died");
  }
}
