package vn.digicell.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for a DigiCell service behind the gateway: a real HTTP server on a random local port
 * that answers every request with a fixed JSON body and records what it received. It lives as long
 * as the test JVM (deliberately not {@link AutoCloseable}: parameterized tests close such arguments
 * after each invocation).
 */
final class FakeService {

  /** What arrived at the service. */
  record Received(
      String method,
      String path,
      String query,
      String authorization,
      String cookie,
      String requestId,
      String receiptSecret,
      String acceptLanguage) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final String body;
  private final int status;

  FakeService(String body) {
    this(body, 200);
  }

  /** A service that answers every request with this status (e.g. 502 for a broken one). */
  FakeService(String body, int status) {
    this.body = body;
    this.status = status;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestURI().getRawQuery(),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  exchange.getRequestHeaders().getFirst("Cookie"),
                  exchange.getRequestHeaders().getFirst("X-Request-Id"),
                  exchange.getRequestHeaders().getFirst("X-Receipt-Secret"),
                  exchange.getRequestHeaders().getFirst("Accept-Language")));
          exchange.getRequestBody().readAllBytes();
          byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(this.status, bytes.length);
          try (var out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String body() {
    return body;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  Optional<Received> last() {
    return received.isEmpty() ? Optional.empty() : Optional.of(received.getLast());
  }

  void reset() {
    received.clear();
  }
}
