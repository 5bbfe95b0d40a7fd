package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockAuthentication;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOAuth2Client;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import vn.digicell.platform.test.TestTokens;

/** Browsers: login at Keycloak with PKCE, tokens kept in the session, CSRF on state changes. */
class BrowserSessionTest extends GatewayTestSupport {

  @Autowired ReactiveClientRegistrationRepository registrations;

  @Test
  void browserNavigatingToAProtectedPortalPageIsSentToLogin() {
    client
        .get()
        .uri("/portal/me")
        .accept(MediaType.TEXT_HTML, MediaType.parseMediaType("application/xhtml+xml"))
        .exchange()
        .expectStatus()
        .isFound()
        .expectHeader()
        .location("/oauth2/authorization/keycloak");
  }

  @Test
  void portalMeWithoutLoginGetsProblem401() {
    client
        .get()
        .uri("/portal/me")
        .accept(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401);
  }

  @Test
  void loginRedirectsToKeycloakWithPkceS256() {
    String location =
        client
            .get()
            .uri("/oauth2/authorization/keycloak")
            .exchange()
            .expectStatus()
            .isFound()
            .returnResult(Void.class)
            .getResponseHeaders()
            .getLocation()
            .toString();

    assertThat(location).startsWith(TestTokens.issuerUri() + "/protocol/openid-connect/auth?");
    MultiValueMap<String, String> query =
        UriComponentsBuilder.fromUriString(location).build().getQueryParams();
    assertThat(query.getFirst("response_type")).isEqualTo("code");
    assertThat(query.getFirst("client_id")).isEqualTo("digicell-gateway");
    assertThat(query.getFirst("code_challenge")).isNotBlank();
    assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
    assertThat(query.getFirst("scope")).contains("openid").contains("profile");
    assertThat(query.getFirst("state")).isNotBlank();
    assertThat(query.getFirst("nonce")).isNotBlank();
  }

  @Test
  void sessionRequestIsRelayedWithTheSessionsAccessToken() {
    loggedIn("session-access-token")
        .get()
        .uri("/api/notifications")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo(NOTIFICATION.body());

    assertThat(NOTIFICATION.last().orElseThrow().authorization())
        .isEqualTo("Bearer session-access-token");
  }

  @Test
  void sessionPostWithoutCsrfTokenIsRejected() {
    String session = startedSession();

    loggedIn("session-access-token")
        .post()
        .uri("/api/meetings")
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://digicell.vn/problems/csrf");
    assertThat(MEETING.received()).isEmpty();
  }

  @Test
  void sessionPostWithTheCookiesCsrfTokenIsRelayed() {
    String session = startedSession();
    String csrf = csrfCookie();

    loggedIn("session-access-token")
        .post()
        .uri("/api/meetings")
        .cookie("SESSION", session)
        .cookie("XSRF-TOKEN", csrf)
        .header("X-XSRF-TOKEN", csrf)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(MEETING.last().orElseThrow().authorization())
        .isEqualTo("Bearer session-access-token");
  }

  @Test
  void portalMeShowsTheLoggedInPerson() {
    String accessToken =
        TestTokens.forUser("secretary")
            .roles("member", "cell-secretary")
            .orgScope("/AG/VB/C07")
            .memberId("m1")
            .sign();
    loggedIn(
            accessToken,
            id ->
                id.claim("preferred_username", "secretary")
                    .claim("name", "Nguyễn Thị Bí Thư")
                    .claim("org_scope", List.of("/AG/VB/C07"))
                    .claim("member_id", "m1"))
        .get()
        .uri("/portal/me")
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
        .isEqualTo("m1");
  }

  @Test
  void logoutEndsTheKeycloakSessionAndReturnsToThePortal() {
    String session = startedSession();
    String csrf = csrfCookie();

    EntityExchangeResult<Void> result =
        loggedIn("session-access-token")
            .post()
            .uri("/logout")
            .cookie("SESSION", session)
            .cookie("XSRF-TOKEN", csrf)
            .header("X-XSRF-TOKEN", csrf)
            .exchange()
            .expectStatus()
            .isFound()
            .expectBody(Void.class)
            .returnResult();

    String location = result.getResponseHeaders().getLocation().toString();
    assertThat(location).startsWith(TestTokens.issuerUri() + "/protocol/openid-connect/logout?");
    MultiValueMap<String, String> query =
        UriComponentsBuilder.fromUriString(location).build().getQueryParams();
    assertThat(query.getFirst("id_token_hint")).isNotBlank();
    assertThat(query.getFirst("post_logout_redirect_uri")).isNotBlank().endsWith("/");
    assertThat(result.getResponseCookies().getFirst("XSRF-TOKEN"))
        .extracting(ResponseCookie::getMaxAge)
        .isEqualTo(java.time.Duration.ZERO);
  }

  @Test
  void logoutWithoutCsrfTokenIsRejected() {
    String session = startedSession();
    loggedIn("session-access-token")
        .post()
        .uri("/logout")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  /** A client whose requests come from a logged-in browser holding {@code accessToken}. */
  private WebTestClient loggedIn(String accessToken) {
    return loggedIn(accessToken, id -> id.claim("preferred_username", "secretary"));
  }

  private WebTestClient loggedIn(String accessToken, Consumer<OidcIdToken.Builder> claims) {
    Instant now = Instant.now();
    OidcIdToken.Builder idToken =
        OidcIdToken.withTokenValue("id-token-value")
            .subject("secretary-id")
            .issuer(TestTokens.issuerUri())
            .audience(List.of("digicell-gateway"))
            .issuedAt(now)
            .expiresAt(now.plusSeconds(300));
    claims.accept(idToken);
    var authorities = AuthorityUtils.createAuthorityList("OIDC_USER");
    DefaultOidcUser user = new DefaultOidcUser(authorities, idToken.build(), "preferred_username");
    return client
        .mutateWith(
            mockAuthentication(new OAuth2AuthenticationToken(user, authorities, "keycloak")))
        .mutateWith(
            mockOAuth2Client("keycloak")
                .clientRegistration(keycloak())
                .principalName(user.getName())
                .accessToken(accessToken(accessToken)));
  }

  private static OAuth2AccessToken accessToken(String value) {
    Instant now = Instant.now();
    return new OAuth2AccessToken(
        OAuth2AccessToken.TokenType.BEARER, value, now, now.plusSeconds(300));
  }

  private ClientRegistration keycloak() {
    return registrations.findByRegistrationId("keycloak").block();
  }

  /** A real web session, as the browser has one after starting to log in. */
  private String startedSession() {
    ResponseCookie session =
        client
            .get()
            .uri("/oauth2/authorization/keycloak")
            .exchange()
            .expectStatus()
            .isFound()
            .returnResult(Void.class)
            .getResponseCookies()
            .getFirst("SESSION");
    assertThat(session).as("session cookie").isNotNull();
    return session.getValue();
  }

  /** The CSRF token the portal page hands to its script. */
  private String csrfCookie() {
    ResponseCookie csrf =
        client
            .get()
            .uri("/")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseCookies()
            .getFirst("XSRF-TOKEN");
    assertThat(csrf).as("XSRF-TOKEN cookie").isNotNull();
    assertThat(csrf.isHttpOnly()).as("readable by the portal's script").isFalse();
    return csrf.getValue();
  }
}
