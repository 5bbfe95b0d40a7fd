package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockAuthentication;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import vn.digicell.platform.test.TestTokens;

/**
 * The session's tokens live in the real server-side web session; an expired access token is
 * refreshed at the realm's token endpoint before it is relayed, and a session whose refresh token
 * is dead gets a 401 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class SessionTokenRefreshTest {

  static final FakeKeycloak KEYCLOAK = new FakeKeycloak();
  static final FakeService MEMBER = new FakeService("{\"items\":[],\"from\":\"member\"}");
  static final String UNREACHABLE = "http://127.0.0.1:" + closedPort();

  @DynamicPropertySource
  static void gatewayProperties(DynamicPropertyRegistry properties) {
    properties.add("digicell.security.issuer-uri", KEYCLOAK::issuerUri);
    properties.add("digicell.security.jwk-set-uri", TestTokens::jwkSetUri);
    properties.add("digicell.gateway.client-secret", () -> "test-secret");
    properties.add("digicell.routes.member", MEMBER::uri);
    properties.add("digicell.routes.document", () -> UNREACHABLE);
  }

  /** Puts an authorized client into the caller's web session, as a completed login does. */
  @TestConfiguration(proxyBeanMethods = false)
  static class SessionSeeding {
    @Bean
    RouterFunction<ServerResponse> seedSession(
        ServerOAuth2AuthorizedClientRepository authorizedClients,
        ReactiveClientRegistrationRepository registrations) {
      return route()
          .GET(
              "/test/seed-session",
              request ->
                  request
                      .principal()
                      .cast(Authentication.class)
                      .zipWith(registrations.findByRegistrationId("keycloak"))
                      .flatMap(
                          loginAndRegistration -> {
                            Instant issued = Instant.now().minus(Duration.ofMinutes(10));
                            OAuth2AuthorizedClient client =
                                new OAuth2AuthorizedClient(
                                    loginAndRegistration.getT2(),
                                    loginAndRegistration.getT1().getName(),
                                    new OAuth2AccessToken(
                                        OAuth2AccessToken.TokenType.BEARER,
                                        "expired-access-token",
                                        issued,
                                        issued.plus(Duration.ofMinutes(5))),
                                    new OAuth2RefreshToken(
                                        request.queryParam("refresh").orElseThrow(), issued));
                            return authorizedClients.saveAuthorizedClient(
                                client, loginAndRegistration.getT1(), request.exchange());
                          })
                      .then(ServerResponse.noContent().build()))
          .build();
    }
  }

  @Autowired ApplicationContext context;

  WebTestClient client;
  OAuth2AuthenticationToken login;

  @BeforeEach
  void setUp() {
    KEYCLOAK.reset();
    MEMBER.reset();
    Instant now = Instant.now();
    OidcIdToken idToken =
        OidcIdToken.withTokenValue("id-token-value")
            .subject("secretary-id")
            .claim("preferred_username", "secretary")
            .issuedAt(now)
            .expiresAt(now.plusSeconds(300))
            .build();
    var authorities = AuthorityUtils.createAuthorityList("OIDC_USER");
    login =
        new OAuth2AuthenticationToken(
            new DefaultOidcUser(authorities, idToken, "preferred_username"),
            authorities,
            "keycloak");
    client =
        WebTestClient.bindToApplicationContext(context)
            .apply(springSecurity())
            .configureClient()
            .responseTimeout(Duration.ofSeconds(20))
            .build()
            .mutateWith(mockAuthentication(login));
  }

  @Test
  void expiredAccessTokenIsRefreshedBeforeItIsRelayed() {
    String session = sessionWithRefreshToken(FakeKeycloak.VALID_REFRESH_TOKEN);

    client.get().uri("/api/members").cookie("SESSION", session).exchange().expectStatus().isOk();

    assertThat(KEYCLOAK.tokenRequests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.get("grant_type")).isEqualTo("refresh_token");
              assertThat(request.get("refresh_token")).isEqualTo(FakeKeycloak.VALID_REFRESH_TOKEN);
              assertThat(request.get("authorization")).startsWith("Basic ");
            });
    assertThat(MEMBER.last().orElseThrow().authorization())
        .isEqualTo("Bearer " + KEYCLOAK.lastIssuedAccessToken());

    // the refreshed token is kept in the session: the next call needs no new refresh
    client.get().uri("/api/members").cookie("SESSION", session).exchange().expectStatus().isOk();
    assertThat(KEYCLOAK.tokenRequests()).hasSize(1);
    assertThat(MEMBER.received())
        .extracting(FakeService.Received::authorization)
        .containsOnly("Bearer " + KEYCLOAK.lastIssuedAccessToken());
  }

  @Test
  void sessionWhoseRefreshTokenIsDeadGetsProblem401() {
    String session = sessionWithRefreshToken("revoked-refresh-token");

    client
        .get()
        .uri("/api/members")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://digicell.vn/problems/session-expired");
    assertThat(KEYCLOAK.tokenRequests()).hasSize(1);
    assertThat(MEMBER.received()).isEmpty();
  }

  @Test
  void unreachableServiceGetsProblem503() {
    String token = TestTokens.forUser("member").roles("member").issuer(KEYCLOAK.issuerUri()).sign();
    WebTestClient.bindToApplicationContext(context)
        .apply(springSecurity())
        .configureClient()
        .build()
        .get()
        .uri("/api/documents")
        .headers(headers -> headers.setBearerAuth(token))
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

  private String sessionWithRefreshToken(String refreshToken) {
    List<ResponseCookie> cookies =
        client
            .get()
            .uri(uri -> uri.path("/test/seed-session").queryParam("refresh", refreshToken).build())
            .exchange()
            .expectStatus()
            .isNoContent()
            .returnResult(Void.class)
            .getResponseCookies()
            .get("SESSION");
    assertThat(cookies).as("session cookie").isNotEmpty();
    return cookies.getFirst().getValue();
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
