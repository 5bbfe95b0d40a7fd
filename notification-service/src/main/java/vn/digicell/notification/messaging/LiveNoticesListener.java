package vn.digicell.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.notification.inbox.NoticeArrived;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * Live updates across instances: every instance reads {@code notice-issued} from its own {@code
 * notification.events} consumer group (one per instance, newest records only) and tells its open
 * streams. Not a projection: nothing is stored, failures are logged and dropped (the inbox itself
 * is the record).
 */
@Component
class LiveNoticesListener {

  private static final Logger log = LoggerFactory.getLogger(LiveNoticesListener.class);
  static final String ISSUED = "vn.digicell.notification.notice-issued.v1";

  private final ApplicationEventPublisher events;

  LiveNoticesListener(ApplicationEventPublisher events) {
    this.events = events;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Issued(String noticeId, String recipientMemberId) {}

  @KafkaListener(
      topics = "notification.events",
      groupId = "notification-service-live-#{T(java.util.UUID).randomUUID()}",
      properties = "auto.offset.reset=latest")
  void on(ConsumerRecord<String, byte[]> record) {
    try {
      ReceivedEvent event = ReceivedEvent.from(record);
      if (ISSUED.equals(event.type())) {
        Issued issued = event.payload(Issued.class);
        events.publishEvent(new NoticeArrived(issued.noticeId(), issued.recipientMemberId()));
      }
    } catch (RuntimeException e) {
      log.debug("live update dropped: {}", e.toString());
    }
  }
}
