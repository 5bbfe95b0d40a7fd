package vn.digicell.gateway.protection;

import java.security.Principal;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a correlation id ({@code X-Request-Id}: the caller's when it is well formed,
 * else a new one), passes it to the service behind the route, echoes it on the response, and writes
 * one access-log line per request (logger {@code vn.digicell.gateway.access}) with method, path,
 * status, duration, user and id — never query strings or bodies, which may carry personal data.
 */
@Component
class CorrelationIdWebFilter implements WebFilter, Ordered {

  static final String HEADER = "X-Request-Id";
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,64}");
  private static final Logger access = LoggerFactory.getLogger("vn.digicell.gateway.access");

  @Override
  public int getOrder() {
    // first of all, so even refused requests (401, 429) carry an id
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String given = exchange.getRequest().getHeaders().getFirst(HEADER);
    String id =
        given != null && WELL_FORMED.matcher(given).matches()
            ? given
            : UUID.randomUUID().toString();
    ServerHttpRequest request =
        exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, id)).build();
    ServerWebExchange tagged = exchange.mutate().request(request).build();
    tagged.getResponse().getHeaders().set(HEADER, id);
    long started = System.nanoTime();
    return chain
        .filter(tagged)
        .then(Mono.defer(() -> log(tagged, id, started)))
        .onErrorResume(failure -> log(tagged, id, started).then(Mono.error(failure)));
  }

  private static Mono<Void> log(ServerWebExchange exchange, String id, long started) {
    if (!access.isInfoEnabled()) {
      return Mono.empty();
    }
    return exchange
        .getPrincipal()
        .map(Principal::getName)
        .defaultIfEmpty("-")
        .doOnNext(
            user ->
                access.info(
                    "{} {} {} {}ms user={} id={}",
                    exchange.getRequest().getMethod().name(),
                    exchange.getRequest().getPath().value(),
                    exchange.getResponse().getStatusCode() != null
                        ? exchange.getResponse().getStatusCode().value()
                        : 0,
                    (System.nanoTime() - started) / 1_000_000,
                    user,
                    id))
        .then();
  }
}
