package vn.digicell.notification.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real local HTTP server standing in for the SMS and Zalo providers: records every call and
 * answers what the test scripts (outages, refusals, successes).
 */
final class ProviderStandIn {

  record Call(String path, Map<String, List<String>> headers, String body) {}

  record Answer(int status, String body) {}

  final HttpServer server;
  final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  final AtomicInteger counter = new AtomicInteger();
  final Map<String, Function<Call, Answer>> scripts = new ConcurrentHashMap<>();

  ProviderStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Call> callsTo(String path, String containing) {
    return calls.stream()
        .filter(c -> c.path().equals(path) && c.body().contains(containing))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Call call =
        new Call(
            exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body);
    calls.add(call);
    Answer answer =
        scripts.entrySet().stream()
            .filter(e -> body.contains(e.getKey()))
            .findFirst()
            .map(e -> e.getValue().apply(call))
            .orElseGet(() -> defaultAnswer(call));
    byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  private Answer defaultAnswer(Call call) {
    int n = counter.incrementAndGet();
    return call.path().startsWith("/zalo")
        ? new Answer(
            200, "{\"error\":0,\"message\":\"Success\",\"data\":{\"message_id\":\"z-" + n + "\"}}")
        : new Answer(200, "{\"messageId\":\"s-" + n + "\",\"status\":\"ACCEPTED\"}");
  }
}
