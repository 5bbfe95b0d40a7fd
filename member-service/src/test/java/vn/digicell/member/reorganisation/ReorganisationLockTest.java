package vn.digicell.member.reorganisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * Two reorganisations touching the same part of the tree never run at once: the second gets 409
 * naming the first; a plan a crash left running keeps its lock until the resume job completes it; a
 * lock whose plan is over is taken over.
 */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReorganisationLockTest {

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  @Autowired ReorganisationLocks locks;
  @Autowired ReorganisationService reorganisations;

  TestHttp http;
  String admin;
  String province;
  final LocalDate today = LocalDate.now();
  int serial = 100;
  final ExecutorService pool = Executors.newFixedThreadPool(8);

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin").orgScope("/LK").sign();
    province = create("LK", "PROVINCE", null);
  }

  @AfterAll
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void concurrentReorganisationsOfTheSameCellLetExactlyOneRun() throws Exception {
    String commune = create("CA", "COMMUNE", province);
    String absorbed = create("C01", "CELL", commune);
    List<String> survivors = new ArrayList<>();
    for (int i = 2; i <= 6; i++) {
      survivors.add(create("C0" + i, "CELL", commune));
    }
    List<String> members = List.of(admit(absorbed), admit(absorbed), admit(absorbed));

    CountDownLatch go = new CountDownLatch(1);
    List<Future<TestHttp.Response>> answers = new ArrayList<>();
    for (String survivor : survivors) {
      answers.add(
          pool.submit(
              () -> {
                go.await();
                return http.post(
                    "/api/org-units/" + absorbed + "/merge",
                    admin,
                    "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(survivor, today));
              }));
    }
    answers.add(
        pool.submit(
            () -> {
              go.await();
              return http.post(
                  "/api/org-units/" + absorbed + "/move",
                  admin,
                  "{\"newParentId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(province, today));
            }));
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<TestHttp.Response> answer : answers) {
      TestHttp.Response r = answer.get();
      statuses.add(r.status());
      if (r.status() == 409) {
        assertThat(r.json().get("type").asString()).endsWith("reorganisation-in-progress");
      }
    }
    // one merge ran; the others were refused while it ran (409) or found the cell merged (422)
    assertThat(statuses.stream().filter(s -> s == 200).count()).as("%s", statuses).isEqualTo(1);
    assertThat(statuses).as("%s", statuses).allMatch(s -> s == 200 || s == 409 || s == 422);
    Document cell = mongo.findById(absorbed, Document.class, "org_units");
    assertThat(cell.getString("status")).isEqualTo("MERGED");
    // every member went to the same survivor
    assertThat(
            members.stream()
                .map(m -> mongo.findById(m, Document.class, "members").getString("orgUnitId"))
                .distinct()
                .toList())
        .hasSize(1)
        .allMatch(survivors::contains);
    assertThat(mongo.count(Query.query(Criteria.where("unitId").is(absorbed)), "reorganisations"))
        .as("refused plans are withdrawn")
        .isEqualTo(1);
    assertNoClaims();
  }

  @Test
  void aReorganisationInsideARunningOneIsRefusedWithItsNameAndAcceptedOnceItIsOver() {
    String commune = create("CX", "COMMUNE", province);
    String cell = create("C01", "CELL", commune);
    String survivor = create("C02", "CELL", commune);
    String elsewhere = create("CY", "COMMUNE", province);
    String free = create("C01", "CELL", elsewhere);
    String freeSurvivor = create("C02", "CELL", elsewhere);
    admit(cell);
    // a move of the whole commune is running (here: its plan and its claims)
    plan("commune-move", "MOVE", commune, province, Instant.now());
    assertThat(
            locks.acquire(
                "commune-move", new ReorganisationLocks.Claim(Set.of(commune), Set.of(province))))
        .isEmpty();

    TestHttp.Response refused = merge(cell, survivor);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().get("type").asString()).endsWith("reorganisation-in-progress");
    assertThat(refused.json().get("detail").asString())
        .contains("commune-move")
        .contains("MOVE of /LK/CX")
        .contains("/api/org-units/reorganisations/commune-move");
    // nothing changed, no plan left behind
    assertThat(mongo.findById(cell, Document.class, "org_units").getString("status"))
        .isEqualTo("ACTIVE");
    assertThat(mongo.count(Query.query(Criteria.where("unitId").is(cell)), "reorganisations"))
        .isZero();
    // the commune itself cannot be merged either, but another commune's cells can
    assertThat(
            http.post(
                    "/api/org-units/" + commune + "/merge",
                    admin,
                    "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(elsewhere, today))
                .status())
        .isEqualTo(409);
    assertThat(merge(free, freeSurvivor).status()).isEqualTo(200);

    // the move ended without releasing its claims (a crash right after it): they are stale
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is("commune-move")),
        new Update().set("state", "DONE"),
        "reorganisations");
    TestHttp.Response accepted = merge(cell, survivor);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.json().get("status").asString()).isEqualTo("MERGED");
    assertNoClaims();
  }

  @Test
  void aCrashedRunKeepsItsLockUntilTheResumeJobCompletesIt() {
    String commune = create("CR", "COMMUNE", province);
    String absorbed = create("C05", "CELL", commune);
    String survivor = create("C06", "CELL", commune);
    String next = create("C07", "CELL", commune);
    String member = admit(absorbed);
    // a merge started eleven minutes ago on an instance that then died
    plan("crashed-merge", "MERGE", absorbed, survivor, Instant.now().minusSeconds(660));
    assertThat(
            locks.acquire(
                "crashed-merge",
                new ReorganisationLocks.Claim(
                    Set.of(absorbed), Set.of(province, commune, survivor))))
        .isEmpty();
    // the survivor is being merged into: it cannot be merged away meanwhile
    TestHttp.Response refused = merge(survivor, next);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().get("detail").asString()).contains("crashed-merge");

    assertThat(reorganisations.resumeUnfinished()).isGreaterThanOrEqualTo(1);
    awaitDone("crashed-merge");
    assertThat(mongo.findById(member, Document.class, "members").getString("orgUnitId"))
        .isEqualTo(survivor);
    assertThat(merge(survivor, next).status()).isEqualTo(200);
    assertNoClaims();
  }

  @Test
  void aPlanWhoseReplicaStillRenewsItsLeaseIsNeitherTakenOverNorRunAgainByARetry() {
    String commune = create("CL", "COMMUNE", province);
    String absorbed = create("C08", "CELL", commune);
    String survivor = create("C09", "CELL", commune);
    String member = admit(absorbed);
    // a merge running for half an hour on another replica, which renewed its lease 10 s ago
    plan("long-merge", "MERGE", absorbed, survivor, Instant.now().minusSeconds(1800));
    renewed("long-merge", Instant.now().minusSeconds(10));
    assertThat(
            locks.acquire(
                "long-merge",
                new ReorganisationLocks.Claim(
                    Set.of(absorbed), Set.of(province, commune, survivor))))
        .isEmpty();

    assertThat(reorganisations.resumeUnfinished()).as("nothing to take over").isZero();
    // the secretary's retry lands on this replica: told it is running, not run a second time
    TestHttp.Response retried = merge(absorbed, survivor);
    assertThat(retried.status()).as(retried.body()).isEqualTo(202);
    Document plan = mongo.findById("long-merge", Document.class, "reorganisations");
    assertThat(plan.getString("state")).isEqualTo("RUNNING");
    assertThat(plan.get("resumedAt")).as("not taken over").isNull();
    assertThat(mongo.findById(member, Document.class, "members").getString("orgUnitId"))
        .as("nothing moved")
        .isEqualTo(absorbed);

    // its replica dies: the lease (2 min) runs out, and the next check completes the plan once
    renewed("long-merge", Instant.now().minusSeconds(130));
    assertThat(reorganisations.resumeUnfinished()).isEqualTo(1);
    awaitDone("long-merge");
    assertThat(mongo.findById(member, Document.class, "members").getString("orgUnitId"))
        .isEqualTo(survivor);
    assertNoClaims();
  }

  private void awaitDone(String planId) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "DONE"
                    .equals(
                        mongo
                            .findById(planId, Document.class, "reorganisations")
                            .getString("state")));
  }

  private void renewed(String planId, Instant at) {
    mongo
        .getCollection("reorganisations")
        .updateOne(
            new Document("_id", planId),
            new Document("$set", new Document("heartbeatAt", Date.from(at))));
  }

  @Test
  void ofClaimsRacingForOverlappingUnitsExactlyOneIsTaken() throws Exception {
    for (int round = 0; round < 10; round++) {
      String parent = "unit-p" + round;
      String child = "unit-c" + round;
      List<Future<Optional<ReorganisationLocks.Conflict>>> attempts = new ArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      for (int i = 0; i < 6; i++) {
        String planId = "race-" + round + "-" + i;
        plan(planId, "MERGE", child, parent, Instant.now());
        // even plans take the parent itself; odd ones the child, with work inside the parent
        ReorganisationLocks.Claim claim =
            i % 2 == 0
                ? new ReorganisationLocks.Claim(Set.of(parent), Set.of())
                : new ReorganisationLocks.Claim(Set.of(child), Set.of(parent));
        attempts.add(
            pool.submit(
                () -> {
                  go.await();
                  return locks.acquire(planId, claim);
                }));
      }
      go.countDown();
      int taken = 0;
      for (Future<Optional<ReorganisationLocks.Conflict>> attempt : attempts) {
        if (attempt.get().isEmpty()) {
          taken++;
        }
      }
      assertThat(taken).as("round %d", round).isEqualTo(1);
    }
  }

  private void assertNoClaims() {
    for (Document lock : mongo.findAll(Document.class, ReorganisationLocks.COLLECTION)) {
      String owner = lock.getString("exclusive");
      if (owner != null) {
        assertThat(owner).as("%s", lock).startsWith("race-");
      }
      assertThat(lock.getList("within", String.class, List.of()))
          .as("%s", lock)
          .allMatch(p -> p.startsWith("race-"));
    }
  }

  private void plan(String id, String kind, String unitId, String targetId, Instant startedAt) {
    mongo.insert(
        new Document("_id", id)
            .append("kind", kind)
            .append("unitId", unitId)
            .append("targetId", targetId)
            .append("parts", List.of())
            .append("effectiveOn", Date.from(Instant.now()))
            .append("requestedBy", "admin")
            .append("state", "RUNNING")
            .append("startedAt", Date.from(startedAt)),
        "reorganisations");
  }

  private TestHttp.Response merge(String unit, String survivor) {
    return http.post(
        "/api/org-units/" + unit + "/merge",
        admin,
        "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(survivor, today));
  }

  private String create(String code, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Đơn vị " + code);
    body.put("kind", kind);
    body.put("parentId", parent);
    TestHttp.Response r = http.postJson("/api/org-units", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private String admit(String cell) {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", "Khóa Văn Người " + serial);
    body.put("gender", "MALE");
    body.put("dateOfBirth", "1980-05-05");
    body.put("citizenId", "089080" + "%06d".formatted(serial++));
    body.put("orgUnitId", cell);
    body.put("admittedOn", "2015-05-05");
    TestHttp.Response r = http.postJson("/api/members", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }
}
