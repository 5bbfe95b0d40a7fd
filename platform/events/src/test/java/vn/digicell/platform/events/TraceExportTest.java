package vn.digicell.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestTokens;

/**
 * With an OTLP endpoint configured (as deployments do), the spans of a request and of the events it
 * publishes leave the service for the collector, all in the caller's trace.
 */
@DigiCellIntegrationTest
@TestPropertySource(properties = "spring.application.name=trace-export-test")
class TraceExportTest {

  static final List<byte[]> RECEIVED = new CopyOnWriteArrayList<>();
  static final HttpServer COLLECTOR = collector();

  @DynamicPropertySource
  static void otlp(DynamicPropertyRegistry properties) {
    properties.add(
        "management.opentelemetry.tracing.export.otlp.endpoint",
        () -> "http://127.0.0.1:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
  }

  @AfterAll
  static void stop() {
    COLLECTOR.stop(0);
  }

  @LocalServerPort int port;

  @Test
  void theRequestsSpansAndItsEventsSpansReachTheCollectorInTheCallersTrace() throws Exception {
    String traceId = "5cf92f3577b34da6a3ce929d0e0e4737";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/samples/C31"))
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .header(
                        "Authorization",
                        TestTokens.bearer(TestTokens.forUser("u").roles("org-admin").sign()))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    byte[] rawTraceId = HexFormat.of().parseHex(traceId);
    // OTLP/HTTP protobuf carries the trace id as its 16 raw bytes; the batch processor sends soon
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> RECEIVED.stream().mapToInt(body -> count(body, rawTraceId)).sum() >= 2);
  }

  /** How many times {@code needle} occurs in {@code body}. */
  private static int count(byte[] body, byte[] needle) {
    int found = 0;
    outer:
    for (int i = 0; i + needle.length <= body.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (body[i + j] != needle[j]) {
          continue outer;
        }
      }
      found++;
    }
    return found;
  }

  private static HttpServer collector() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/v1/traces",
          exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            exchange.getRequestBody().transferTo(body);
            RECEIVED.add(body.toByteArray());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
