package vn.digicell.notification.inbox.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.notification.inbox.InboxService;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/** Members' life events become notices: an admission brings a welcome. */
@Component
class MemberEventsListener {

  static final String GROUP = "notification-service";
  static final String ADMITTED = "vn.digicell.member.admitted.v1";

  private final InboxService inbox;
  private final AppliedEvents applied;

  MemberEventsListener(InboxService inbox, AppliedEvents applied) {
    this.inbox = inbox;
    this.applied = applied;
  }

  /** What this consumer reads of {@code vn.digicell.member.admitted.v1}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record MemberAdmitted(String memberId, String fullName, String orgPath) {}

  @KafkaListener(topics = "member.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    if (!ADMITTED.equals(event.type())) {
      return;
    }
    MemberAdmitted admitted = event.payload(MemberAdmitted.class);
    applied.applyOnce(
        GROUP,
        event,
        () ->
            inbox.welcome(
                admitted.memberId(),
                admitted.fullName(),
                admitted.orgPath(),
                Locale.forLanguageTag("vi"),
                new InboxService.Cause(event.id(), event.type())));
  }
}
