package vn.digicell.gateway.protection;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Token buckets every gateway replica shares, kept in Redis beside the web sessions (ADR 0011): a
 * caller's budget is the same whichever replica the load balancer picks, so N replicas do not
 * multiply it. One script per request refills and takes atomically, on the store's clock.
 *
 * <p>If the store does not answer within {@code store-timeout}, the decision falls back to this
 * replica's own {@link TokenBuckets} — the budget then holds per replica, as before, rather than
 * refusing or stalling every API call while Redis is away — and the fall-back is counted ({@code
 * digicell_gateway_rate_limit_fallbacks_total}) so the on-call team sees it.
 */
final class SharedTokenBuckets {

  private static final Logger log = LoggerFactory.getLogger(SharedTokenBuckets.class);

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final RedisScript<List<Long>> SCRIPT =
      (RedisScript)
          RedisScript.of(new ClassPathResource("rate-limit/token-bucket.lua"), List.class);

  private final ReactiveStringRedisTemplate redis;
  private final String keyPrefix;
  private final List<String> arguments;
  private final Duration timeout;
  private final TokenBuckets local;
  private final Counter fallbacks;
  private final AtomicBoolean degraded = new AtomicBoolean();

  SharedTokenBuckets(
      ReactiveStringRedisTemplate redis,
      String namespace,
      RateLimitProperties.Budget budget,
      Duration timeout,
      TokenBuckets local,
      Counter fallbacks) {
    this.redis = redis;
    // the budget is part of the key: a rolling update that changes it starts fresh buckets
    // instead of mixing two budgets' state
    this.keyPrefix =
        namespace
            + ":"
            + budget.capacity()
            + "-"
            + budget.refill()
            + "-"
            + budget.period().toMillis()
            + ":";
    double perMs = (double) budget.refill() / budget.period().toMillis();
    long fillMs = (long) Math.ceil(budget.capacity() / perMs);
    // a bucket untouched for longer than it takes to fill is full: Redis may forget it
    this.arguments =
        List.of(
            Integer.toString(budget.capacity()),
            Double.toString(perMs),
            Long.toString(Math.max(1000, fillMs)));
    this.timeout = timeout;
    this.local = local;
    this.fallbacks = fallbacks;
  }

  Mono<TokenBuckets.Decision> take(String key) {
    return redis
        .execute(SCRIPT, List.of(keyPrefix + key), arguments)
        .collect(ArrayList<Long>::new, ArrayList::addAll)
        .map(
            answer -> {
              if (degraded.compareAndSet(true, false)) {
                log.info("Rate-limit store answers again; budgets are shared across replicas");
              }
              return new TokenBuckets.Decision(
                  answer.get(0) == 1L, Duration.ofMillis(answer.get(1)));
            })
        .timeout(timeout)
        .onErrorResume(
            error -> {
              fallbacks.increment();
              if (degraded.compareAndSet(false, true)) {
                log.warn(
                    "Rate-limit store unavailable ({}); each replica decides on its own budget"
                        + " until it answers",
                    error.toString());
              }
              return Mono.just(local.take(key));
            });
  }
}
