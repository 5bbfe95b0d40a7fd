package vn.digicell.gateway.protection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets, one per key: the replica's own fall-back while the shared store ({@link
 * SharedTokenBuckets}) does not answer. Then each replica keeps its own buckets, so with N replicas
 * the effective budget is at most N times the configured one — still enough to stop a runaway
 * script or a flood from one address.
 */
final class TokenBuckets {

  /** The answer for one request: allowed, or refused with how long to wait. */
  record Decision(boolean allowed, Duration retryAfter) {}

  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long updatedNanos) {
      this.tokens = tokens;
      this.updatedNanos = updatedNanos;
    }
  }

  private final RateLimitProperties.Budget budget;
  private final int maxKeys;
  private final LongSupplier nanoTime;
  private final double tokensPerNano;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  TokenBuckets(RateLimitProperties.Budget budget, int maxKeys, LongSupplier nanoTime) {
    this.budget = budget;
    this.maxKeys = maxKeys;
    this.nanoTime = nanoTime;
    this.tokensPerNano = (double) budget.refill() / budget.period().toNanos();
  }

  Decision take(String key) {
    long now = nanoTime.getAsLong();
    if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
      forgetFullBuckets(now);
    }
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(budget.capacity(), now));
    synchronized (bucket) {
      refill(bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return new Decision(true, Duration.ZERO);
      }
      long waitNanos = (long) Math.ceil((1 - bucket.tokens) / tokensPerNano);
      return new Decision(false, Duration.ofNanos(waitNanos));
    }
  }

  int trackedKeys() {
    return buckets.size();
  }

  private void refill(Bucket bucket, long now) {
    long elapsed = Math.max(0, now - bucket.updatedNanos);
    bucket.tokens = Math.min(budget.capacity(), bucket.tokens + elapsed * tokensPerNano);
    bucket.updatedNanos = now;
  }

  /** A full bucket carries no information: dropping it changes no decision. */
  private void forgetFullBuckets(long now) {
    buckets
        .entrySet()
        .removeIf(
            entry -> {
              synchronized (entry.getValue()) {
                refill(entry.getValue(), now);
                return entry.getValue().tokens >= budget.capacity();
              }
            });
  }
}
