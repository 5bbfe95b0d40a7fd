package vn.digicell.meeting.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.test.DigiCellIntegrationTest;

/**
 * The reminder job reads the scheduled meetings of the coming days in keyset batches, so it reaches
 * every one of them however many there are, and never re-reads meetings of earlier days that were
 * never held.
 */
@DigiCellIntegrationTest
class MeetingRemindersScanTest {

  @Autowired MeetingReminders reminders;
  @Autowired Outbox outbox;
  @Autowired MongoTemplate mongo;

  private Meeting scheduled(String cellId, Instant startsAt, Clock clock) {
    return Meeting.schedule(
        cellId,
        "/AG/RS/" + cellId.substring(0, 6),
        new Meeting.Plan(
            MeetingKind.REGULAR,
            MeetingMode.IN_PERSON,
            "Sinh hoạt chi bộ định kỳ",
            startsAt,
            "Nhà văn hóa ấp",
            null,
            List.of(new Meeting.NewAgendaItem("Kiểm điểm công tác tháng", List.of()))),
        clock);
  }

  private long reminded(String cellId) {
    return mongo.count(
        Query.query(Criteria.where("cellId").is(cellId).and("documentsReminderAt").exists(true)),
        Meeting.class);
  }

  @Test
  void everyMeetingOfTheComingDaysIsRemindedAcrossBatchesAndOldOnesAreLeftAlone() {
    Instant now = Instant.now();
    String soonCell = UUID.randomUUID().toString();
    String oldCell = UUID.randomUUID().toString();
    int many = 2 * MeetingReminders.BATCH + 7;
    // many meetings of one cell two days from now, several starting at the very same instant
    Instant soon = now.plus(Duration.ofDays(2));
    Clock today = Clock.fixed(now, ZoneOffset.UTC);
    for (int i = 0; i < many; i++) {
      outbox.saveAndPublish(scheduled(soonCell, soon.plusSeconds(60L * (i / 3)), today));
    }
    // meetings of two days ago that were never held: scheduled back then, still SCHEDULED
    Clock aWeekAgo = Clock.fixed(now.minus(Duration.ofDays(7)), ZoneOffset.UTC);
    for (int i = 0; i < 5; i++) {
      outbox.saveAndPublish(
          scheduled(oldCell, now.minus(Duration.ofDays(2)).plusSeconds(i), aWeekAgo));
    }

    int sent = reminders.sendDue();

    assertThat(sent).isGreaterThanOrEqualTo(many);
    assertThat(reminded(soonCell)).isEqualTo(many);
    assertThat(reminded(oldCell)).isZero();
    // and a second run finds nothing new to send for them
    reminders.sendDue();
    assertThat(reminded(soonCell)).isEqualTo(many);
  }
}
