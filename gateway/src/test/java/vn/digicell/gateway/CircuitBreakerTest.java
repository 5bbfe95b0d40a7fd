package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
import vn.digicell.platform.test.TestTokens;

/** A failing service gets a clear problem at once, never a hang, and its circuit opens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class CircuitBreakerTest {

  static final FakeService BROKEN = new FakeService("{\"error\":\"bad gateway\"}", 502);
  static final CountDownLatch RELEASE_HUNG = new CountDownLatch(1);
  static final HttpServer HUNG = hungService();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) {
    properties.add("digicell.security.issuer-uri", TestTokens::issuerUri);
    properties.add("digicell.gateway.client-secret", () -> "test-secret");
    properties.add("digicell.routes.member", BROKEN::uri);
    properties.add("digicell.routes.meeting", () -> "http://127.0.0.1:" + freePort());
    properties.add(
        "digicell.routes.document", () -> "http://127.0.0.1:" + HUNG.getAddress().getPort());
    properties.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
    properties.add("digicell.gateway.circuit-breaker.minimum-calls", () -> "2");
    properties.add("digicell.gateway.circuit-breaker.sliding-window", () -> "2");
    properties.add("digicell.gateway.circuit-breaker.wait-in-open-state", () -> "1h");
  }

  @AfterAll
  static void stopHung() {
    RELEASE_HUNG.countDown();
    HUNG.stop(0);
  }

  @Autowired ApplicationContext context;
  WebTestClient client;
  final String token = TestTokens.forUser("cb-user").roles("member").sign();

  @BeforeEach
  void bindClient() {
    client =
        WebTestClient.bindToApplicationContext(context)
            .apply(springSecurity())
            .configureClient()
            .responseTimeout(Duration.ofSeconds(20))
            .build();
  }

  @Test
  void aServiceThatKeepsFailingOpensItsCircuitAndIsNoLongerCalled() {
    for (int i = 0; i < 3; i++) {
      client
          .get()
          .uri("/api/members")
          .headers(h -> h.setBearerAuth(token))
          .exchange()
          .expectStatus()
          .isEqualTo(503)
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("https://digicell.vn/problems/service-unavailable");
    }
    // two failures filled the window: the third call never reached the service
    assertThat(BROKEN.received()).hasSize(2);
  }

  @Test
  void anUnreachableServiceGetsProblem503() {
    client
        .get()
        .uri("/api/meetings")
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Dịch vụ tạm thời gián đoạn");
  }

  @Test
  void aServiceThatNeverAnswersGetsProblem504AfterTheResponseTimeout() {
    client
        .get()
        .uri("/api/documents")
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isEqualTo(504)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://digicell.vn/problems/gateway-timeout");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpServer hungService() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            try {
              RELEASE_HUNG.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
