package vn.digicell.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.digicell.platform.test.TestTokens;

/**
 * The token endpoint of a Keycloak realm, real HTTP on a random port: refresh grants for {@link
 * #VALID_REFRESH_TOKEN} get a fresh access token (signed like {@link TestTokens}, issued by this
 * realm); any other refresh token is rejected as Keycloak does ({@code invalid_grant}).
 */
final class FakeKeycloak {

  static final String VALID_REFRESH_TOKEN = "refresh-token-1";

  private final HttpServer server;
  private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
  private volatile String lastIssuedAccessToken;

  FakeKeycloak() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/realms/digicell/protocol/openid-connect/token", this::token);
    server.start();
  }

  String issuerUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/digicell";
  }

  List<Map<String, String>> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  String lastIssuedAccessToken() {
    return lastIssuedAccessToken;
  }

  void reset() {
    tokenRequests.clear();
    lastIssuedAccessToken = null;
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    form.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
    tokenRequests.add(form);
    if ("refresh_token".equals(form.get("grant_type"))
        && VALID_REFRESH_TOKEN.equals(form.get("refresh_token"))) {
      String accessToken =
          TestTokens.forUser("secretary").roles("member").issuer(issuerUri()).sign();
      lastIssuedAccessToken = accessToken;
      send(
          exchange,
          200,
          """
          {"access_token":"%s","token_type":"Bearer","expires_in":300,\
          "refresh_token":"refresh-token-2","scope":"openid profile"}"""
              .formatted(accessToken));
    } else {
      send(
          exchange,
          400,
          "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}");
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
