package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import vn.digicell.platform.test.TestTokens;

/**
 * What the edge lets through without a login: the archive's public checkpoint (witnesses keep
 * copies) and providers' delivery receipts (their own shared secret, checked by
 * notification-service). Everything next to them still needs a token.
 */
class PublicEndpointsTest extends GatewayTestSupport {

  @Test
  void thePublicCheckpointAnswersWithoutAToken() {
    client
        .get()
        .uri("/api/archive/log/checkpoint")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.from")
        .isEqualTo("document");
    FakeService.Received received = DOCUMENT.last().orElseThrow();
    assertThat(received.path()).isEqualTo("/api/archive/log/checkpoint");
    assertThat(received.authorization()).isNull();
  }

  @Test
  void theRestOfTheArchiveStillNeedsAToken() {
    client.get().uri("/api/archive/records/r1").exchange().expectStatus().isUnauthorized();
    client.post().uri("/api/archive/log/checkpoint").exchange().expectStatus().isUnauthorized();
    assertThat(DOCUMENT.received()).isEmpty();
  }

  @Test
  void aDeliveryReceiptReachesNotificationServiceWithItsSecretHeader() {
    client
        .post()
        .uri("/api/notifications/delivery-receipts/sms")
        .header("X-Receipt-Secret", "provider-secret")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"messageId\":\"p-1\",\"status\":\"DELIVERED\"}")
        .exchange()
        .expectStatus()
        .isOk();
    FakeService.Received received = NOTIFICATION.last().orElseThrow();
    assertThat(received.path()).isEqualTo("/api/notifications/delivery-receipts/sms");
    assertThat(received.receiptSecret()).isEqualTo("provider-secret");
    assertThat(received.authorization()).isNull();
  }

  @Test
  void onlyThePostOfAReceiptIsPublicNotTheRestOfTheNotifications() {
    client
        .get()
        .uri("/api/notifications/delivery-receipts/sms")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client.get().uri("/api/notifications").exchange().expectStatus().isUnauthorized();
    client
        .post()
        .uri("/api/notifications/delivery-receipts/sms/extra")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    assertThat(NOTIFICATION.received()).isEmpty();
  }

  @Test
  void portalMeShowsTheGrantsNotRealmRolesTimesScope() {
    // secretary of C07 attached to C08: secretary on C07 only, a member on C08
    String token =
        TestTokens.forUser("secretary")
            .roles("member", "cell-secretary", "committee")
            .orgScope("/AG/VB/C07", "/AG/VB/C08")
            .grant("cell-secretary", "/AG/VB/C07")
            .grant("member", "/AG/VB/C08")
            .memberId("m1")
            .sign();
    client
        .get()
        .uri("/portal/me")
        .headers(headers -> headers.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.grants.length()")
        .isEqualTo(2)
        .jsonPath("$.grants[0].role")
        .isEqualTo("cell-secretary")
        .jsonPath("$.grants[0].orgPath")
        .isEqualTo("/AG/VB/C07")
        .jsonPath("$.grants[1].role")
        .isEqualTo("member")
        .jsonPath("$.grants[1].orgPath")
        .isEqualTo("/AG/VB/C08")
        .jsonPath("$.roles")
        .isEqualTo(List.of("cell-secretary", "member"))
        .jsonPath("$.orgScope")
        .isEqualTo(List.of("/AG/VB/C07", "/AG/VB/C08"));
  }
}
