package vn.digicell.gateway.portal;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.digicell.gateway.web.ProblemException;
import vn.digicell.gateway.web.ProblemResponses.Problem;

/**
 * What the portal needs besides its static files: the person using it, its texts, and the page for
 * the addresses printed in QR codes ({@code /s/{code}} a board section, {@code /p/{code}} a meeting
 * pack), which are the portal itself; the script reads the address.
 */
@RestController
class PortalController {

  private static final List<String> AUTHORISATION_CLAIMS = List.of("grants", "member_id");

  private final ReactiveOAuth2AuthorizedClientManager authorizedClients;
  private final PortalMessages messages;
  private final PortalAssets assets;

  PortalController(
      ReactiveOAuth2AuthorizedClientManager authorizedClients,
      PortalMessages messages,
      PortalAssets assets) {
    this.authorizedClients = authorizedClients;
    this.messages = messages;
    this.assets = assets;
  }

  /**
   * The portal's texts in one language as a flat JSON object. Revalidated on every use (ETag), so a
   * new release shows new texts at once and an unchanged bundle costs a 304.
   */
  @GetMapping(path = "/portal/messages", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> messages(
      @RequestParam(defaultValue = "vi") String lang, ServerWebExchange exchange) {
    PortalMessages.Bundle bundle = messages.of(lang);
    CacheControl revalidate = CacheControl.noCache().cachePublic();
    if (exchange.checkNotModified(bundle.etag())) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
          .eTag(bundle.etag())
          .cacheControl(revalidate)
          .build();
    }
    return ResponseEntity.ok().eTag(bundle.etag()).cacheControl(revalidate).body(bundle.texts());
  }

  /** QR addresses open the portal page; the script shows the section or pack. */
  @GetMapping(
      path = {"/s/{code}", "/p/{code}"},
      produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<byte[]> qrPage(@PathVariable String code, ServerWebExchange exchange) {
    return assets
        .page()
        .map(
            page -> PortalAssetsController.serve(page, PortalAssetsController.REVALIDATE, exchange))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @GetMapping("/portal/me")
  Mono<CurrentUser> me(Authentication authentication, ServerWebExchange exchange) {
    if (authentication instanceof JwtAuthenticationToken bearer) {
      return Mono.just(CurrentUser.fromClaims(bearer.getTokenAttributes(), bearer.getName()));
    }
    if (authentication instanceof OAuth2AuthenticationToken login) {
      Map<String, Object> identity = new HashMap<>(login.getPrincipal().getAttributes());
      if (login.getPrincipal() instanceof OidcUser oidc) {
        identity.putAll(oidc.getClaims());
      }
      return accessTokenClaims(login, exchange)
          .map(
              access -> {
                // the access token is refreshed, the id token is not: take the grants from it
                Map<String, Object> claims = new HashMap<>(identity);
                AUTHORISATION_CLAIMS.stream()
                    .filter(access::containsKey)
                    .forEach(claim -> claims.put(claim, access.get(claim)));
                return CurrentUser.fromClaims(claims, login.getName());
              });
    }
    return Mono.just(CurrentUser.fromClaims(Map.of(), authentication.getName()));
  }

  /**
   * The claims of the session's current access token. It came straight from Keycloak's token
   * endpoint over the back channel, so reading it needs no signature check here.
   */
  private Mono<Map<String, Object>> accessTokenClaims(
      OAuth2AuthenticationToken login, ServerWebExchange exchange) {
    OAuth2AuthorizeRequest request =
        OAuth2AuthorizeRequest.withClientRegistrationId(login.getAuthorizedClientRegistrationId())
            .principal(login)
            .attribute(ServerWebExchange.class.getName(), exchange)
            .build();
    return authorizedClients
        .authorize(request)
        .map(client -> parseClaims(client.getAccessToken().getTokenValue()))
        .onErrorMap(
            OAuth2AuthorizationException.class,
            expired -> new ProblemException(Problem.SESSION_EXPIRED))
        .switchIfEmpty(Mono.error(() -> new ProblemException(Problem.SESSION_EXPIRED)));
  }

  private static Map<String, Object> parseClaims(String token) {
    try {
      return new HashMap<>(JWTParser.parse(token).getJWTClaimsSet().getClaims());
    } catch (ParseException notAJwt) {
      return Map.of();
    }
  }
}
