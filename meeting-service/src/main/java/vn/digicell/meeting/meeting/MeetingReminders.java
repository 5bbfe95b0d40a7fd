package vn.digicell.meeting.meeting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.digicell.platform.events.Outbox;

/**
 * Publishes {@code vn.digicell.meeting.reminder-due.v1} so notification-service can remind
 * invitees: the documents to study some days before, and on the day. Each reminder is recorded in
 * the meeting, so it goes out once per schedule however often this runs.
 */
@Component
public class MeetingReminders {

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final Duration documentsAhead;
  private final ZoneId zone;
  private final Clock clock;

  MeetingReminders(
      MongoTemplate mongo,
      Outbox outbox,
      @Value("${digicell.meeting.reminders.documents-ahead:P3D}") Duration documentsAhead,
      @Value("${digicell.meeting.reminders.zone:Asia/Ho_Chi_Minh}") ZoneId zone,
      Clock clock) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.documentsAhead = documentsAhead;
    this.zone = zone;
    this.clock = clock;
  }

  /** Sends what is due now; returns how many meetings had a reminder. */
  @Scheduled(
      initialDelayString = "${digicell.meeting.reminders.interval:PT5M}",
      fixedDelayString = "${digicell.meeting.reminders.interval:PT5M}")
  public int sendDue() {
    Instant horizon = Instant.now(clock).plus(documentsAhead).plus(Duration.ofDays(1));
    Query query =
        Query.query(
            Criteria.where("status").is(MeetingStatus.SCHEDULED).and("startsAt").lte(horizon));
    int sent = 0;
    for (Meeting meeting : mongo.find(query, Meeting.class)) {
      if (meeting.remindIfDue(documentsAhead, zone, clock)) {
        try {
          outbox.saveAndPublish(meeting);
          sent++;
        } catch (OptimisticLockingFailureException e) {
          // the secretary changed it meanwhile; the next run sees the fresh state
        }
      }
    }
    return sent;
  }
}
