package vn.digicell.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

  final AtomicLong now = new AtomicLong(1_000_000_000L);

  TokenBuckets buckets(int capacity, int refill, Duration period, int maxKeys) {
    return new TokenBuckets(
        new RateLimitProperties.Budget(capacity, refill, period), maxKeys, now::get);
  }

  @Test
  void aFullBucketAllowsItsCapacityThenRefusesWithTheWaitForTheNextToken() {
    TokenBuckets buckets = buckets(3, 1, Duration.ofSeconds(2), 100);
    assertThat(buckets.take("a").allowed()).isTrue();
    assertThat(buckets.take("a").allowed()).isTrue();
    assertThat(buckets.take("a").allowed()).isTrue();
    TokenBuckets.Decision refused = buckets.take("a");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void tokensComeBackAtTheRefillRateButNeverBeyondCapacity() {
    TokenBuckets buckets = buckets(2, 1, Duration.ofSeconds(1), 100);
    buckets.take("a");
    buckets.take("a");
    assertThat(buckets.take("a").allowed()).isFalse();
    now.addAndGet(Duration.ofMillis(1_000).toNanos());
    assertThat(buckets.take("a").allowed()).isTrue();
    assertThat(buckets.take("a").allowed()).isFalse();
    now.addAndGet(Duration.ofHours(1).toNanos());
    assertThat(buckets.take("a").allowed()).isTrue();
    assertThat(buckets.take("a").allowed()).isTrue();
    assertThat(buckets.take("a").allowed()).isFalse();
  }

  @Test
  void keysHaveTheirOwnBuckets() {
    TokenBuckets buckets = buckets(1, 1, Duration.ofMinutes(1), 100);
    assertThat(buckets.take("a").allowed()).isTrue();
    assertThat(buckets.take("a").allowed()).isFalse();
    assertThat(buckets.take("b").allowed()).isTrue();
  }

  @Test
  void fullBucketsAreForgottenWhenTooManyKeysAreTrackedButSpentOnesAreKept() {
    TokenBuckets buckets = buckets(1, 1, Duration.ofMinutes(1), 3);
    buckets.take("spent");
    now.addAndGet(Duration.ofMinutes(5).toNanos());
    buckets.take("x");
    buckets.take("y");
    // "spent" has refilled by now, "x" and "y" are empty: only "spent" can go
    buckets.take("z");
    assertThat(buckets.trackedKeys()).isEqualTo(3);
    assertThat(buckets.take("x").allowed()).isFalse();
  }
}
