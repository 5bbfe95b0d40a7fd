package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.local.RunningPlatform;
import vn.digicell.local.Service;
import vn.digicell.platform.test.TestHttp;

/**
 * Reliability, a service killed mid-flow: admissions stream in through the gateway, 4 at a time,
 * each with an {@code Idempotency-Key} and retried with it after a failure as the portal does;
 * member-service is SIGKILLed a third of the way and the local supervisor restarts it. Counted
 * afterwards from the state, not the logs: every admission took effect once and its caller knows
 * it, the member register and meeting-service's roster (a consumer of member.events) hold each
 * person once. Run by {@code bench/run.sh reliability [admissions]} (1,000 by default), not by
 * {@code ./mvnw verify}: one of three runs left two callers told "still in progress" for 8 minutes,
 * not yet explained (docs/reliability.md). The table is printed and written to {@code
 * target/reliability-service-killed.md}.
 */
class ServiceKilledRun {

  static final int ADMISSIONS = Integer.getInteger("digicell.reliability.admissions", 120);
  static final int CONCURRENCY = 4;
  static final JsonMapper JSON = JsonMapper.shared();

  /** The first answer of each failed status, to say what the callers met. */
  static final Map<Integer, String> FIRST_ANSWER = new java.util.concurrent.ConcurrentHashMap<>();

  /** How one admission ended for its caller. */
  record Outcome(String memberId, int attempts, boolean toldItRan, List<Integer> failures) {}

  @Test
  void memberServiceKilledWhileAdmissionsStreamInLosesNoneAndAdmitsNoOneTwice() throws Exception {
    RunningPlatform platform = E2ePlatform.get();
    TestHttp gateway = E2ePlatform.gateway();
    String base = E2ePlatform.gatewayUrl();
    String admin = platform.accessToken("admin");
    String province =
        E2eData.orgUnit(gateway, admin, "AG", "Đảng bộ tỉnh An Giang", "PROVINCE", null);
    String commune =
        E2eData.orgUnit(gateway, admin, "VB", "Đảng bộ xã Vĩnh Bình", "COMMUNE", province);
    String code = "R" + (System.currentTimeMillis() % 100_000);
    String cell = E2eData.orgUnit(gateway, admin, code, "Chi bộ " + code, "CELL", commune);
    int restartsBefore = platform.restarts(Service.MEMBER);

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // access tokens live minutes; the run may take longer
    java.util.function.Supplier<String> tokens = E2ePlatform.adminTokens();
    AtomicInteger answered = new AtomicInteger();
    ExecutorService callers = Executors.newFixedThreadPool(CONCURRENCY);
    List<Future<Outcome>> sent = new ArrayList<>();
    Instant start = Instant.now();
    for (int i = 0; i < ADMISSIONS; i++) {
      Map<String, Object> admission = admission(i, cell);
      sent.add(callers.submit(() -> admit(http, base, tokens, admission, answered)));
    }

    // a third of the way: SIGKILL, no shutdown hook, requests in flight
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> answered.get() >= ADMISSIONS / 3 || answered.get() == ADMISSIONS);
    ProcessHandle member = platform.process(Service.MEMBER).orElseThrow();
    int answeredAtKill = answered.get();
    member.destroyForcibly();
    await().atMost(Duration.ofSeconds(30)).until(() -> !member.isAlive());

    List<Outcome> outcomes = new ArrayList<>();
    for (Future<Outcome> f : sent) {
      outcomes.add(f.get(10, TimeUnit.MINUTES));
    }
    callers.shutdown();
    Duration took = Duration.between(start, Instant.now());

    long lost = outcomes.stream().filter(o -> o.memberId() == null).count();
    Set<String> callerIds = new HashSet<>();
    outcomes.stream().map(Outcome::memberId).forEach(callerIds::add);
    long retried = outcomes.stream().filter(o -> o.attempts() > 1).count();
    long toldItRan = outcomes.stream().filter(Outcome::toldItRan).count();
    long failuresSeen = outcomes.stream().mapToLong(o -> o.failures().size()).sum();
    long serverErrors =
        outcomes.stream().flatMap(o -> o.failures().stream()).filter(s -> s >= 500).count();

    // the state: the register, then the roster a consumer built from member.events
    // what the callers saw, before anything else can fail: each failed attempt's status (-1: no
    // answer) and how often
    Map<Integer, Long> seen = new java.util.TreeMap<>();
    outcomes.stream()
        .flatMap(o -> o.failures().stream())
        .forEach(status -> seen.merge(status, 1L, Long::sum));
    System.out.printf(
        "service killed: %d admissions in %d s, failed attempts by status %s, first answers %s%n",
        ADMISSIONS, took.toSeconds(), seen, FIRST_ANSWER);

    // the run may outlast an access token: read with a fresh one
    List<JsonNode> register = E2eData.membersOfCell(gateway, tokens.get(), cell);
    Set<String> registerIds = E2eData.distinct(register, "id");
    Set<String> people = E2eData.distinct(register, "fullName");
    JsonNode[] roster = new JsonNode[1];
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () -> {
              roster[0] = gateway.get("/api/cells/" + cell + "/roster", tokens.get()).json();
              return roster[0].size() >= ADMISSIONS;
            });
    Set<String> rosterIds = new HashSet<>();
    roster[0].forEach(e -> rosterIds.add(e.get("memberId").asString()));

    String table =
        String.join(
            "\n",
            "| scenario | sent | answered before the kill | callers that retried | failed"
                + " attempts seen (5xx) | told \"it ran\" | lost | admitted twice | register |"
                + " roster (meeting-service) | supervisor restarts | took |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
            String.format(
                "| member-service SIGKILLed mid-flow | %d | %d | %d | %d (%d) | %d | %d | %d | %d |"
                    + " %d | %d | %d s |",
                ADMISSIONS,
                answeredAtKill,
                retried,
                failuresSeen,
                serverErrors,
                toldItRan,
                lost,
                register.size() - people.size(),
                register.size(),
                roster[0].size(),
                platform.restarts(Service.MEMBER) - restartsBefore,
                took.toSeconds()));
    System.out.println(table);
    Files.writeString(Path.of("target", "reliability-service-killed.md"), table + "\n");

    assertThat(lost).as("admissions whose caller never learnt the outcome").isZero();
    assertThat(platform.restarts(Service.MEMBER))
        .as("restarted by the supervisor")
        .isGreaterThan(restartsBefore);
    assertThat(register).as("members in the cell").hasSize(ADMISSIONS);
    assertThat(people).as("each person once").hasSize(ADMISSIONS);
    assertThat(registerIds).as("what callers were told is what was admitted").isEqualTo(callerIds);
    assertThat(roster[0]).as("the consumer applied each admission once").hasSize(ADMISSIONS);
    assertThat(rosterIds).isEqualTo(registerIds);
  }

  private static Map<String, Object> admission(int i, String cell) {
    boolean woman = i % 2 == 0;
    Map<String, Object> admission = new HashMap<>();
    admission.put("fullName", (woman ? "Lâm Thị Bền " : "Lâm Văn Bền ") + i);
    admission.put("gender", woman ? "FEMALE" : "MALE");
    admission.put("dateOfBirth", "1980-04-30");
    admission.put(
        "citizenId", "089" + (woman ? "1" : "0") + "80" + String.format("%06d", 700_000 + i));
    admission.put("orgUnitId", cell);
    admission.put("admittedOn", "2020-05-19");
    return admission;
  }

  /**
   * One caller: sends the admission with one key until it learns the outcome — 201 (first or
   * replayed), or 409 {@code idempotency-key-ran} (it took effect, the answer was lost). Failures
   * on the way (no answer, 5xx, 409 still-in-progress) are retried with the same key.
   */
  private static Outcome admit(
      HttpClient http,
      String base,
      java.util.function.Supplier<String> token,
      Map<String, Object> admission,
      AtomicInteger answered)
      throws InterruptedException {
    String key = UUID.randomUUID().toString();
    String body = JSON.writeValueAsString(admission);
    List<Integer> failures = new ArrayList<>();
    Instant giveUp = Instant.now().plus(Duration.ofMinutes(8));
    for (int attempt = 1; Instant.now().isBefore(giveUp); attempt++) {
      int status;
      String answer;
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/members"))
                    .timeout(Duration.ofSeconds(40))
                    .header("Authorization", "Bearer " + token.get())
                    .header("Content-Type", "application/json")
                    .header("Accept-Language", "vi")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        status = r.statusCode();
        answer = r.body();
      } catch (IOException e) {
        status = -1;
        answer = "";
      }
      if (status == 201) {
        answered.incrementAndGet();
        return new Outcome(JSON.readTree(answer).get("id").asString(), attempt, false, failures);
      }
      if (status == 409 && answer.contains("idempotency-key-ran")) {
        answered.incrementAndGet();
        return new Outcome(
            JSON.readTree(answer).get("resourceId").asString(), attempt, true, failures);
      }
      boolean inProgress = status == 409 && answer.contains("idempotency-key-in-progress");
      if (status != -1 && status < 500 && !inProgress && status != 429) {
        // refused for a reason a retry does not change: the caller knows, nothing was admitted
        failures.add(status);
        answered.incrementAndGet();
        return new Outcome(null, attempt, false, failures);
      }
      failures.add(status);
      FIRST_ANSWER.putIfAbsent(status, answer.length() > 300 ? answer.substring(0, 300) : answer);
      // the portal's pace between retries; the service is coming back
      TimeUnit.MILLISECONDS.sleep(500);
    }
    answered.incrementAndGet();
    return new Outcome(null, 0, false, failures);
  }
}
