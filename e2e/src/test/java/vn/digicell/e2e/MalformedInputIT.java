package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import vn.digicell.e2e.MalformedRequests.Junk;
import vn.digicell.local.RunningPlatform;
import vn.digicell.local.Service;
import vn.digicell.platform.test.RawHttp;

/**
 * Reliability, junk at the edge (issue 16 item 5): for each service, requests made from its own
 * OpenAPI description ({@link MalformedRequests}: every operation, wrong types, missing fields, 1
 * MB and 10,000-deep bodies, broken JSON, wrong content types, bad path and query values), sent as
 * an IT administrator, most straight to the service and every tenth through the gateway so its own
 * refusals count too. Expected: no answer of 500 or more, every 4xx an RFC 9457 problem document,
 * and nothing changed in the store (each collection's count and checksum before and after).
 *
 * <p>{@code -Ddigicell.reliability.malformed-per-service=N} (300 in {@code ./mvnw verify}; {@code
 * bench/run.sh malformed} sends 10,000). The table is printed and written to {@code
 * target/reliability-malformed.md}.
 */
class MalformedInputIT {

  static final int PER_SERVICE =
      Integer.getInteger("digicell.reliability.malformed-per-service", 300);
  static final int CONCURRENCY = 4;

  /** Every n-th request goes through the gateway; the others straight to the service. */
  static final int THROUGH_GATEWAY_EVERY = 10;

  /** Requests left unanswered after which a service is taken for hung and the rest not sent. */
  static final int GIVE_UP_AFTER_UNANSWERED = 8;

  /**
   * Collections that change with no command at all, so they say nothing about the junk: each
   * scheduled job rewrites its lock document ({@code lockedAt}, {@code lockUntil}) every time it
   * runs, on every service.
   */
  static final Map<String, String> CHANGE_WITHOUT_COMMANDS =
      Map.of(
          "scheduled_job_locks",
          "every scheduled job rewrites its lock (lockedAt, lockUntil) each time it runs");

  static final List<Service> SERVICES =
      List.of(Service.MEMBER, Service.MEETING, Service.DOCUMENT, Service.NOTIFICATION);

  /** What one service's junk met. */
  static final class Tally {
    final Map<Integer, Integer> statuses = new TreeMap<>();
    int sent;
    int throughGateway;
    int acceptedCommands;
    int serverErrors;
    int notProblems;
    int noAnswer;
    final List<String> examples = new ArrayList<>();

    synchronized void count(Junk junk, boolean viaGateway, RawHttp.Response answer) {
      sent++;
      if (viaGateway) {
        throughGateway++;
      }
      statuses.merge(answer.status(), 1, Integer::sum);
      String where = (viaGateway ? "gateway " : "") + junk.describe();
      if (answer.status() < 0) {
        noAnswer++;
        example("no answer: " + where + " — " + answer.body());
      } else if (answer.status() >= 500) {
        serverErrors++;
        example(answer.status() + ": " + where + " — " + brief(answer));
      } else if (answer.status() >= 400 && !answer.isProblem()) {
        notProblems++;
        example(
            answer.status()
                + " not a problem: "
                + where
                + " — "
                + answer.contentType()
                + " "
                + brief(answer));
      } else if (answer.status() < 300 && junk.isCommand()) {
        acceptedCommands++;
        example("accepted command " + answer.status() + ": " + where + " — " + brief(answer));
      }
    }

    synchronized int noAnswer() {
      return noAnswer;
    }

    private void example(String line) {
      if (examples.size() < 25) {
        examples.add(line);
      }
    }

    String fourHundreds() {
      StringBuilder s = new StringBuilder();
      statuses.forEach(
          (status, n) -> {
            if (status >= 400 && status < 500) {
              s.append(s.isEmpty() ? "" : ", ").append(status).append(": ").append(n);
            }
          });
      return s.toString();
    }

    int between(int from, int to) {
      return statuses.entrySet().stream()
          .filter(e -> e.getKey() >= from && e.getKey() < to)
          .mapToInt(Map.Entry::getValue)
          .sum();
    }
  }

  @Test
  void junkFromEachServicesOwnDescriptionIsRefusedWithProblemsAndChangesNothing() throws Exception {
    RunningPlatform platform = E2ePlatform.get();
    Supplier<String> tokens = E2ePlatform.adminTokens();
    URI gateway = platform.endpoints().gateway();
    Map<Service, Tally> tallies = new LinkedHashMap<>();
    Map<Service, List<String>> storeChanges = new LinkedHashMap<>();

    try (MongoClient store = MongoClients.create(platform.endpoints().mongoUri())) {
      // other test classes of the run may still have events in flight: start from a store at rest
      Map<String, String> start = atRest(store);
      Map<String, String> before = start;
      for (Service service : SERVICES) {
        URI direct = platform.endpoints().service(service);
        RawHttp.Response docs = RawHttp.send(direct, "GET", "/v3/api-docs");
        assertThat(docs.status()).as(service + " OpenAPI description").isEqualTo(200);
        Files.writeString(Path.of("target", "openapi-" + service.module() + ".json"), docs.body());
        MalformedRequests generator =
            new MalformedRequests(MalformedRequests.parse(docs.body()), 16L * service.ordinal());
        List<Junk> junk = generator.take(PER_SERVICE);
        Instant began = Instant.now();
        Tally tally = flood(junk, direct, gateway, tokens);
        tallies.put(service, tally);
        Map<String, String> after = snapshot(store);
        storeChanges.put(service, differences(before, after));
        System.out.printf(
            "%s: %d operations, %d requests (%d through the gateway) in %d s, statuses %s,"
                + " accepted commands %d, ≥500 %d, 4xx not a problem %d, no answer %d, store"
                + " changes %s%n",
            service.module(),
            generator.operations().size(),
            tally.sent,
            tally.throughGateway,
            Duration.between(began, Instant.now()).toSeconds(),
            tally.statuses,
            tally.acceptedCommands,
            tally.serverErrors,
            tally.notProblems,
            tally.noAnswer,
            storeChanges.get(service));
        tally.examples.forEach(e -> System.out.println("  " + e));
        before = after;
      }
      List<String> overall = differences(start, snapshot(store));

      String table = table(tallies, storeChanges);
      System.out.println(table);
      Files.writeString(Path.of("target", "reliability-malformed.md"), table + "\n");

      tallies.forEach(
          (service, tally) -> {
            assertThat(tally.serverErrors).as(service + ": answers ≥ 500").isZero();
            assertThat(tally.notProblems).as(service + ": 4xx not a problem document").isZero();
            assertThat(tally.noAnswer).as(service + ": requests never answered").isZero();
            assertThat(tally.acceptedCommands).as(service + ": junk commands accepted").isZero();
            assertThat(storeChanges.get(service)).as(service + ": store changes").isEmpty();
          });
      assertThat(overall).as("store changes over the whole run").isEmpty();
    }
  }

  private static Tally flood(List<Junk> junk, URI direct, URI gateway, Supplier<String> tokens)
      throws Exception {
    Tally tally = new Tally();
    ExecutorService senders = Executors.newFixedThreadPool(CONCURRENCY);
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < junk.size(); i++) {
      Junk j = junk.get(i);
      boolean viaGateway = i % THROUGH_GATEWAY_EVERY == THROUGH_GATEWAY_EVERY - 1;
      sent.add(
          senders.submit(
              () -> {
                if (tally.noAnswer() >= GIVE_UP_AFTER_UNANSWERED) {
                  // the service stopped answering: the rest would only wait out their timeouts
                  return;
                }
                RawHttp.Response answer = send(viaGateway ? gateway : direct, j, tokens.get());
                tally.count(j, viaGateway, answer);
              }));
    }
    for (Future<?> f : sent) {
      f.get(5, TimeUnit.MINUTES);
    }
    senders.shutdown();
    return tally;
  }

  // ---------------------------------------------------------------- the store

  /** Count and SHA-256 of every collection of every service database ("db.collection" → …). */
  static Map<String, String> snapshot(MongoClient store) {
    Map<String, String> collections = new TreeMap<>();
    for (Service service : SERVICES) {
      String name = service.database().orElseThrow();
      MongoDatabase database = store.getDatabase(name);
      for (String collection : database.listCollectionNames()) {
        if (CHANGE_WITHOUT_COMMANDS.containsKey(collection)) {
          continue;
        }
        TreeMap<String, String> byId = new TreeMap<>();
        for (Document d : database.getCollection(collection).find()) {
          byId.put(new Document("_id", d.get("_id")).toJson(), d.toJson());
        }
        MessageDigest sha = sha256();
        byId.forEach(
            (id, json) -> {
              sha.update(id.getBytes(StandardCharsets.UTF_8));
              sha.update(json.getBytes(StandardCharsets.UTF_8));
            });
        collections.put(
            name + "." + collection,
            byId.size() + " documents, sha-256 " + HexFormat.of().formatHex(sha.digest()));
      }
    }
    return collections;
  }

  /** The store once two snapshots two seconds apart agree. */
  private static Map<String, String> atRest(MongoClient store) {
    AtomicReference<Map<String, String>> last = new AtomicReference<>(snapshot(store));
    await()
        .atMost(Duration.ofMinutes(3))
        .pollDelay(Duration.ofSeconds(2))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> last.getAndSet(snapshot(store)).equals(last.get()));
    return last.get();
  }

  static List<String> differences(Map<String, String> before, Map<String, String> after) {
    List<String> changed = new ArrayList<>();
    before.forEach(
        (collection, state) -> {
          String now = after.get(collection);
          if (!state.equals(now)) {
            changed.add(collection + ": " + state + " → " + (now == null ? "gone" : now));
          }
        });
    after.keySet().stream()
        .filter(c -> !before.containsKey(c))
        .forEach(c -> changed.add(c + ": new, " + after.get(c)));
    return changed;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String table(Map<Service, Tally> tallies, Map<Service, List<String>> changes) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| service | requests (through the gateway) | 2xx (junk commands accepted) | 3xx | 4xx by"
            + " status | ≥500 | 4xx not a problem | no answer | store unchanged |");
    lines.add("|---|---|---|---|---|---|---|---|---|");
    tallies.forEach(
        (service, t) ->
            lines.add(
                String.format(
                    "| %s | %d (%d) | %d (%d) | %d | %s | %d | %d | %d | %s |",
                    service.module(),
                    t.sent,
                    t.throughGateway,
                    t.between(200, 300),
                    t.acceptedCommands,
                    t.between(300, 400),
                    t.fourHundreds(),
                    t.serverErrors,
                    t.notProblems,
                    t.noAnswer,
                    changes.get(service).isEmpty() ? "yes" : "NO: " + changes.get(service))));
    return String.join("\n", lines);
  }

  /** One junk request, as an IT administrator who reads English problems. */
  private static RawHttp.Response send(URI base, Junk junk, String token) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json, application/problem+json");
    headers.put("Accept-Language", "en");
    headers.put("Authorization", "Bearer " + token);
    if (junk.contentType() != null) {
      headers.put("Content-Type", junk.contentType());
    }
    headers.putAll(junk.headers());
    byte[] body = junk.body() == null && junk.isCommand() ? new byte[0] : junk.body();
    return RawHttp.send(base, junk.method(), junk.pathAndQuery(), headers, body, junk.chunked());
  }

  private static String brief(RawHttp.Response answer) {
    String b = answer.body() == null ? "" : answer.body().replace('\n', ' ');
    return b.length() > 300 ? b.substring(0, 300) + "…" : b;
  }
}
