package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The whole browser journey against a stand-in Keycloak over real HTTP, with no mocked security:
 * login with PKCE, tokens kept in the server-side session, relay, refresh, logout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class KeycloakLoginFlowTest {

  static final FakeKeycloak KEYCLOAK = new FakeKeycloak();
  static final FakeService MEMBER = new FakeService("{\"items\":[],\"from\":\"member\"}");
  static final String UNREACHABLE = "http://127.0.0.1:" + closedPort();

  @DynamicPropertySource
  static void gatewayProperties(DynamicPropertyRegistry properties) {
    properties.add("digicell.security.issuer-uri", KEYCLOAK::issuerUri);
    properties.add("digicell.gateway.client-secret", () -> "test-secret");
    properties.add("digicell.routes.member", MEMBER::uri);
    properties.add("digicell.routes.document", () -> UNREACHABLE);
  }

  /**
   * Replaces the session's tokens with an expired access token and the given refresh token, as they
   * are after the session has been idle for a while.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class SessionAging {
    @Bean
    RouterFunction<ServerResponse> ageSession(
        ServerOAuth2AuthorizedClientRepository authorizedClients,
        ReactiveClientRegistrationRepository registrations) {
      return route()
          .GET(
              "/test/age-session",
              request ->
                  request
                      .principal()
                      .cast(Authentication.class)
                      .zipWith(registrations.findByRegistrationId("keycloak"))
                      .flatMap(
                          loginAndRegistration ->
                              authorizedClients
                                  .<OAuth2AuthorizedClient>loadAuthorizedClient(
                                      "keycloak", loginAndRegistration.getT1(), request.exchange())
                                  .map(current -> current.getRefreshToken().getTokenValue())
                                  .map(java.util.Optional::of)
                                  .defaultIfEmpty(java.util.Optional.empty())
                                  .map(
                                      current ->
                                          request
                                              .queryParam("refresh")
                                              .or(() -> current)
                                              .orElseThrow())
                                  .map(
                                      refresh ->
                                          reactor.util.function.Tuples.of(
                                              loginAndRegistration.getT1(),
                                              loginAndRegistration.getT2(),
                                              refresh)))
                      .flatMap(
                          loginAndRegistration -> {
                            Instant issued = Instant.now().minus(Duration.ofMinutes(10));
                            OAuth2AuthorizedClient aged =
                                new OAuth2AuthorizedClient(
                                    loginAndRegistration.getT2(),
                                    loginAndRegistration.getT1().getName(),
                                    new OAuth2AccessToken(
                                        OAuth2AccessToken.TokenType.BEARER,
                                        "expired-access-token",
                                        issued,
                                        issued.plus(Duration.ofMinutes(5))),
                                    new OAuth2RefreshToken(loginAndRegistration.getT3(), issued));
                            return authorizedClients.saveAuthorizedClient(
                                aged, loginAndRegistration.getT1(), request.exchange());
                          })
                      .then(ServerResponse.noContent().build()))
          .build();
    }
  }

  @Autowired ApplicationContext context;

  WebTestClient client;

  @BeforeEach
  void setUp() {
    KEYCLOAK.reset();
    MEMBER.reset();
    client =
        WebTestClient.bindToApplicationContext(context)
            .apply(springSecurity())
            .configureClient()
            .responseTimeout(Duration.ofSeconds(20))
            .build();
  }

  @Test
  void browserLogsInWithPkceAndTheSessionHoldsTheTokens() {
    Login login = logIn();

    Map<String, String> exchange = KEYCLOAK.tokenRequests().getFirst();
    assertThat(exchange.get("grant_type")).isEqualTo("authorization_code");
    assertThat(exchange.get("code")).isEqualTo(FakeKeycloak.CODE);
    assertThat(exchange.get("authorization")).as("confidential client").startsWith("Basic ");
    assertThat(s256(exchange.get("code_verifier")))
        .as("the verifier matches the challenge sent to the browser")
        .isEqualTo(login.codeChallenge());
    assertThat(login.callback().getResponseHeaders().getLocation()).hasToString("/");
    assertThat(login.callback().getResponseHeaders().toString())
        .as("tokens never reach the browser")
        .doesNotContain(KEYCLOAK.lastIssuedAccessToken())
        .doesNotContain(KEYCLOAK.lastIssuedIdToken());

    client
        .get()
        .uri("/portal/me")
        .cookie("SESSION", login.session())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.username")
        .isEqualTo("secretary")
        .jsonPath("$.name")
        .isEqualTo("Nguyễn Thị Bí Thư")
        .jsonPath("$.roles")
        .isEqualTo(List.of("member", "cell-secretary"))
        .jsonPath("$.orgScope")
        .isEqualTo(List.of("/AG/VB/C07"))
        .jsonPath("$.memberId")
        .isEqualTo("m-secretary");

    client
        .get()
        .uri("/api/members?orgUnit=c07")
        .cookie("SESSION", login.session())
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(MEMBER.last().orElseThrow().authorization())
        .isEqualTo("Bearer " + KEYCLOAK.lastIssuedAccessToken());
  }

  @Test
  void expiredAccessTokenIsRefreshedBeforeItIsRelayed() {
    Login login = logIn();
    ageSession(login, FakeKeycloak.VALID_REFRESH_TOKEN);
    KEYCLOAK.reset();

    client
        .get()
        .uri("/api/members")
        .cookie("SESSION", login.session())
        .exchange()
        .expectStatus()
        .isOk();

    assertThat(KEYCLOAK.tokenRequests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.get("grant_type")).isEqualTo("refresh_token");
              assertThat(request.get("refresh_token")).isEqualTo(FakeKeycloak.VALID_REFRESH_TOKEN);
            });
    String refreshed = KEYCLOAK.lastIssuedAccessToken();
    assertThat(MEMBER.last().orElseThrow().authorization()).isEqualTo("Bearer " + refreshed);

    // the refreshed token is kept in the session: the next call needs no new refresh
    client
        .get()
        .uri("/api/members")
        .cookie("SESSION", login.session())
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(KEYCLOAK.tokenRequests()).hasSize(1);
    assertThat(MEMBER.last().orElseThrow().authorization()).isEqualTo("Bearer " + refreshed);
  }

  @Test
  void refreshTokensRevokedOnUseTheNextRefreshUsesTheNewestOne() {
    Login login = logIn();
    ageSession(login, FakeKeycloak.VALID_REFRESH_TOKEN);
    KEYCLOAK.reset();
    client
        .get()
        .uri("/api/members")
        .cookie("SESSION", login.session())
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(KEYCLOAK.tokenRequests().getLast().get("refresh_token"))
        .isEqualTo(FakeKeycloak.VALID_REFRESH_TOKEN);

    // the access token expires again: the session must refresh with the token the last refresh
    // answered, since the realm revoked the one it used
    ageSession(login, null);
    client
        .get()
        .uri("/api/members")
        .cookie("SESSION", login.session())
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(KEYCLOAK.tokenRequests()).hasSize(2);
    assertThat(KEYCLOAK.tokenRequests().getLast().get("refresh_token"))
        .isEqualTo("refresh-token-2");
    assertThat(MEMBER.last().orElseThrow().authorization())
        .isEqualTo("Bearer " + KEYCLOAK.lastIssuedAccessToken());

    // and a used refresh token is dead: a session still holding it must log in again
    ageSession(login, FakeKeycloak.VALID_REFRESH_TOKEN);
    client
        .get()
        .uri("/api/members")
        .cookie("SESSION", login.session())
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void sessionWhoseRefreshTokenIsDeadGetsProblem401() {
    Login login = logIn();
    ageSession(login, "revoked-refresh-token");
    MEMBER.reset();

    client
        .get()
        .uri("/api/members")
        .cookie("SESSION", login.session())
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://digicell.vn/problems/session-expired");
    assertThat(MEMBER.received()).isEmpty();

    // the portal learns it too, and offers a new login
    client
        .get()
        .uri("/portal/me")
        .cookie("SESSION", login.session())
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://digicell.vn/problems/session-expired");
  }

  @Test
  void logoutEndsBothSessionsAndForgetsTheTokens() {
    Login login = logIn();
    String idToken = KEYCLOAK.lastIssuedIdToken();
    String csrf = csrfCookie();

    EntityExchangeResult<Void> logout =
        client
            .post()
            .uri("/logout")
            .cookie("SESSION", login.session())
            .cookie("XSRF-TOKEN", csrf)
            // as the portal's logout form sends it
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData("_csrf", csrf))
            .exchange()
            .expectStatus()
            .isFound()
            .expectBody(Void.class)
            .returnResult();

    String location = logout.getResponseHeaders().getLocation().toString();
    assertThat(location).startsWith(KEYCLOAK.issuerUri() + "/protocol/openid-connect/logout?");
    MultiValueMap<String, String> query =
        UriComponentsBuilder.fromUriString(location).build().getQueryParams();
    assertThat(query.getFirst("id_token_hint")).isEqualTo(idToken);
    assertThat(query.getFirst("post_logout_redirect_uri")).endsWith("/");

    client
        .get()
        .uri("/portal/me")
        .cookie("SESSION", login.session())
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void unreachableServiceGetsProblem503() {
    client
        .get()
        .uri("/api/documents")
        .headers(headers -> headers.setBearerAuth(KEYCLOAK.accessToken()))
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://digicell.vn/problems/service-unavailable")
        .jsonPath("$.trace")
        .doesNotExist();
  }

  /** A browser's completed login: its session cookie and what the login sent along. */
  record Login(String session, String codeChallenge, EntityExchangeResult<Void> callback) {}

  private Login logIn() {
    FakeKeycloak.BrowserLogin login = KEYCLOAK.logIn(client, client);
    ResponseCookie session = login.session();
    assertThat(session).as("session cookie after login").isNotNull();
    assertThat(session.getValue())
        .as("new session id after login")
        .isNotEqualTo(login.preLoginSession());
    assertThat(session.isHttpOnly()).isTrue();
    return new Login(
        session.getValue(), login.authorization().getFirst("code_challenge"), login.callback());
  }

  /** Expires the session's access token; with {@code refreshToken} null the refresh token stays. */
  private void ageSession(Login login, String refreshToken) {
    client
        .get()
        .uri(
            uri ->
                refreshToken == null
                    ? uri.path("/test/age-session").build()
                    : uri.path("/test/age-session").queryParam("refresh", refreshToken).build())
        .cookie("SESSION", login.session())
        .exchange()
        .expectStatus()
        .isNoContent();
  }

  private String csrfCookie() {
    return client
        .get()
        .uri("/")
        .exchange()
        .expectStatus()
        .isOk()
        .returnResult(String.class)
        .getResponseCookies()
        .getFirst("XSRF-TOKEN")
        .getValue();
  }

  private static String decode(String queryValue) {
    return java.net.URLDecoder.decode(queryValue, StandardCharsets.UTF_8);
  }

  private static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
