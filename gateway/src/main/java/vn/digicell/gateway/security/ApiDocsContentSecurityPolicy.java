package vn.digicell.gateway.security;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The API documentation page (Swagger UI) styles its elements inline and draws icons from data
 * URIs; only its own files get that allowance, the portal keeps the strict policy.
 */
@Component
class ApiDocsContentSecurityPolicy implements WebFilter, Ordered {

  static final String POLICY =
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          + "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().value();
    if (path.startsWith("/swagger-ui/") || path.startsWith("/webjars/swagger-ui/")) {
      // runs after Spring Security's header writer, which also writes just before commit
      exchange
          .getResponse()
          .beforeCommit(
              () -> {
                exchange.getResponse().getHeaders().set("Content-Security-Policy", POLICY);
                return Mono.empty();
              });
    }
    return chain.filter(exchange);
  }
}
