package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Keycloak down while a person logs in: instead of a browser error page at Keycloak's address, the
 * portal's welcome page says logging in is briefly unavailable; a script gets a 503 problem. Once
 * the realm answers again, the login goes to Keycloak as before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class LoginWhileKeycloakIsDownTest {

  /** The realm: answers its OpenID configuration while started; refuses connections when not. */
  private static HttpServer realm;

  private static int port;

  @DynamicPropertySource
  static void realmThatGoesDown(DynamicPropertyRegistry properties) throws Exception {
    realm = startRealm(0);
    port = realm.getAddress().getPort();
    properties.add(
        "digicell.security.issuer-uri", () -> "http://127.0.0.1:" + port + "/realms/digicell");
    properties.add("digicell.gateway.client-secret", () -> "test-secret");
  }

  private static HttpServer startRealm(int onPort) throws Exception {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    s.createContext(
        "/realms/digicell/.well-known/openid-configuration",
        exchange -> {
          byte[] body = "{}".getBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    s.start();
    return s;
  }

  @AfterAll
  static void stopRealm() {
    realm.stop(0);
  }

  @Autowired ApplicationContext context;

  WebTestClient client;

  @BeforeEach
  void bindClient() {
    client =
        WebTestClient.bindToApplicationContext(context)
            .configureClient()
            .responseTimeout(Duration.ofSeconds(20))
            .build();
  }

  private String loginLocation() {
    return client
        .get()
        .uri("/oauth2/authorization/keycloak")
        .accept(MediaType.TEXT_HTML)
        .exchange()
        .returnResult(Void.class)
        .getResponseHeaders()
        .getLocation()
        .toString();
  }

  @Test
  void aLoginWhileTheRealmIsDownComesBackToTheWelcomePageAndGoesThroughOnceItIsUp()
      throws Exception {
    assertThat(loginLocation()).startsWith("http://127.0.0.1:" + port + "/realms/digicell/");

    realm.stop(0); // Keycloak down
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(loginLocation()).isEqualTo("/?loginUnavailable"));
    client
        .get()
        .uri("/oauth2/authorization/keycloak")
        .accept(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .exists("Retry-After")
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://digicell.vn/problems/login-unavailable")
        .jsonPath("$.title")
        .isEqualTo("Đăng nhập tạm thời gián đoạn");

    realm = startRealm(port); // back up
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(loginLocation())
                    .startsWith("http://127.0.0.1:" + port + "/realms/digicell/"));
  }
}
