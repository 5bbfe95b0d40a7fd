package vn.digicell.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.notification.delivery.Contacts;
import vn.digicell.notification.recipient.Roster;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/** The restricted member.contacts topic: contact details for delivery, name and language. */
@Component
class ContactsListener {

  static final String GROUP = MemberEventsListener.GROUP;
  static final String CHANGED = "vn.digicell.member.contact-changed.v1";

  private final Contacts contacts;
  private final Roster roster;
  private final AppliedEvents applied;

  ContactsListener(Contacts contacts, Roster roster, AppliedEvents applied) {
    this.contacts = contacts;
    this.roster = roster;
    this.applied = applied;
  }

  /** {@code zaloId} is read when present (an additive field member-service may carry). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ContactChanged(
      String memberId,
      String fullName,
      String email,
      String phone,
      String zaloId,
      String preferredLanguage) {}

  @KafkaListener(topics = "member.contacts", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    if (!CHANGED.equals(event.type())) {
      return;
    }
    ContactChanged c = event.payload(ContactChanged.class);
    applied.applyOnce(
        GROUP,
        event,
        () -> {
          contacts.changed(c.memberId(), c.email(), c.phone(), c.zaloId());
          roster.nameAndLanguage(c.memberId(), c.fullName(), c.preferredLanguage());
        });
  }
}
