package vn.digicell.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import vn.digicell.platform.test.TestTokens;

/**
 * Keycloak down: the realm's keys endpoint stops answering after a service fetched its keys once.
 * Tokens issued before keep working through many refresh periods (the keys last fetched serve
 * through the outage); a token signed with a key the realm never published is still refused.
 */
@SpringBootTest(
    classes = AllowedClientsTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    // keys refreshed every 200 ms, so the outage below spans ten refresh periods
    properties = "digicell.security.keys-refresh-every=PT0.2S")
@AutoConfigureMockMvc
class KeycloakOutageTest {

  /** The realm's keys endpoint, serving the test realm's keys until it is stopped. */
  private static HttpServer realm;

  private static final AtomicInteger FETCHES = new AtomicInteger();

  @DynamicPropertySource
  static void realmThatCanGoDown(DynamicPropertyRegistry registry) throws Exception {
    byte[] keys =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(TestTokens.jwkSetUri())).build(),
                HttpResponse.BodyHandlers.ofByteArray())
            .body();
    realm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    realm.createContext(
        "/certs",
        exchange -> {
          FETCHES.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, keys.length);
          exchange.getResponseBody().write(keys);
          exchange.close();
        });
    realm.start();
    registry.add("digicell.security.issuer-uri", TestTokens::issuerUri);
    registry.add(
        "digicell.security.jwk-set-uri",
        () -> "http://127.0.0.1:" + realm.getAddress().getPort() + "/certs");
  }

  @AfterAll
  static void stopRealm() {
    realm.stop(0);
  }

  @Autowired MockMvc mvc;

  private int call(String token) throws Exception {
    return mvc.perform(get("/api/sample").header(HttpHeaders.AUTHORIZATION, token))
        .andReturn()
        .getResponse()
        .getStatus();
  }

  @Test
  void tokensIssuedBeforeAnOutageKeepWorkingThroughItAStrangersKeyStillFails() throws Exception {
    String token =
        TestTokens.bearer(
            TestTokens.forUser("member").roles("member").orgScope("/AG/VB/C07").sign());
    assertThat(call(token)).isEqualTo(200);
    assertThat(FETCHES.get()).as("keys fetched").isEqualTo(1);

    realm.stop(0); // Keycloak down: connections refused from now on

    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> call(token) == 200);
    String forged =
        TestTokens.bearer(
            TestTokens.forUser("member").roles("member").orgScope("/AG").signedByStranger().sign());
    assertThat(call(forged)).isEqualTo(401);
  }
}
