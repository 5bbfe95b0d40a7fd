package vn.digicell.gateway.security;

import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.digicell.gateway.web.ProblemResponses;
import vn.digicell.gateway.web.ProblemResponses.Problem;

/**
 * A person navigating to a page is sent to the Keycloak login; anything else (the API, the portal's
 * own fetches, scripts) gets a 401 problem it can act on.
 */
class LoginOrProblemEntryPoint implements ServerAuthenticationEntryPoint {

  private final RedirectServerAuthenticationEntryPoint login;
  private final MediaTypeServerWebExchangeMatcher htmlNavigation;
  private final ProblemResponses problems;

  LoginOrProblemEntryPoint(String loginPath, ProblemResponses problems) {
    this.login = new RedirectServerAuthenticationEntryPoint(loginPath);
    this.htmlNavigation = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
    this.htmlNavigation.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    this.problems = problems;
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
    if (exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/api/")) {
      return unauthenticated(exchange);
    }
    return htmlNavigation
        .matches(exchange)
        .filter(MatchResult::isMatch)
        .flatMap(html -> login.commence(exchange, failure).thenReturn(Boolean.TRUE))
        .switchIfEmpty(Mono.defer(() -> unauthenticated(exchange).thenReturn(Boolean.TRUE)))
        .then();
  }

  private Mono<Void> unauthenticated(ServerWebExchange exchange) {
    return problems.write(
        exchange, Problem.UNAUTHENTICATED, Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
  }
}
