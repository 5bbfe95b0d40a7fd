package vn.digicell.meeting.meeting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
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

  static final int BATCH = 200;

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

  /** One replica at a time sends what is due (the job's cluster lock). */
  @Scheduled(
      initialDelayString = "${digicell.meeting.reminders.interval:PT5M}",
      fixedDelayString = "${digicell.meeting.reminders.interval:PT5M}")
  @SchedulerLock(name = "meeting.reminders")
  public void scheduled() {
    sendDue();
  }

  /**
   * Sends what is due now; returns how many meetings had a reminder. Reads scheduled meetings from
   * the start of today to the horizon in keyset batches of {@value #BATCH} (index {@code
   * reminder_scan}): a meeting of an earlier day gets no more reminders, so the scan stays bounded
   * by the meetings of the next few days, however many old ones were never held.
   */
  public int sendDue() {
    Instant now = Instant.now(clock);
    Instant from = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    Instant horizon = now.plus(documentsAhead).plus(Duration.ofDays(1));
    int sent = 0;
    Instant afterStart = null;
    String afterId = null;
    while (true) {
      Criteria window =
          Criteria.where("status")
              .is(MeetingStatus.SCHEDULED)
              .and("startsAt")
              .gte(from)
              .lte(horizon);
      if (afterStart != null) {
        window =
            new Criteria()
                .andOperator(
                    window,
                    new Criteria()
                        .orOperator(
                            Criteria.where("startsAt").gt(afterStart),
                            Criteria.where("startsAt").is(afterStart).and("_id").gt(afterId)));
      }
      List<Meeting> batch =
          mongo.find(
              Query.query(window).with(Sort.by("startsAt", "_id")).limit(BATCH), Meeting.class);
      for (Meeting meeting : batch) {
        if (meeting.remindIfDue(documentsAhead, zone, clock)) {
          try {
            outbox.saveAndPublish(meeting);
            sent++;
          } catch (OptimisticLockingFailureException e) {
            // the secretary changed it meanwhile; the next run sees the fresh state
          }
        }
      }
      if (batch.size() < BATCH) {
        return sent;
      }
      Meeting last = batch.get(batch.size() - 1);
      afterStart = last.startsAt();
      afterId = last.id();
    }
  }
}
