package vn.digicell.gateway.portal;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.digicell.gateway.web.ProblemException;
import vn.digicell.gateway.web.ProblemResponses.Problem;

/** What the portal needs to know about the person using it. */
@RestController
class PortalController {

  private static final List<String> AUTHORISATION_CLAIMS =
      List.of("realm_access", "org_scope", "member_id");

  private final ReactiveOAuth2AuthorizedClientManager authorizedClients;

  PortalController(ReactiveOAuth2AuthorizedClientManager authorizedClients) {
    this.authorizedClients = authorizedClients;
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
                // the access token is refreshed, the id token is not: take roles and scope from it
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
