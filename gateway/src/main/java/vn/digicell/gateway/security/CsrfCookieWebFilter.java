package vn.digicell.gateway.security;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The CSRF token is created lazily; resolving it here makes sure every browser response carries the
 * {@code XSRF-TOKEN} cookie the portal's script needs before its first POST.
 */
class CsrfCookieWebFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (BearerRequests.carriesBearerToken(exchange)) {
      return chain.filter(exchange);
    }
    Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
    return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
  }
}
