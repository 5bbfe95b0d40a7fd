package vn.digicell.notification.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * ledger.checkpoints need no notice: they are only counted ({@code
 * digicell_ledger_checkpoints_seen_total}).
 */
@Component
class LedgerCheckpointsListener {

  private final Counter seen;

  LedgerCheckpointsListener(MeterRegistry meters) {
    this.seen =
        Counter.builder("digicell.ledger.checkpoints.seen")
            .description("Ledger checkpoints seen by notification-service (no notice)")
            .register(meters);
  }

  @KafkaListener(topics = "ledger.checkpoints", groupId = MemberEventsListener.GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    seen.increment();
  }
}
