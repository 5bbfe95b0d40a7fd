package vn.digicell.platform.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves forward, so time-driven rules (escalations, leases running out) run
 * without waiting; between moves it keeps time with the real clock.
 */
public final class MutableClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  /** Moves the clock {@code by} forward, for good. */
  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }
}
