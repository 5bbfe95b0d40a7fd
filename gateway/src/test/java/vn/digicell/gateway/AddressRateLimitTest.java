package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Budgets per client address also cover callers who are not signed in. */
@TestPropertySource(
    properties = {
      "digicell.gateway.rate-limit.per-address.capacity=2",
      "digicell.gateway.rate-limit.per-address.refill=1",
      "digicell.gateway.rate-limit.per-address.period=1h"
    })
class AddressRateLimitTest extends GatewayTestSupport {

  @Test
  void anonymousCallsFromOneAddressAreRefusedBeyondItsBudget() {
    // public QR sections are open without login, so they are what a flood would hit
    client.get().uri("/api/sections/ABCD2345").exchange().expectStatus().isOk();
    client.get().uri("/api/sections/ABCD2345").exchange().expectStatus().isOk();
    client
        .get()
        .uri("/api/sections/ABCD2345")
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Quá nhiều yêu cầu");
    assertThat(DOCUMENT.received()).hasSize(2);
  }

  @Test
  void portalFilesAreNotCounted() {
    for (int i = 0; i < 5; i++) {
      client.get().uri("/").exchange().expectStatus().isOk();
    }
  }
}
