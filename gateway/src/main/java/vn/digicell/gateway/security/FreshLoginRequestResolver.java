package vn.digicell.gateway.security;

import java.util.Map;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.digicell.gateway.portal.PortalLanguage;

/**
 * The usual authorization request (code + PKCE), and on {@code ?fresh=true} one that makes Keycloak
 * ask for the password again ({@code prompt=login}, {@code max_age=0}): signing minutes needs a
 * login of a moment ago, and the new tokens carry the new {@code auth_time}. Every request names
 * the portal's language as {@code ui_locales} (Vietnamese unless the person switched), so the login
 * page is in the portal's language whatever the browser's own; its language switch still wins.
 */
final class FreshLoginRequestResolver implements ServerOAuth2AuthorizationRequestResolver {

  private final DefaultServerOAuth2AuthorizationRequestResolver delegate;

  FreshLoginRequestResolver(ReactiveClientRegistrationRepository registrations) {
    this.delegate = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
  }

  @Override
  public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
    return delegate
        .resolve(exchange)
        .map(request -> inPortalLanguage(exchange, freshIfAsked(exchange, request)));
  }

  @Override
  public Mono<OAuth2AuthorizationRequest> resolve(
      ServerWebExchange exchange, String clientRegistrationId) {
    return delegate
        .resolve(exchange, clientRegistrationId)
        .map(request -> inPortalLanguage(exchange, freshIfAsked(exchange, request)));
  }

  private static OAuth2AuthorizationRequest inPortalLanguage(
      ServerWebExchange exchange, OAuth2AuthorizationRequest request) {
    String language = PortalLanguage.of(exchange.getRequest());
    return OAuth2AuthorizationRequest.from(request)
        .additionalParameters(parameters -> parameters.put("ui_locales", language))
        .build();
  }

  private static OAuth2AuthorizationRequest freshIfAsked(
      ServerWebExchange exchange, OAuth2AuthorizationRequest request) {
    if (!"true".equals(exchange.getRequest().getQueryParams().getFirst("fresh"))) {
      return request;
    }
    return OAuth2AuthorizationRequest.from(request)
        .additionalParameters(
            parameters -> parameters.putAll(Map.of("prompt", "login", "max_age", "0")))
        .build();
  }
}
