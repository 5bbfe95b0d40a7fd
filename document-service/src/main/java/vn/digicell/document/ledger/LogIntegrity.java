package vn.digicell.document.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The archive log's integrity signal: a checkpoint refused because the stored tree does not extend
 * the last signed one is an alert (log line {@code ARCHIVE LOG INTEGRITY ALERT}), a count ({@code
 * digicell.ledger.checkpoints.refused}), a gauge ({@code digicell.ledger.integrity}, 1 intact, 0
 * refused) and a DOWN {@code archiveLog} health component until a checkpoint is signed again.
 */
@Component("archiveLog")
public class LogIntegrity implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(LogIntegrity.class);

  /** The last refusal. */
  public record Refusal(long signedSize, long treeSize, String reason, Instant at) {}

  private final AtomicReference<Refusal> refusal = new AtomicReference<>();
  private final Counter refused;
  private final Clock clock;

  LogIntegrity(ObjectProvider<MeterRegistry> meters, Clock clock) {
    MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
    this.clock = clock;
    this.refused =
        Counter.builder("digicell.ledger.checkpoints.refused")
            .description("Checkpoints not signed because the tree does not extend the last one")
            .register(registry);
    Gauge.builder("digicell.ledger.integrity", refusal, r -> r.get() == null ? 1 : 0)
        .description(
            "1 while the archive log extends its last signed checkpoint, 0 after a refusal")
        .register(registry);
  }

  void refused(long signedSize, long treeSize, String reason) {
    Refusal r = new Refusal(signedSize, treeSize, reason, Instant.now(clock));
    refusal.set(r);
    refused.increment();
    LOG.error(
        "ARCHIVE LOG INTEGRITY ALERT: checkpoint of size {} NOT signed: {} (last signed size {});"
            + " the stored log was changed: restore it from a backup and audit it",
        treeSize,
        reason,
        signedSize);
  }

  void signed(long size) {
    refusal.set(null);
  }

  /** The last refusal, while no checkpoint was signed since. */
  public java.util.Optional<Refusal> lastRefusal() {
    return java.util.Optional.ofNullable(refusal.get());
  }

  /** Total refusals since start. */
  public double refusals() {
    return refused.count();
  }

  @Override
  public Health health() {
    Refusal r = refusal.get();
    if (r == null) {
      return Health.up().build();
    }
    return Health.down()
        .withDetail("reason", r.reason())
        .withDetail("signedSize", r.signedSize())
        .withDetail("treeSize", r.treeSize())
        .withDetail("refusedAt", r.at().toString())
        .build();
  }
}
