package vn.digicell.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code digicell.events.*}: the event spine of one service.
 *
 * @param source the CloudEvents {@code source} of what this service publishes, e.g. {@code
 *     /digicell/member-service}; defaults to {@code /digicell/<spring.application.name>}
 * @param sendTimeout how long a publish waits for the broker's acknowledgement
 * @param relay the background re-publisher of events a crash left in the outbox
 * @param retry how a failing consumer retries before a message goes to its dead-letter topic
 * @param idempotency how long the outcome of a command sent with an {@code Idempotency-Key} is kept
 */
@ConfigurationProperties("digicell.events")
public record EventsProperties(
    String source, Duration sendTimeout, Relay relay, Retry retry, Idempotency idempotency) {

  public EventsProperties {
    sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
    relay = relay == null ? new Relay(true, null, null, 0) : relay;
    retry = retry == null ? new Retry(0, null, 0, null) : retry;
    idempotency = idempotency == null ? new Idempotency(null, null) : idempotency;
  }

  /**
   * @param retention how long a key's outcome is replayed (24 h by default): a caller retrying
   *     within it gets the original answer; after it the same key runs the command again
   * @param inProgressTimeout how long an unanswered first attempt counts as still running; after
   *     that its process is taken to have stopped (longer than any request may take: the gateway
   *     gives up after 30 s)
   */
  public record Idempotency(Duration retention, Duration inProgressTimeout) {
    public Idempotency {
      retention = retention == null ? Duration.ofHours(24) : retention;
      inProgressTimeout = inProgressTimeout == null ? Duration.ofSeconds(60) : inProgressTimeout;
    }
  }

  /**
   * @param enabled whether the relay runs
   * @param interval time between relay passes
   * @param grace how old an outbox entry must be before the relay takes it (the request that wrote
   *     it normally publishes it within milliseconds)
   * @param batchSize documents per pass
   */
  public record Relay(boolean enabled, Duration interval, Duration grace, int batchSize) {
    public Relay {
      interval = interval == null ? Duration.ofSeconds(5) : interval;
      grace = grace == null ? Duration.ofSeconds(10) : grace;
      batchSize = batchSize <= 0 ? 200 : batchSize;
    }
  }

  /**
   * @param attempts deliveries before dead-lettering (first try included)
   * @param initialInterval first back-off
   * @param multiplier back-off growth
   * @param maxInterval longest back-off
   */
  public record Retry(
      int attempts, Duration initialInterval, double multiplier, Duration maxInterval) {
    public Retry {
      attempts = attempts <= 0 ? 4 : attempts;
      initialInterval = initialInterval == null ? Duration.ofMillis(500) : initialInterval;
      multiplier = multiplier <= 1 ? 2.0 : multiplier;
      maxInterval = maxInterval == null ? Duration.ofSeconds(10) : maxInterval;
    }
  }
}
