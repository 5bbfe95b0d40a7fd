package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.digicell.platform.test.TestTokens;

/**
 * The live inbox: server-sent events reach the browser as they happen, not when the stream ends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SseStreamTest {

  static final CountDownLatch FIRST_EVENT_SEEN = new CountDownLatch(1);
  static final HttpServer NOTIFICATIONS = streamingService();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) {
    properties.add("digicell.security.issuer-uri", TestTokens::issuerUri);
    properties.add("digicell.gateway.client-secret", () -> "test-secret");
    properties.add(
        "digicell.routes.notification",
        () -> "http://127.0.0.1:" + NOTIFICATIONS.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    FIRST_EVENT_SEEN.countDown();
    NOTIFICATIONS.stop(0);
  }

  @LocalServerPort int port;

  @Test
  void eventsPassThroughOneByOneWhileTheStreamStaysOpen() throws Exception {
    String token = TestTokens.forUser("sse-user").roles("member").memberId("m-1").sign();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notifications/stream"))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(20))
            .build();
    HttpResponse<java.io.InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/event-stream");
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      // the service holds the second event back until this one has arrived: no buffering
      assertThat(lines.readLine()).isEqualTo("data: first");
      FIRST_EVENT_SEEN.countDown();
      assertThat(lines.readLine()).isEmpty();
      assertThat(lines.readLine()).isEqualTo("data: second");
    }
  }

  private static HttpServer streamingService() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/api/notifications/stream",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
              out.flush();
              if (FIRST_EVENT_SEEN.await(20, TimeUnit.SECONDS)) {
                out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
