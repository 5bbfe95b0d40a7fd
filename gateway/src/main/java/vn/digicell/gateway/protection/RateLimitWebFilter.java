package vn.digicell.gateway.protection;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.digicell.gateway.web.ProblemResponses;
import vn.digicell.gateway.web.ProblemResponses.Problem;

/**
 * Refuses API calls beyond the budget of the caller's address or of the signed-in user with a 429
 * problem and {@code Retry-After}. Runs after Spring Security, so the user is known; the address
 * budget also covers anonymous callers. Portal pages and static files are not counted.
 */
@Component
class RateLimitWebFilter implements WebFilter, Ordered {

  private final RateLimitProperties properties;
  private final TokenBuckets perUser;
  private final TokenBuckets perAddress;
  private final ProblemResponses problems;
  private final MeterRegistry meters;

  RateLimitWebFilter(
      RateLimitProperties properties, ProblemResponses problems, MeterRegistry meters) {
    this.properties = properties;
    this.perUser =
        new TokenBuckets(properties.perUser(), properties.maxTrackedKeys(), System::nanoTime);
    this.perAddress =
        new TokenBuckets(properties.perAddress(), properties.maxTrackedKeys(), System::nanoTime);
    this.problems = problems;
    this.meters = meters;
  }

  @Override
  public int getOrder() {
    // after the security chain (-100): the principal is resolved by then
    return 0;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!properties.enabled() || !exchange.getRequest().getPath().value().startsWith("/api/")) {
      return chain.filter(exchange);
    }
    TokenBuckets.Decision byAddress = perAddress.take("addr:" + address(exchange));
    if (!byAddress.allowed()) {
      return refuse(exchange, byAddress, "address");
    }
    return exchange
        .getPrincipal()
        .map(Principal::getName)
        .map(user -> perUser.take("user:" + user))
        .defaultIfEmpty(new TokenBuckets.Decision(true, java.time.Duration.ZERO))
        .flatMap(
            byUser -> byUser.allowed() ? chain.filter(exchange) : refuse(exchange, byUser, "user"));
  }

  private Mono<Void> refuse(ServerWebExchange exchange, TokenBuckets.Decision decision, String by) {
    meters.counter("digicell_gateway_rate_limited_total", "by", by).increment();
    long seconds = Math.max(1, (long) Math.ceil(decision.retryAfter().toMillis() / 1000.0));
    return problems.write(
        exchange,
        Problem.TOO_MANY_REQUESTS,
        Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
  }

  private static String address(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    if (remote == null) {
      return "unknown";
    }
    return remote.getAddress() != null
        ? remote.getAddress().getHostAddress()
        : remote.getHostString();
  }
}
