package vn.digicell.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import vn.digicell.notification.preference.Channel;

/**
 * {@code digicell_notifications_delivered_total{channel,outcome}} with outcome queued, sent,
 * delivered, retried, failed, skipped (no address for the channel).
 */
@Component
class DeliveryMetrics {

  private final MeterRegistry meters;

  DeliveryMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void count(Channel channel, String outcome, int n) {
    if (n <= 0) {
      return;
    }
    Counter.builder("digicell.notifications.delivered")
        .description("Notice deliveries by channel and outcome")
        .tag("channel", channel.name().toLowerCase(java.util.Locale.ROOT))
        .tag("outcome", outcome)
        .register(meters)
        .increment(n);
  }
}
