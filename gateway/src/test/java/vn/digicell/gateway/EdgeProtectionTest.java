package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;
import vn.digicell.platform.test.TestTokens;

/** Size limits, correlation ids, the fresh login for signing, and the API documentation page. */
class EdgeProtectionTest extends GatewayTestSupport {

  final String token = TestTokens.forUser("edge-user").roles("cell-secretary").sign();

  @Test
  void aBodyOverTheRouteLimitGetsProblem413AndNeverReachesTheService() {
    byte[] tooLarge = new byte[1024 * 1024 + 1];
    client
        .post()
        .uri("/api/meetings")
        .headers(h -> h.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(tooLarge)
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://digicell.vn/problems/payload-too-large");
    assertThat(MEETING.received()).isEmpty();
  }

  @Test
  void malformedPathsGetAProblemDocumentAndNeverReachTheService() {
    for (String path :
        new String[] {"/api/members/a%2Fb", "/api/members/a%00b", "/api/members/%2e%2e/x"}) {
      client
          .get()
          .uri(URI.create(path))
          .headers(h -> h.setBearerAuth(token))
          .header(HttpHeaders.ACCEPT_LANGUAGE, "vi")
          .exchange()
          .expectStatus()
          .isEqualTo(400)
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("https://digicell.vn/problems/bad-request")
          .jsonPath("$.title")
          .isNotEmpty();
    }
    assertThat(MEMBER.received()).isEmpty();
  }

  @Test
  void aBodyWithinTheLimitPasses() {
    client
        .post()
        .uri("/api/meetings")
        .headers(h -> h.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"title\":\"Sinh hoạt chi bộ tháng 11\"}")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(MEETING.received()).hasSize(1);
  }

  @Test
  void aWellFormedRequestIdTravelsToTheServiceAndBack() {
    client
        .get()
        .uri("/api/members")
        .headers(h -> h.setBearerAuth(token))
        .header("X-Request-Id", "portal-1234abcd")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Request-Id", "portal-1234abcd");
    assertThat(MEMBER.last())
        .get()
        .extracting(FakeService.Received::requestId)
        .isEqualTo("portal-1234abcd");
  }

  @Test
  void aMissingOrMalformedRequestIdIsReplacedWithANewOne() {
    String given = "bad id\r\nX-Evil: 1";
    String echoed =
        client
            .get()
            .uri("/api/members")
            .headers(h -> h.setBearerAuth(token))
            .header("X-Request-Id", "short")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst("X-Request-Id");
    assertThat(echoed).isNotEqualTo("short").hasSize(36);
    assertThat(MEMBER.last().orElseThrow().requestId()).isEqualTo(echoed).isNotEqualTo(given);
  }

  @Test
  void refusedRequestsCarryARequestIdToo() {
    client
        .get()
        .uri("/api/members")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .exists("X-Request-Id");
  }

  @Test
  void aFreshLoginMakesKeycloakAskForThePasswordAgainWithPkce() {
    URI location =
        client
            .get()
            .uri("/oauth2/authorization/keycloak?fresh=true")
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .returnResult(Void.class)
            .getResponseHeaders()
            .getLocation();
    var query = UriComponentsBuilder.fromUri(location).build().getQueryParams();
    assertThat(query.getFirst("prompt")).isEqualTo("login");
    assertThat(query.getFirst("max_age")).isEqualTo("0");
    assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
    assertThat(query.getFirst("code_challenge")).isNotBlank();
  }

  @Test
  void theLoginPageIsInThePortalsLanguageWhateverTheBrowsersOwn() {
    // a phone set to English, no choice made in the portal: Vietnamese first
    var query = UriComponentsBuilder.fromUri(loginRedirect(null)).build().getQueryParams();
    assertThat(query.getFirst("ui_locales")).isEqualTo("vi");
    // the person switched the portal to English
    assertThat(
            UriComponentsBuilder.fromUri(loginRedirect("en"))
                .build()
                .getQueryParams()
                .getFirst("ui_locales"))
        .isEqualTo("en");
    // junk in the cookie is no language
    assertThat(
            UriComponentsBuilder.fromUri(loginRedirect("fr"))
                .build()
                .getQueryParams()
                .getFirst("ui_locales"))
        .isEqualTo("vi");
  }

  private URI loginRedirect(String portalLanguage) {
    return client
        .get()
        .uri("/oauth2/authorization/keycloak")
        .header(HttpHeaders.ACCEPT_LANGUAGE, "en-US,en;q=0.9")
        .cookies(
            c -> {
              if (portalLanguage != null) {
                c.add("dc_lang", portalLanguage);
              }
            })
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .returnResult(Void.class)
        .getResponseHeaders()
        .getLocation();
  }

  @Test
  void aPlainLinkReachesTheServiceInThePortalsLanguage() {
    // a downloaded template or document: no script sets the header, the browser says English
    client
        .get()
        .uri("/api/members")
        .headers(h -> h.setBearerAuth(token))
        .header(HttpHeaders.ACCEPT_LANGUAGE, "en-US,en;q=0.9")
        .cookie("dc_lang", "vi")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(MEMBER.last().orElseThrow().acceptLanguage()).isEqualTo("vi");
    // a client that is not the portal keeps its own header
    client
        .get()
        .uri("/api/members")
        .headers(h -> h.setBearerAuth(token))
        .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(MEMBER.last().orElseThrow().acceptLanguage()).isEqualTo("en");
  }

  @Test
  void anOrdinaryLoginDoesNotForceThePassword() {
    URI location =
        client
            .get()
            .uri("/oauth2/authorization/keycloak")
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .returnResult(Void.class)
            .getResponseHeaders()
            .getLocation();
    var query = UriComponentsBuilder.fromUri(location).build().getQueryParams();
    assertThat(query).doesNotContainKey("prompt").doesNotContainKey("max_age");
    assertThat(query.getFirst("code_challenge")).isNotBlank();
  }

  @Test
  void theApiDocumentationPageListsEveryServicesDescription() {
    client
        .get()
        .uri("/v3/api-docs/gateway/swagger-config")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.urls[*].url")
        .value(
            urls ->
                assertThat(urls)
                    .asInstanceOf(InstanceOfAssertFactories.LIST)
                    .contains(
                        "/v3/api-docs/member",
                        "/v3/api-docs/meeting",
                        "/v3/api-docs/document",
                        "/v3/api-docs/notification"));
    client
        .get()
        .uri("/api-docs")
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .value(HttpHeaders.LOCATION, to -> assertThat(to).contains("/swagger-ui/index.html"));
    client
        .get()
        .uri("/swagger-ui/index.html")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .value(
            "Content-Security-Policy",
            policy -> assertThat(policy).contains("style-src 'self' 'unsafe-inline'"));
    // the portal keeps the strict policy
    client
        .get()
        .uri("/")
        .exchange()
        .expectHeader()
        .value("Content-Security-Policy", policy -> assertThat(policy).doesNotContain("unsafe"));
  }

  @Test
  void eachServicesDescriptionIsReachableWithoutLogin() {
    client.get().uri("/v3/api-docs/meeting").exchange().expectStatus().isOk();
    assertThat(MEETING.last())
        .get()
        .extracting(FakeService.Received::path)
        .isEqualTo("/v3/api-docs");
  }
}
