package vn.digicell.notification.broadcast;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code digicell.notification.broadcast.*}.
 *
 * @param batchSize recipients per fan-out batch (one bulk insert, one bulk notice issue)
 * @param remindInterval the least time between two remind rounds of one broadcast
 * @param staleAfter a running fan-out whose heartbeat is older than this is taken over
 * @param maxTargets the most org subtrees one broadcast may name
 */
@ConfigurationProperties("digicell.notification.broadcast")
public record BroadcastProperties(
    int batchSize, Duration remindInterval, Duration staleAfter, int maxTargets) {

  public BroadcastProperties {
    if (batchSize <= 0) {
      batchSize = 1000;
    }
    if (remindInterval == null) {
      remindInterval = Duration.ofHours(1);
    }
    if (staleAfter == null) {
      staleAfter = Duration.ofMinutes(2);
    }
    if (maxTargets <= 0) {
      maxTargets = 100;
    }
  }
}
