package vn.digicell.document.pack.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.document.pack.MeetingEvents;
import vn.digicell.document.pack.PackService;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/** Meetings on {@code meeting.events} get a pack that follows their time, place and agenda. */
@Component
class MeetingPackListener {

  static final String GROUP = "document-service-packs";
  static final String SCHEDULED = "vn.digicell.meeting.scheduled.v1";
  static final String RESCHEDULED = "vn.digicell.meeting.rescheduled.v1";
  static final String SWITCHED_ONLINE = "vn.digicell.meeting.switched-online.v1";
  static final String CANCELLED = "vn.digicell.meeting.cancelled.v1";
  static final String STARTED = "vn.digicell.meeting.started.v1";
  static final String CLOSED = "vn.digicell.meeting.closed.v1";
  static final String AGENDA_ITEM_ADDED = "vn.digicell.meeting.agenda-item-added.v1";

  private final PackService packs;
  private final AppliedEvents applied;

  MeetingPackListener(PackService packs, AppliedEvents applied) {
    this.packs = packs;
    this.applied = applied;
  }

  @KafkaListener(topics = "meeting.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    Runnable action =
        switch (event.type()) {
          case SCHEDULED -> () -> packs.scheduled(event.payload(MeetingEvents.Scheduled.class));
          case RESCHEDULED ->
              () -> packs.rescheduled(event.payload(MeetingEvents.Rescheduled.class));
          case SWITCHED_ONLINE ->
              () -> packs.switchedOnline(event.payload(MeetingEvents.SwitchedOnline.class));
          case CANCELLED -> () -> packs.cancelled(event.payload(MeetingEvents.Cancelled.class));
          case STARTED -> () -> packs.started(event.payload(MeetingEvents.Started.class));
          case CLOSED -> () -> packs.closed(event.payload(MeetingEvents.Closed.class));
          case AGENDA_ITEM_ADDED ->
              () -> packs.agendaItemAdded(event.payload(MeetingEvents.AgendaItemAdded.class));
          default -> null;
        };
    if (action != null) {
      applied.applyOnce(GROUP, event, action);
    }
  }
}
