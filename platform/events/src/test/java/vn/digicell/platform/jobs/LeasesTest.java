package vn.digicell.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import vn.digicell.platform.test.MutableClock;
import vn.digicell.platform.test.TestInfrastructure;

/**
 * Two replicas' leases on the same work documents, on the embedded store, with a clock the test
 * moves: abandoned work goes to exactly one claimer, live work to nobody, a process that lost its
 * work learns it from its next save, and work given up is taken at once.
 */
class LeasesTest {

  private static final String DATABASE = "leases-test";
  private static final Duration STALE_AFTER = Duration.ofSeconds(30);

  @Document("work")
  record Work(
      @Id String id,
      String state,
      String owner,
      Instant heartbeatAt,
      Instant startedAt,
      int attempts,
      long done) {}

  private final MutableClock clock = new MutableClock();
  private MongoClient client;
  private MongoTemplate mongo;
  private Leases<Work> replicaA;
  private Leases<Work> replicaB;

  @BeforeEach
  void store() {
    client = MongoClients.create(TestInfrastructure.mongoUri(DATABASE));
    mongo = new MongoTemplate(client, DATABASE);
    replicaA = new Leases<>(mongo, Work.class, STALE_AFTER, clock);
    replicaB = new Leases<>(mongo, Work.class, STALE_AFTER, clock);
  }

  @AfterEach
  void drop() {
    mongo.getDb().drop();
    client.close();
  }

  private void work(String id, String state, String owner, Instant heartbeatAt, Instant started) {
    mongo.insert(new Work(id, state, owner, heartbeatAt, started, 1, 0));
  }

  private Work read(String id) {
    return mongo.findById(id, Work.class);
  }

  /** The clock's time as the store keeps it (milliseconds). */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Criteria running() {
    return Criteria.where("state").is("RUNNING");
  }

  private static Update attempt() {
    return new Update().inc("attempts", 1);
  }

  @Test
  void workWhoseOwnerStoppedBeatingGoesToOneClaimerOldestFirst() {
    Instant start = now();
    work("newer", "RUNNING", "dead-replica", start, start);
    work("older", "RUNNING", "dead-replica", start, start.minusSeconds(60));
    work("finished", "COMPLETED", "dead-replica", start, start.minusSeconds(120));
    clock.advance(STALE_AFTER.plusSeconds(1));

    Instant claimedFrom = now();
    Optional<Work> claimed = replicaB.claimStale(running(), Sort.by("startedAt"), attempt());

    assertThat(claimed).map(Work::id).hasValue("older");
    assertThat(claimed.get().owner()).isEqualTo(replicaB.owner());
    assertThat(claimed.get().heartbeatAt()).isBetween(claimedFrom, clock.instant());
    assertThat(claimed.get().attempts()).isEqualTo(2);
    // the one left abandoned goes to the next claimer; the finished one to nobody
    assertThat(replicaA.claimStale(running(), Sort.by("startedAt"), attempt()))
        .map(Work::id)
        .hasValue("newer");
    assertThat(replicaA.claimStale(running(), Sort.unsorted(), attempt())).isEmpty();
    assertThat(read("finished").owner()).isEqualTo("dead-replica");
  }

  @Test
  void workIsNeverClaimedWhileItsOwnerBeats() {
    work("import", "RUNNING", replicaA.owner(), now(), now());

    // a long run: every renewal comes within the lease, the run lasts many leases
    Instant renewedFrom = null;
    for (int batch = 1; batch <= 5; batch++) {
      clock.advance(STALE_AFTER.minusSeconds(5));
      assertThat(replicaB.claimStale(running(), Sort.unsorted(), attempt())).isEmpty();
      renewedFrom = now();
      assertThat(replicaA.renew("import", running(), new Update().inc("done", 1))).isTrue();
    }

    Work work = read("import");
    assertThat(work.owner()).isEqualTo(replicaA.owner());
    assertThat(work.done()).isEqualTo(5);
    assertThat(work.heartbeatAt()).isBetween(renewedFrom, clock.instant());
    assertThat(work.attempts()).isEqualTo(1);
  }

  @Test
  void anOwnerTooSlowToRenewLearnsItLostTheWorkAndItsProgressIsNotSaved() {
    work("fan-out", "RUNNING", replicaA.owner(), now(), now());
    clock.advance(STALE_AFTER.plusSeconds(1));
    assertThat(replicaB.claimStale(running(), Sort.unsorted(), attempt())).isPresent();

    assertThat(replicaA.renew("fan-out", new Update().set("done", 99L))).isFalse();
    assertThat(replicaA.release("fan-out")).isFalse();

    Work work = read("fan-out");
    assertThat(work.owner()).isEqualTo(replicaB.owner());
    assertThat(work.done()).isZero();
    assertThat(replicaB.renew("fan-out", new Update().set("done", 1L))).isTrue();
    assertThat(read("fan-out").done()).isEqualTo(1);
  }

  @Test
  void workGivenUpIsClaimedAtOnce() {
    work("round", "RUNNING", replicaA.owner(), now(), now());
    assertThat(replicaB.claimStale(running(), Sort.unsorted(), attempt())).isEmpty();

    assertThat(replicaA.release("round", new Update().set("done", 7L))).isTrue();

    Work released = read("round");
    assertThat(released.owner()).isNull();
    assertThat(released.heartbeatAt()).isEqualTo(Leases.RELEASED);
    assertThat(released.done()).isEqualTo(7);
    assertThat(replicaB.claimStale(running(), Sort.unsorted(), attempt()))
        .map(Work::owner)
        .hasValue(replicaB.owner());
  }

  @Test
  void workNobodyEverBeatForIsAbandonedOnlyWhereTheCallerSaysSo() {
    work("fresh", "RUNNING", null, null, now());

    assertThat(replicaA.claimStale(running(), Sort.unsorted(), new Update())).isEmpty();
    Optional<Work> claimed =
        replicaA.claimStaleOrUnbeaten(running(), Sort.unsorted(), new Update());

    assertThat(claimed).map(Work::owner).hasValue(replicaA.owner());
    // now it beats: no longer unbeaten, and not stale
    assertThat(replicaB.claimStaleOrUnbeaten(running(), Sort.unsorted(), new Update())).isEmpty();
  }
}
