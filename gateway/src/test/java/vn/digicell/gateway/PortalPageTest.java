package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The portal page is public, small and served with the browser security headers. */
class PortalPageTest extends GatewayTestSupport {

  @Test
  void portalPageIsServedWithSecurityHeaders() {
    String page =
        client
            .get()
            .uri("/")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectHeader()
            .valueMatches("Content-Security-Policy", ".*default-src 'self'.*")
            .expectHeader()
            .valueEquals("X-Frame-Options", "DENY")
            .expectHeader()
            .valueEquals("X-Content-Type-Options", "nosniff")
            .expectHeader()
            .valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(page)
        .contains("lang=\"vi\"")
        .contains("Đăng nhập")
        .contains("/oauth2/authorization/keycloak");
  }

  @Test
  void portalScriptAndStylesAreServedWithoutLogin() {
    client.get().uri("/portal.js").exchange().expectStatus().isOk();
    client.get().uri("/portal.css").exchange().expectStatus().isOk();
  }

  @Test
  void portalStaysLight() {
    long bytes =
        java.util.stream.Stream.of("/", "/portal.js", "/portal.css")
            .mapToLong(
                path ->
                    client
                        .get()
                        .uri(path)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(byte[].class)
                        .returnResult()
                        .getResponseBody()
                        .length)
            .sum();
    assertThat(bytes).isLessThan(100 * 1024);
  }
}
