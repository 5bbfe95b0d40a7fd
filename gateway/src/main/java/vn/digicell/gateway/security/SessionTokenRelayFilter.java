package vn.digicell.gateway.security;

import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.digicell.gateway.web.ProblemResponses;
import vn.digicell.gateway.web.ProblemResponses.Problem;

/**
 * Token relay for browser sessions: the service behind a route receives the session's access token
 * (refreshed first when it has expired) as {@code Authorization: Bearer}. Requests that came with
 * their own bearer token are left exactly as they are.
 *
 * <p>When the session no longer has a usable token (the refresh token expired or was revoked), the
 * caller gets a 401 problem instead of a request the service would reject anyway.
 */
@Component
class SessionTokenRelayFilter implements GlobalFilter, Ordered {

  private final ReactiveOAuth2AuthorizedClientManager authorizedClients;
  private final ProblemResponses problems;

  SessionTokenRelayFilter(
      ReactiveOAuth2AuthorizedClientManager authorizedClients, ProblemResponses problems) {
    this.authorizedClients = authorizedClients;
    this.problems = problems;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return exchange
        .getPrincipal()
        .map(
            principal ->
                principal instanceof OAuth2AuthenticationToken login
                    ? Optional.of(login)
                    : Optional.<OAuth2AuthenticationToken>empty())
        .defaultIfEmpty(Optional.empty())
        .flatMap(
            login ->
                login.isPresent() ? relay(exchange, chain, login.get()) : chain.filter(exchange));
  }

  private Mono<Void> relay(
      ServerWebExchange exchange, GatewayFilterChain chain, OAuth2AuthenticationToken login) {
    OAuth2AuthorizeRequest request =
        OAuth2AuthorizeRequest.withClientRegistrationId(login.getAuthorizedClientRegistrationId())
            .principal(login)
            .attribute(ServerWebExchange.class.getName(), exchange)
            .build();
    return authorizedClients
        .authorize(request)
        .map(client -> client.getAccessToken().getTokenValue())
        .onErrorResume(OAuth2AuthorizationException.class, expired -> Mono.empty())
        .map(token -> withBearer(exchange, token))
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(
            relayed ->
                relayed.isPresent()
                    ? chain.filter(relayed.get())
                    : problems.write(exchange, Problem.SESSION_EXPIRED));
  }

  private static ServerWebExchange withBearer(ServerWebExchange exchange, String token) {
    return exchange
        .mutate()
        .request(request -> request.headers(headers -> headers.setBearerAuth(token)))
        .build();
  }

  @Override
  public int getOrder() {
    return 0;
  }
}
