package vn.digicell.gateway.protection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request budgets at the edge ({@code digicell.gateway.rate-limit.*}): one token bucket per
 * signed-in user and one per client address, both applied to {@code /api/**}. A bucket holds {@code
 * capacity} requests and refills {@code refill} requests every {@code period}. The buckets live in
 * Redis under {@code namespace}, shared by every replica; {@code store-timeout} bounds how long a
 * request waits for the store before this replica decides alone.
 */
@ConfigurationProperties("digicell.gateway.rate-limit")
record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue Budget perUser,
    @DefaultValue Budget perAddress,
    @DefaultValue("100000") int maxTrackedKeys,
    @DefaultValue("digicell:gateway:rate-limit") String namespace,
    @DefaultValue("250ms") Duration storeTimeout) {

  /** A bucket's size and how fast it refills. */
  record Budget(
      @DefaultValue("120") int capacity,
      @DefaultValue("60") int refill,
      @DefaultValue("PT1S") Duration period) {

    Budget {
      if (capacity < 1 || refill < 1 || period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException(
            "a rate-limit budget needs capacity >= 1, refill >= 1 and a positive period");
      }
    }
  }
}
