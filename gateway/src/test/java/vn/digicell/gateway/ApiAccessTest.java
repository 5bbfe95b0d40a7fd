package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import vn.digicell.platform.test.TestTokens;

/** API clients: bearer tokens are validated at the edge and passed through unchanged. */
class ApiAccessTest extends GatewayTestSupport {

  @Test
  void apiCallWithoutCredentialsGetsProblem401InsteadOfRedirect() {
    client
        .get()
        .uri("/api/members?orgUnit=ou1")
        .accept(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .doesNotExist(HttpHeaders.LOCATION)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401)
        .jsonPath("$.type")
        .isEqualTo("https://digicell.vn/problems/unauthenticated")
        .jsonPath("$.title")
        .isEqualTo("Chưa đăng nhập")
        .jsonPath("$.detail")
        .isNotEmpty()
        .jsonPath("$.trace")
        .doesNotExist();
    assertThat(MEMBER.received()).isEmpty();
  }

  @Test
  void browserNavigationToApiStillGetsProblemNotLoginRedirect() {
    client
        .get()
        .uri("/api/org-units")
        .accept(MediaType.TEXT_HTML)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void problemIsInEnglishWhenEnglishIsPreferred() {
    client
        .get()
        .uri("/api/meetings")
        .header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en;q=0.8")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Not signed in");
  }

  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("/api/members?orgUnit=ou1&size=50", MEMBER, "/api/members"),
        Arguments.of("/api/org-units?size=50", MEMBER, "/api/org-units"),
        Arguments.of("/api/org-units/ou1/children", MEMBER, "/api/org-units/ou1/children"),
        Arguments.of("/api/meetings/mt1", MEETING, "/api/meetings/mt1"),
        Arguments.of("/api/transfers/t1/approve", MEMBER, "/api/transfers/t1/approve"),
        Arguments.of("/api/imports/j1", MEMBER, "/api/imports/j1"),
        Arguments.of("/api/motions/m1/votes", MEETING, "/api/motions/m1/votes"),
        Arguments.of("/api/cells/c1/roster", MEETING, "/api/cells/c1/roster"),
        Arguments.of("/api/documents", DOCUMENT, "/api/documents"),
        Arguments.of("/api/archive/log/checkpoint", DOCUMENT, "/api/archive/log/checkpoint"),
        Arguments.of("/api/sections/ABCD2345", DOCUMENT, "/api/sections/ABCD2345"),
        Arguments.of("/api/boards/b1", DOCUMENT, "/api/boards/b1"),
        Arguments.of("/api/notifications", NOTIFICATION, "/api/notifications"));
  }

  @ParameterizedTest
  @MethodSource("routes")
  void validBearerTokenIsRoutedToTheOwningServiceAndPassedThroughUnchanged(
      String uri, FakeService owner, String expectedPath) {
    String token =
        TestTokens.forUser("secretary")
            .roles("member", "cell-secretary")
            .orgScope("/AG/VB/C07")
            .memberId("m1")
            .sign();

    String body =
        client
            .get()
            .uri(uri)
            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
            .header(HttpHeaders.COOKIE, "SESSION=abc")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(body).isEqualTo(owner.body());
    assertThat(owner.received()).hasSize(1);
    FakeService.Received received = owner.last().orElseThrow();
    assertThat(received.authorization()).isEqualTo("Bearer " + token);
    assertThat(received.path()).isEqualTo(expectedPath);
    assertThat(received.cookie()).as("cookies stay at the gateway").isNull();
    Stream.of(MEMBER, MEETING, DOCUMENT, NOTIFICATION)
        .filter(other -> other != owner)
        .forEach(other -> assertThat(other.received()).isEmpty());
  }

  @Test
  void queryStringReachesTheService() {
    String token = TestTokens.forUser("member").roles("member").sign();
    client
        .get()
        .uri("/api/members?orgUnit=ou1&size=50&cursor=abc")
        .headers(headers -> headers.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(MEMBER.last().orElseThrow().query()).isEqualTo("orgUnit=ou1&size=50&cursor=abc");
  }

  static Stream<Arguments> badTokens() {
    return Stream.of(
        Arguments.of(
            "wrong audience", TestTokens.forUser("u").roles("member").audience("other-api").sign()),
        Arguments.of("no audience", TestTokens.forUser("u").roles("member").audience(null).sign()),
        Arguments.of(
            "expired",
            TestTokens.forUser("u").roles("member").lifetime(Duration.ofMinutes(-5)).sign()),
        Arguments.of(
            "foreign signature", TestTokens.forUser("u").roles("member").signedByStranger().sign()),
        Arguments.of(
            "other issuer",
            TestTokens.forUser("u")
                .roles("member")
                .issuer("http://evil.example/realms/digicell")
                .sign()),
        Arguments.of("not a jwt", "not-a-jwt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void badBearerTokenGetsProblem401AndNeverReachesTheService(String why, String token) {
    client
        .get()
        .uri("/api/members")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\".*")
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401)
        .jsonPath("$.type")
        .isEqualTo("https://digicell.vn/problems/invalid-token");
    assertThat(MEMBER.received()).isEmpty();
  }

  @Test
  void bearerRequestsNeedNoCsrfToken() {
    String token = TestTokens.forUser("secretary").roles("cell-secretary").sign();
    client
        .post()
        .uri("/api/meetings")
        .headers(headers -> headers.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"title\":\"Sinh hoạt chi bộ tháng 11\"}")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(MEETING.last().orElseThrow().method()).isEqualTo("POST");
  }

  @Test
  void aBearerTokenOfAnotherRealmClientIsRefusedAtTheEdge() {
    String token =
        TestTokens.forUser("secretary")
            .grant("cell-secretary", "/AG/VB/C07")
            .authorizedParty("some-other-client")
            .sign();
    client
        .get()
        .uri("/api/members?orgUnit=ou1")
        .headers(headers -> headers.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isUnauthorized();
    assertThat(MEMBER.received()).isEmpty();
  }

  @Test
  void portalMeForABearerCallerReadsTheTokenClaims() {
    String token =
        TestTokens.forUser("secretary")
            .roles("member", "cell-secretary")
            .orgScope("/AG/VB/C07")
            .memberId("m1")
            .sign();
    client
        .get()
        .uri("/portal/me")
        .headers(headers -> headers.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.username")
        .isEqualTo("secretary")
        .jsonPath("$.roles")
        .isEqualTo(java.util.List.of("member", "cell-secretary"))
        .jsonPath("$.orgScope[0]")
        .isEqualTo("/AG/VB/C07")
        .jsonPath("$.memberId")
        .isEqualTo("m1");
  }

  @Test
  void eachServiceDescriptionIsReachableUnderItsOwnName() {
    client.get().uri("/v3/api-docs/meeting").exchange().expectStatus().isOk();
    assertThat(MEETING.last().orElseThrow().path()).isEqualTo("/v3/api-docs");
    assertThat(MEMBER.received()).isEmpty();
  }

  @Test
  void deadLetterAdministrationIsNotExposed() {
    String token = TestTokens.forUser("admin").roles("it-admin").sign();
    client
        .get()
        .uri("/api/admin/dead-letters")
        .headers(headers -> headers.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404);
    Stream.of(MEMBER, MEETING, DOCUMENT, NOTIFICATION)
        .forEach(service -> assertThat(service.received()).isEmpty());
  }

  @Test
  void healthReadinessAndPrometheusAreExposed() {
    client
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
    client
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(metrics -> assertThat(metrics).contains("jvm_memory_used_bytes"));
  }
}
