package vn.digicell.gateway.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.digicell.platform.test.ParityContainers;
import vn.digicell.platform.test.ParityTest;

/** The gateway against the real Keycloak: bearer tokens checked at the edge, login redirects. */
@ParityTest
class GatewayParityTest {

  static final String CLIENT_SECRET = "parity-" + UUID.randomUUID();
  static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
  static final HttpServer MEMBER_SERVICE = memberService();

  static HttpServer memberService() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            AUTHORIZATIONS.add(
                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body =
                "{\"items\":[],\"from\":\"member-service\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    MEMBER_SERVICE.stop(0);
  }

  @DynamicPropertySource
  static void keycloak(DynamicPropertyRegistry registry) {
    registry.add("digicell.security.issuer-uri", ParityContainers::issuerUri);
    registry.add("digicell.gateway.client-secret", () -> CLIENT_SECRET);
    String member = "http://127.0.0.1:" + MEMBER_SERVICE.getAddress().getPort();
    registry.add("digicell.routes.member", () -> member);
  }

  @LocalServerPort int port;
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private HttpResponse<String> get(String url, String bearer) throws Exception {
    return get(url, bearer, "application/json");
  }

  private HttpResponse<String> get(String url, String bearer, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept);
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void aKeycloakTokenIsCheckedAtTheEdgeAndRelayedUnchanged() throws Exception {
    String token =
        ParityContainers.user("parity-gateway-admin").roles("org-admin").orgScope("/AG").token();
    HttpResponse<String> ok = get("http://localhost:" + port + "/api/members?orgUnit=x", token);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(AUTHORIZATIONS).contains("Bearer " + token);

    int relayed = AUTHORIZATIONS.size();
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
    assertThat(get("http://localhost:" + port + "/api/members?orgUnit=x", forged).statusCode())
        .isEqualTo(401);
    assertThat(AUTHORIZATIONS).hasSize(relayed);
  }

  @Test
  void loginSendsTheBrowserToTheRealmsLoginPageForThePortalClient() throws Exception {
    String base = "http://localhost:" + port;
    ParityContainers.setClientSecret("digicell-gateway", CLIENT_SECRET);
    ParityContainers.allowRedirectsTo("digicell-gateway", base);
    HttpResponse<String> start = get(base + "/oauth2/authorization/keycloak", null, "text/html");
    assertThat(start.statusCode()).isEqualTo(302);
    String location = start.headers().firstValue("Location").orElseThrow();
    assertThat(location)
        .startsWith(ParityContainers.issuerUri() + "/protocol/openid-connect/auth")
        .contains("client_id=digicell-gateway")
        .contains("code_challenge_method=S256");
    HttpResponse<String> login = get(location, null, "text/html");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(login.body()).contains("name=\"username\"").contains("name=\"password\"");
  }
}
