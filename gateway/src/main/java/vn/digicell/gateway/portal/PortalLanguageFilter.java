package vn.digicell.gateway.portal;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A request routed to a service carries the portal's language as {@code Accept-Language} when the
 * person chose one ({@code dc_lang} cookie): plain links (the import template, a document, an
 * export) then answer in the portal's language like the portal's own calls do. Requests without the
 * cookie (other clients) keep their header.
 */
@Component
class PortalLanguageFilter implements GlobalFilter, Ordered {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    String chosen = PortalLanguage.chosen(exchange.getRequest());
    if (chosen == null) {
      return chain.filter(exchange);
    }
    return chain.filter(
        exchange
            .mutate()
            .request(r -> r.headers(h -> h.set(HttpHeaders.ACCEPT_LANGUAGE, chosen)))
            .build());
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 100;
  }
}
