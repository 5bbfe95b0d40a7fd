package vn.digicell.meeting.analytics.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import vn.digicell.meeting.alerts.Alerts;
import vn.digicell.meeting.analytics.Participation;
import vn.digicell.meeting.meeting.Attendance;
import vn.digicell.meeting.meeting.Meeting;
import vn.digicell.meeting.meeting.Participant;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * Reads this service's own {@code meeting.events}, as an analyst would: a closed meeting (or a vote
 * closed after it) updates the participation figures, and every participant absent without a reason
 * is checked for an absence alert. Both are recomputed from the stored meeting, so redelivery
 * changes nothing.
 */
@Component
class MeetingEventsListener {

  static final String GROUP = "meeting-service-analytics";
  static final String CLOSED = "vn.digicell.meeting.closed.v1";
  static final String VOTE_CLOSED = "vn.digicell.meeting.vote-closed.v1";

  private final Participation participation;
  private final Alerts alerts;
  private final AppliedEvents applied;
  private final org.springframework.data.mongodb.core.MongoTemplate mongo;

  MeetingEventsListener(
      Participation participation,
      Alerts alerts,
      AppliedEvents applied,
      org.springframework.data.mongodb.core.MongoTemplate mongo) {
    this.participation = participation;
    this.alerts = alerts;
    this.applied = applied;
    this.mongo = mongo;
  }

  @KafkaListener(topics = "meeting.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    if (CLOSED.equals(event.type())) {
      String meetingId = event.payload(JsonNode.class).get("meetingId").asString();
      applied.applyOnce(
          GROUP,
          event,
          () -> {
            participation.meetingChanged(meetingId);
            Meeting meeting = mongo.findById(meetingId, Meeting.class);
            if (meeting != null) {
              meeting.participants().stream()
                  .filter(p -> p.attendance() == Attendance.ABSENT_WITHOUT_REASON)
                  .map(Participant::memberId)
                  .forEach(alerts::checkAbsences);
            }
          });
    } else if (VOTE_CLOSED.equals(event.type())) {
      String meetingId = event.payload(JsonNode.class).get("meetingId").asString();
      applied.applyOnce(GROUP, event, () -> participation.meetingChanged(meetingId));
    }
  }
}
