package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import vn.digicell.local.KeycloakClient;
import vn.digicell.local.LocalPlatform;
import vn.digicell.local.PlatformOptions;
import vn.digicell.local.RunningPlatform;
import vn.digicell.local.Service;
import vn.digicell.platform.test.TestHttp;

/**
 * Two of everything, as a cluster runs it ({@code up.sh --replicas 2}: a second gateway and a
 * second instance of every service on the same broker, store, Keycloak and Redis): a person logs in
 * on one gateway and carries on at the other in the same browser, and logging out on either ends
 * the session on both; one user's rate limit holds across both gateways; a register import, a merge
 * of cells and a broadcast, each with the replica doing it SIGKILLed half-way, are finished by the
 * other replica, each member counted once in the store; a scheduled job (meeting reminders, every
 * few seconds on both meeting-service replicas) reminds each member once.
 *
 * <p>Leases and job periods are shortened for the suite ({@link #SHORT_LEASES}): the same code and
 * the same rules as production, seen in seconds rather than minutes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

  private static RunningPlatform platform;
  private static String gatewayA;
  private static String gatewayB;
  private static MongoClient store;

  /** The imported cell (order 3), merged away at order 4; its members' new cell. */
  private static String commune;

  private static String importedCell;
  private static String importedPath;
  private static String survivorCell;
  private static String survivorPath;
  private static final int ROWS = 3_000;

  /**
   * Production waits two minutes before taking over work whose replica stopped beating; the suite
   * waits seconds, so a takeover fits in CI's budget. Batches are smaller so that a kill lands
   * between two of them, and a user's rate budget smaller so that a flood outruns it.
   */
  private static final int USER_BURST = 30;

  private static final int USER_REFILL_PER_SECOND = 10;

  static final Map<Service, List<String>> SHORT_LEASES =
      Map.of(
          Service.MEMBER,
          List.of(
              "--digicell.member.reorganisation.lease=PT20S",
              "--digicell.member.reorganisation.heartbeat-every=PT5S",
              "--digicell.member.reorganisation.resume-every=PT5S"),
          Service.NOTIFICATION,
          List.of(
              "--digicell.notification.broadcast.batch-size=200",
              "--digicell.notification.broadcast.stale-after=PT15S",
              "--digicell.notification.broadcast.resume-every=PT5S"),
          Service.MEETING,
          List.of("--digicell.meeting.reminders.interval=PT3S"),
          // a user's budget small enough that the flood below outruns it on a slow machine too
          Service.GATEWAY,
          List.of(
              "--digicell.gateway.rate-limit.per-user.capacity=" + USER_BURST,
              "--digicell.gateway.rate-limit.per-user.refill=" + USER_REFILL_PER_SECOND));

  @BeforeAll
  static void twoOfEverything() {
    Path root = Path.of(System.getProperty("digicell.e2e.root", "..")).toAbsolutePath().normalize();
    Path data = Path.of("target", "e2e-scale-out-" + UUID.randomUUID()).toAbsolutePath();
    int offset = Integer.getInteger("digicell.e2e.scale-out-port-offset", 20000);
    PlatformOptions options =
        PlatformOptions.forEndToEndTests(root, data, false)
            .withPortOffset(offset)
            .withReplicas(2)
            // eleven processes start at once on two cores: Keycloak's first build alone can take
            // minutes on a busy machine
            .withReadyTimeout(Duration.ofSeconds(600));
    for (Map.Entry<Service, List<String>> e : SHORT_LEASES.entrySet()) {
      options = options.withArguments(e.getKey(), e.getValue().toArray(String[]::new));
    }
    platform = LocalPlatform.start(options);
    store = MongoClients.create(platform.endpoints().mongoUri());
    gatewayA = "http://localhost:" + platform.ports().gateway();
    gatewayB = "http://localhost:" + platform.ports().replica(2).gateway();
    // both gateways answer through their own set of services before a person arrives
    String admin = platform.accessToken("admin");
    for (String gateway : new String[] {gatewayA, gatewayB}) {
      TestHttp http = new TestHttp(gateway);
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> http.get("/api/org-units?size=1", admin).status() == 200);
    }
  }

  @AfterAll
  static void stop() {
    if (store != null) {
      store.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void aPersonLogsInOnOneGatewayCarriesOnAtTheOtherAndLogsOutOfBoth() {
    try (PortalBrowser phone = PortalBrowser.phone(gatewayA)) {
      phone.login("member", "demo");
      assertThat(phone.fetchStatus(gatewayA + "/portal/me")).isEqualTo(200L);

      // the same browser at the second gateway: no login page, the same person
      phone.openUrl(gatewayB + "/");
      phone.visible(By.id("logout"));
      assertThat(phone.fetchStatus(gatewayB + "/portal/me")).isEqualTo(200L);
      assertThat(phone.driver.findElements(By.id("login"))).isEmpty();
      phone.assertReadable();

      // logging out at B ends the session A knows too
      phone.click(By.id("logout"));
      phone.openUrl(gatewayA + "/");
      phone.visible(By.id("login"));
      // asked with the browser's cookies from outside the page (the logout's redirects through
      // Keycloak may still be moving the page): the session is gone at A too
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> assertThat(phone.statusWithCookies(gatewayA + "/portal/me")).isEqualTo(401));
    }
  }

  /**
   * One user floods both gateways at once: together they let through what one replica's budget
   * allows ({@value #USER_BURST} at once, {@value #USER_REFILL_PER_SECOND} a second after), not
   * twice that; each refusal is a 429 problem.
   */
  @Test
  @Order(2)
  void oneUsersRateLimitHoldsAcrossBothGateways() throws Exception {
    String token = platform.accessToken("member");
    TestHttp[] gateways = {new TestHttp(gatewayA), new TestHttp(gatewayB)};
    int requests = 600;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger refusedByB = new AtomicInteger();
    List<String> unexpected = new CopyOnWriteArrayList<>();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    long started = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      running.add(
          callers.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                  TestHttp.Response r = gateways[i % 2].get("/api/notifications?size=1", token);
                  if (r.status() == 200) {
                    accepted.incrementAndGet();
                  } else if (r.status() == 429
                      && r.header("Content-Type").startsWith("application/problem+json")
                      && r.header("Retry-After") != null) {
                    refused.incrementAndGet();
                    if (i % 2 == 1) {
                      refusedByB.incrementAndGet();
                    }
                  } else {
                    unexpected.add(r.status() + " " + r.body());
                  }
                }
              }));
    }
    for (Future<?> f : running) {
      f.get(120, TimeUnit.SECONDS);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    callers.shutdown();
    // one bucket for the user, shared: the burst and the refill over the flood, a few in flight
    int oneBudget = USER_BURST + (int) Math.round(USER_REFILL_PER_SECOND * seconds) + 10;
    System.out.printf(
        "scale-out rate limit: %d requests in %.2f s through two gateways: %d answered, %d refused"
            + " (%d at gateway B); one replica's budget allows %d%n",
        requests, seconds, accepted.get(), refused.get(), refusedByB.get(), oneBudget);
    assertThat(unexpected).isEmpty();
    assertThat(refused.get()).as("refused at all").isPositive();
    assertThat(refusedByB.get()).as("refused at the second gateway too").isPositive();
    assertThat(accepted.get())
        .as("answered, both gateways together")
        .isLessThanOrEqualTo(oneBudget);
  }

  /** Kills member-service A; the supervisor starts it again. */
  @Test
  @Order(3)
  void anImportWhoseServiceIsKilledHalfWayIsFinishedByTheOtherReplicaEveryoneOnce() {
    String admin = platform.accessToken("admin");
    TestHttp a = new TestHttp(gatewayA);
    TestHttp b = new TestHttp(gatewayB);
    String province = E2eData.orgUnit(a, admin, "AG", "Đảng bộ tỉnh An Giang", "PROVINCE", null);
    commune = E2eData.orgUnit(a, admin, "VB", "Đảng bộ xã Vĩnh Bình", "COMMUNE", province);
    String code = "K" + (System.currentTimeMillis() % 100_000);
    String cell = E2eData.orgUnit(a, admin, code, "Chi bộ " + code, "CELL", commune);
    importedCell = cell;
    importedPath = "/AG/VB/" + code;

    int rows = ROWS;
    StringBuilder csv =
        new StringBuilder(
            "\uFEFFHọ và tên;Giới tính;Ngày sinh;Số định danh cá nhân;Chi bộ;Ngày vào Đảng\n");
    for (int i = 0; i < rows; i++) {
      boolean woman = i % 2 == 0;
      csv.append(woman ? "Nguyễn Thị Nhập " : "Trần Văn Nhập ")
          .append(i)
          .append(woman ? ";Nữ" : ";Nam")
          .append(";15/03/1975;089")
          .append(woman ? "1" : "0")
          .append("75")
          .append(String.format("%06d", 500_000 + i))
          .append(';')
          .append(code)
          .append(";19/05/2000\n");
    }
    String boundary = "----digicell" + System.nanoTime();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"so-dang-vien.csv\""
            + "\r\nContent-Type: text/csv\r\n\r\n"
            + csv
            + "\r\n--"
            + boundary
            + "--\r\n";
    // through gateway A to member-service A
    TestHttp.Response started =
        a.send(
            "POST",
            "/api/imports?under=/AG/VB",
            admin,
            "multipart/form-data; boundary=" + boundary,
            body);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String job = "/api/imports/" + started.json().get("id").asString();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> b.get(job, admin).json().get("processedRows").asInt() >= 1_000);

    kill(Service.MEMBER);
    int atKill = b.get(job, admin).json().get("processedRows").asInt();
    assertThat(atKill).as("killed half-way").isLessThan(rows);

    // the lease runs out (30 s) and a replica resumes it from the last saved batch
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> !"RUNNING".equals(b.get(job, admin).json().get("status").asString()));
    JsonNode done = b.get(job, admin).json();
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
    assertThat(done.get("importedRows").asInt()).as("counted once").isEqualTo(rows);
    assertThat(done.get("alreadyOnRecord").asInt()).isZero();
    assertThat(done.get("rejectedRows").asInt()).isZero();

    // the cell's roster, page by page through the surviving replica: everyone exactly once
    List<JsonNode> members = E2eData.membersOfCell(b, admin, cell);
    int listed = members.size();
    Set<String> ids = E2eData.distinct(members, "id");
    Set<String> names = E2eData.distinct(members, "fullName");
    assertThat(listed).as("members in the cell").isEqualTo(rows);
    assertThat(ids).hasSize(rows);
    assertThat(names).as("each row's person once").hasSize(rows);
    System.out.printf(
        "scale-out import: %d rows, member-service A SIGKILLed at %d processed, finished by a"
            + " replica: %d imported, %d members listed, %d distinct%n",
        rows, atKill, done.get("importedRows").asInt(), listed, ids.size());
  }

  /**
   * A merge of the imported cell (3,000 members) into a new cell, planned and run by member-service
   * A, which is SIGKILLed while it moves them: B takes the plan over once A's lease runs out and
   * finishes it; every member is in the new cell with one reassignment line.
   */
  @Test
  @Order(4)
  void aMergeWhoseServiceIsKilledMidPlanCompletesOnceEachMemberReassignedOnce() {
    assertThat(importedCell).as("the import ran first").isNotNull();
    String admin = platform.accessToken("admin");
    TestHttp a = new TestHttp(gatewayA);
    TestHttp b = new TestHttp(gatewayB);
    // member-service A, killed by the import, is running again (the supervisor restarted it)
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> a.get("/api/org-units?size=1", admin).status() == 200);
    String code = "S" + (System.currentTimeMillis() % 100_000);
    survivorCell = E2eData.orgUnit(a, admin, code, "Chi bộ " + code, "CELL", commune);
    survivorPath = "/AG/VB/" + code;
    MongoCollection<Document> members =
        store.getDatabase(Service.MEMBER.database().orElseThrow()).getCollection("members");

    TestHttp.Response planned =
        a.postJson(
            "/api/org-units/" + importedCell + "/merge",
            admin,
            Map.of(
                "survivorId",
                survivorCell,
                "effectiveOn",
                LocalDate.now().toString(),
                "decisionNumber",
                "15-QĐ/ĐU"));
    assertThat(planned.status()).as(planned.body()).isEqualTo(202);
    String plan = planned.json().get("location").asString();
    // kill A once some members moved and others wait
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> members.countDocuments(Filters.eq("orgPath", survivorPath)) > 0);
    kill(Service.MEMBER);
    long movedAtKill = members.countDocuments(Filters.eq("orgPath", survivorPath));
    assertThat(movedAtKill).as("killed mid-plan").isLessThan(ROWS);

    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> "DONE".equals(b.get(plan, admin).json().get("state").asString()));
    assertThat(members.countDocuments(Filters.eq("orgPath", importedPath))).isZero();
    int moved = 0;
    int reassignedTwice = 0;
    for (Document m : members.find(Filters.eq("orgUnitId", survivorCell))) {
      moved++;
      long lines =
          m.getList("statusHistory", Document.class).stream()
              .filter(line -> line.toJson().contains("reassigned ("))
              .count();
      if (lines != 1) {
        reassignedTwice++;
      }
    }
    System.out.printf(
        "scale-out merge: %d members, member-service A SIGKILLed after %d moved, plan finished by"
            + " a replica: %d in the new cell, %d without exactly one reassignment line%n",
        ROWS, movedAtKill, moved, reassignedTwice);
    assertThat(moved).isEqualTo(ROWS);
    assertThat(reassignedTwice).isZero();
  }

  /**
   * A broadcast to the merged cell (3,000 members), fanned out by notification-service A, which is
   * SIGKILLed between two batches: B takes the fan-out over and every member has exactly one notice
   * of it in the store.
   */
  @Test
  @Order(5)
  void aBroadcastWhoseServiceIsKilledMidFanOutReachesEveryMemberOnce() {
    assertThat(survivorPath).as("the merge ran first").isNotNull();
    String admin = platform.accessToken("admin");
    TestHttp a = new TestHttp(gatewayA);
    TestHttp b = new TestHttp(gatewayB);
    MongoDatabase notifications = store.getDatabase(Service.NOTIFICATION.database().orElseThrow());
    // notification-service knows everyone where the merge put them (3,000 reassignments to apply)
    await()
        .atMost(Duration.ofSeconds(300))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                notifications
                        .getCollection("roster")
                        .countDocuments(Filters.eq("orgPath", survivorPath))
                    == ROWS);

    TestHttp.Response sent =
        a.postJson(
            "/api/broadcasts",
            admin,
            Map.of(
                "kind",
                "ANNOUNCEMENT",
                "title",
                "Lịch tiêm chủng mở rộng tháng 12",
                "body",
                "Đề nghị các đồng chí đưa con em đi tiêm đúng lịch.",
                "targets",
                List.of(survivorPath)));
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    String id = sent.json().get("id").asString();
    MongoCollection<Document> fanOuts = notifications.getCollection("broadcast_fanouts");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              Document job = fanOuts.find(Filters.eq("_id", id)).first();
              return job != null && ((Number) job.get("batches")).longValue() > 0;
            });
    kill(Service.NOTIFICATION);
    Document atKill = fanOuts.find(Filters.eq("_id", id)).first();
    assertThat(atKill.getString("state")).as("killed mid-fan-out").isEqualTo("RUNNING");

    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                "COMPLETED".equals(fanOuts.find(Filters.eq("_id", id)).first().getString("state")));
    Map<String, Integer> noticesPerMember = new HashMap<>();
    for (Document n : notifications.getCollection("notices").find(Filters.eq("causeEventId", id))) {
      noticesPerMember.merge(n.getString("recipientMemberId"), 1, Integer::sum);
    }
    long twice = noticesPerMember.values().stream().filter(c -> c > 1).count();
    JsonNode details = b.get("/api/broadcasts/" + id, admin).json();
    System.out.printf(
        "scale-out broadcast: %d members, notification-service A SIGKILLed after %s of them,"
            + " finished by a replica (attempts %s): %d members with a notice, %d with more than"
            + " one%n",
        ROWS,
        atKill.get("visited"),
        details.get("fanOut").get("attempts"),
        noticesPerMember.size(),
        twice);
    assertThat(noticesPerMember).hasSize(ROWS);
    assertThat(twice).isZero();
    assertThat(details.get("totals").get("recipients").asLong()).isEqualTo(ROWS);
  }

  /**
   * Meeting reminders run every 3 s on both meeting-service replicas, one at a time: a meeting
   * later today gets one day-of reminder, and each of its 3,000 invitees one notice of it.
   */
  @Test
  @Order(6)
  void aScheduledJobOnBothReplicasRemindsEachMemberOnce() {
    assertThat(survivorCell).as("the merge ran first").isNotNull();
    // the new cell's secretary: one of its members, with a login
    Document one =
        store
            .getDatabase(Service.MEMBER.database().orElseThrow())
            .getCollection("members")
            .find(Filters.eq("orgUnitId", survivorCell))
            .first();
    String username = "so-secretary-" + (System.currentTimeMillis() % 100_000);
    platform.createUser(
        new KeycloakClient.NewUser(
            username,
            "Bi-mat-2026",
            "Nhập",
            "Trần Văn",
            username + "@e2e.digicell.vn",
            List.of("member", "cell-secretary"),
            Map.of(
                "member_id", List.of(one.getString("_id")), "org_scope", List.of(survivorPath))));
    String secretary = platform.accessToken(username, "Bi-mat-2026");
    TestHttp a = new TestHttp(gatewayA);
    Map<String, Object> meeting = new HashMap<>();
    meeting.put("cellId", survivorCell);
    meeting.put("kind", "REGULAR");
    meeting.put("mode", "IN_PERSON");
    meeting.put("title", "Sinh hoạt chi bộ thường kỳ");
    meeting.put("startsAt", Instant.now().plus(Duration.ofMinutes(2)).toString());
    meeting.put("location", "Nhà văn hóa ấp");
    TestHttp.Response scheduled = a.postJson("/api/meetings", secretary, meeting);
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
    String link = "/#/meeting/" + scheduled.json().get("id").asString();
    MongoCollection<Document> notices =
        store.getDatabase(Service.NOTIFICATION.database().orElseThrow()).getCollection("notices");
    var reminders =
        Filters.and(
            Filters.eq("link", link),
            Filters.eq("causeEventType", "vn.digicell.meeting.reminder-due.v1"));
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> notices.countDocuments(reminders) >= ROWS);
    // four more rounds of the job, on either replica: nothing more arrives
    await()
        .during(Duration.ofSeconds(12))
        .atMost(Duration.ofSeconds(20))
        .until(() -> notices.countDocuments(reminders) == ROWS);
    Map<String, Integer> perMember = new HashMap<>();
    Set<String> causes = new HashSet<>();
    for (Document n : notices.find(reminders)) {
      perMember.merge(n.getString("recipientMemberId"), 1, Integer::sum);
      causes.add(n.getString("causeEventId"));
    }
    long twice = perMember.values().stream().filter(c -> c > 1).count();
    System.out.printf(
        "scale-out reminders: job every 3 s on two replicas; %d reminder event(s), %d members"
            + " reminded, %d more than once%n",
        causes.size(), perMember.size(), twice);
    assertThat(causes).as("one reminder").hasSize(1);
    assertThat(perMember).hasSize(ROWS);
    assertThat(twice).isZero();
  }

  /**
   * After the kills, the takeovers and the bulk paths (import, merge, fan-out, reminders): every
   * record on every topic still keeps its contract.
   */
  @Test
  @Order(7)
  void everyRecordOnTheWireKeepsItsContractAfterTheKills() {
    WireContracts.Report report = WireContracts.check(platform.endpoints().kafkaBootstrapServers());
    System.out.println("scale-out wire contracts: " + report.summary() + " " + report.perType());
    assertThat(report.invalid()).as(report.summary()).isEmpty();
    assertThat(report.perType())
        .containsKeys(
            "vn.digicell.member.admitted.v1",
            "vn.digicell.member.reassigned.v1",
            "vn.digicell.notification.notice-issued.v1");
  }

  /**
   * SIGKILLs replica 1 of a service (no shutdown hook, no hand-over) and waits until it is gone.
   */
  private static void kill(Service service) {
    ProcessHandle replica = platform.process(service).orElseThrow();
    replica.destroyForcibly();
    await().atMost(Duration.ofSeconds(30)).until(() -> !replica.isAlive());
  }
}
