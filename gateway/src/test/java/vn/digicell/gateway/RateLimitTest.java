package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import vn.digicell.platform.test.TestTokens;

/** Budgets per user: a runaway client is told to slow down; others are not affected. */
@TestPropertySource(
    properties = {
      "digicell.gateway.rate-limit.per-user.capacity=3",
      "digicell.gateway.rate-limit.per-user.refill=1",
      "digicell.gateway.rate-limit.per-user.period=1h",
      "digicell.gateway.rate-limit.per-address.capacity=100000"
    })
class RateLimitTest extends GatewayTestSupport {

  @Test
  void aUserBeyondTheirBudgetGetsProblem429WithRetryAfterAndTheServiceIsSpared() {
    String alice = TestTokens.forUser("alice-rl").roles("member").sign();
    for (int i = 0; i < 3; i++) {
      client
          .get()
          .uri("/api/meetings")
          .headers(h -> h.setBearerAuth(alice))
          .exchange()
          .expectStatus()
          .isOk();
    }
    client
        .get()
        .uri("/api/meetings")
        .headers(h -> h.setBearerAuth(alice))
        .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .value(HttpHeaders.RETRY_AFTER, retry -> assertThat(Long.parseLong(retry)).isPositive())
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://digicell.vn/problems/too-many-requests")
        .jsonPath("$.title")
        .isEqualTo("Too many requests");
    assertThat(MEETING.received()).hasSize(3);

    String bob = TestTokens.forUser("bob-rl").roles("member").sign();
    client
        .get()
        .uri("/api/meetings")
        .headers(h -> h.setBearerAuth(bob))
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(MEETING.received()).hasSize(4);
  }
}
