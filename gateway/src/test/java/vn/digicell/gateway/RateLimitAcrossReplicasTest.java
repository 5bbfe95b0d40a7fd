package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.digicell.platform.test.TestRedis;
import vn.digicell.platform.test.TestTokens;

/**
 * A caller's budget is one budget however many gateway replicas serve it: two replicas over real
 * HTTP share the buckets in Redis. A replica whose store is unreachable keeps serving and enforces
 * the budget on its own, counting each fall-back.
 */
class RateLimitAcrossReplicasTest {

  static final FakeService MEETING = new FakeService("{\"items\":[],\"from\":\"meeting\"}");

  /** Four calls per user, one more per hour: small enough to spend in a test. */
  static final Map<String, String> BUDGET =
      Map.of(
          "digicell.gateway.rate-limit.per-user.capacity", "4",
          "digicell.gateway.rate-limit.per-user.refill", "1",
          "digicell.gateway.rate-limit.per-user.period", "1h",
          "digicell.gateway.rate-limit.per-address.capacity", "100000");

  static ConfigurableApplicationContext replicaA;
  static ConfigurableApplicationContext replicaB;

  static ConfigurableApplicationContext replica(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(BUDGET);
    settings.put("digicell.security.issuer-uri", TestTokens.issuerUri());
    settings.put("digicell.routes.meeting", MEETING.uri());
    settings.putAll(extra);
    return GatewayReplicas.start(settings);
  }

  @BeforeAll
  static void startTwoReplicas() {
    replicaA = replica(Map.of());
    replicaB = replica(Map.of());
  }

  @AfterAll
  static void stopReplicas() {
    replicaA.close();
    replicaB.close();
  }

  static WebTestClient.ResponseSpec meetings(WebTestClient replica, String token) {
    return replica
        .get()
        .uri("/api/meetings")
        .headers(h -> h.setBearerAuth(token))
        .header(HttpHeaders.ACCEPT_LANGUAGE, "vi")
        .exchange();
  }

  @Test
  void aBudgetSpentAcrossTwoReplicasIsOneBudget() {
    MEETING.reset();
    WebTestClient a = GatewayReplicas.client(replicaA, null);
    WebTestClient b = GatewayReplicas.client(replicaB, null);
    String name = "runaway-" + System.nanoTime();
    String runaway = TestTokens.forUser(name).roles("member").sign();

    // alternating, as a load balancer spreads them: 4 in all are allowed, not 4 per replica
    meetings(a, runaway).expectStatus().isOk();
    meetings(b, runaway).expectStatus().isOk();
    meetings(a, runaway).expectStatus().isOk();
    meetings(b, runaway).expectStatus().isOk();
    for (WebTestClient replica : new WebTestClient[] {a, b}) {
      meetings(replica, runaway)
          .expectStatus()
          .isEqualTo(429)
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
          .expectHeader()
          // the next token comes in an hour, whichever replica answers
          .value(
              HttpHeaders.RETRY_AFTER,
              retry -> assertThat(Long.parseLong(retry)).isBetween(3500L, 3600L))
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("https://digicell.vn/problems/too-many-requests");
    }
    assertThat(MEETING.received()).as("the service saw only the budget").hasSize(4);

    // another user is not affected, on either replica
    String other = TestTokens.forUser("calm-" + System.nanoTime()).roles("member").sign();
    meetings(b, other).expectStatus().isOk();
    meetings(a, other).expectStatus().isOk();

    // the bucket lives under the namespace and the budget, and expires once it would be full
    // again (4 tokens at 1 an hour): Redis forgets idle callers by itself
    // (a bearer token's principal is its subject)
    String subject = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    String pttl =
        TestRedis.command("PTTL", "digicell:gateway:rate-limit:4-1-3600000:user:" + subject);
    assertThat(Long.parseLong(pttl.substring(1))).isBetween(3_600_000L, 4 * 3_600_000L);
  }

  @Test
  void aReplicaWhoseStoreIsAwayKeepsServingAndEnforcesTheBudgetAlone() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ConfigurableApplicationContext alone =
        replica(Map.of("spring.data.redis.port", Integer.toString(closed)));
    try {
      MEETING.reset();
      WebTestClient c = GatewayReplicas.client(alone, null);
      String user = TestTokens.forUser("offline-" + System.nanoTime()).roles("member").sign();
      for (int i = 0; i < 4; i++) {
        meetings(c, user).expectStatus().isOk();
      }
      meetings(c, user)
          .expectStatus()
          .isEqualTo(429)
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(MEETING.received()).hasSize(4);
      double fallbacks =
          alone
              .getBean(MeterRegistry.class)
              .get("digicell_gateway_rate_limit_fallbacks_total")
              .counter()
              .count();
      // two decisions per call (the address's and the user's), every one fell back and was counted
      assertThat(fallbacks).as("fall-backs counted").isEqualTo(10.0);
    } finally {
      alone.close();
    }
  }
}
