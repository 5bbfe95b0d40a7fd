package vn.digicell.gateway.protection;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
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
 * budget also covers anonymous callers. Portal pages and static files are not counted. The budgets
 * are shared by every gateway replica ({@link SharedTokenBuckets}).
 */
@Component
class RateLimitWebFilter implements WebFilter, Ordered {

  private final RateLimitProperties properties;
  private final SharedTokenBuckets perUser;
  private final SharedTokenBuckets perAddress;
  private final ProblemResponses problems;
  private final MeterRegistry meters;

  RateLimitWebFilter(
      RateLimitProperties properties,
      ReactiveStringRedisTemplate redis,
      ProblemResponses problems,
      MeterRegistry meters) {
    this.properties = properties;
    this.perUser = buckets(properties, properties.perUser(), redis, meters);
    this.perAddress = buckets(properties, properties.perAddress(), redis, meters);
    this.problems = problems;
    this.meters = meters;
  }

  private static SharedTokenBuckets buckets(
      RateLimitProperties properties,
      RateLimitProperties.Budget budget,
      ReactiveStringRedisTemplate redis,
      MeterRegistry meters) {
    return new SharedTokenBuckets(
        redis,
        properties.namespace(),
        budget,
        properties.storeTimeout(),
        new TokenBuckets(budget, properties.maxTrackedKeys(), System::nanoTime),
        meters.counter("digicell_gateway_rate_limit_fallbacks_total"));
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
    return perAddress
        .take("addr:" + address(exchange))
        .flatMap(
            byAddress ->
                byAddress.allowed()
                    ? exchange
                        .getPrincipal()
                        .map(Principal::getName)
                        .flatMap(user -> perUser.take("user:" + user))
                        .defaultIfEmpty(new TokenBuckets.Decision(true, java.time.Duration.ZERO))
                        .flatMap(
                            byUser ->
                                byUser.allowed()
                                    ? chain.filter(exchange)
                                    : refuse(exchange, byUser, "user"))
                    : refuse(exchange, byAddress, "address"));
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
