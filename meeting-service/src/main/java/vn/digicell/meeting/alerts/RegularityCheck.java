package vn.digicell.meeting.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.digicell.meeting.analytics.Participation;
import vn.digicell.meeting.meeting.MeetingKind;
import vn.digicell.meeting.meeting.MeetingStatus;
import vn.digicell.meeting.roster.RosterCell;

/**
 * After a month ends (plus {@code digicell.meeting.alerts.missed-after}), finds the cells that held
 * no regular meeting in it: raises {@code regular-meeting-missed} once per cell and month and
 * records the miss in the participation figures. Cells are read in batches by id; the progress of
 * each month is kept ({@code alert_jobs}), so a restart resumes where it stopped and a finished
 * month is never scanned again.
 */
@Component
public class RegularityCheck {

  private static final Logger log = LoggerFactory.getLogger(RegularityCheck.class);
  static final String JOBS = "alert_jobs";

  private final MongoTemplate mongo;
  private final Alerts alerts;
  private final Participation participation;
  private final Duration missedAfter;
  private final int batch;
  private final ZoneId zone;
  private final Clock clock;
  private final vn.digicell.platform.security.AccessGuard guard;

  RegularityCheck(
      vn.digicell.platform.security.AccessGuard guard,
      MongoTemplate mongo,
      Alerts alerts,
      Participation participation,
      @Value("${digicell.meeting.alerts.missed-after:PT6H}") Duration missedAfter,
      @Value("${digicell.meeting.alerts.batch:500}") int batch,
      @Value("${digicell.meeting.reminders.zone:Asia/Ho_Chi_Minh}") ZoneId zone,
      Clock clock) {
    this.guard = guard;
    this.mongo = mongo;
    this.alerts = alerts;
    this.participation = participation;
    this.missedAfter = missedAfter;
    this.batch = batch;
    this.zone = zone;
    this.clock = clock;
  }

  /** The last month, once it has been over for {@code missed-after}; returns the cells raised. */
  @Scheduled(
      initialDelayString = "${digicell.meeting.alerts.initial-delay:PT1H}",
      fixedDelayString = "${digicell.meeting.alerts.interval:PT1H}")
  @SchedulerLock(name = "meeting.regularity-check")
  public void scheduled() {
    checkLastMonth();
  }

  /** The check itself, for a caller that already runs alone (the scheduled job, a test). */
  public int checkLastMonth() {
    YearMonth current = YearMonth.now(clock.withZone(zone));
    Instant due = current.atDay(1).atStartOfDay(zone).toInstant().plus(missedAfter);
    if (Instant.now(clock).isBefore(due)) {
      return 0;
    }
    return check(current.minusMonths(1));
  }

  /**
   * Checks a month now, for operators (IT admins) who have just entered past months from paper
   * registers; the same as the scheduled check, and a month already checked is not checked again.
   */
  public int checkNow(YearMonth month) {
    guard.requireRole(vn.digicell.meeting.Roles.IT_ADMIN);
    return check(month);
  }

  /** Checks one month that is over; a month already checked is not scanned again. */
  public int check(YearMonth month) {
    if (!month.isBefore(YearMonth.now(clock.withZone(zone)))) {
      throw vn.digicell.platform.web.ProblemException.ruleViolated(
          "month-not-over", month + " is not over yet.");
    }
    String jobId = "regular-missed-" + month;
    Document job = mongo.findById(jobId, Document.class, JOBS);
    if (job != null && Boolean.TRUE.equals(job.get("done"))) {
      return 0;
    }
    String cursor = job == null ? null : job.getString("cursor");
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    int raised = 0;
    while (true) {
      Criteria cells = Criteria.where("kind").is("CELL").and("status").isNull();
      if (cursor != null) {
        cells = cells.and("_id").gt(cursor);
      }
      List<RosterCell> page =
          mongo.find(Query.query(cells).with(Sort.by("_id")).limit(batch), RosterCell.class);
      if (page.isEmpty()) {
        break;
      }
      Set<String> held = heldRegular(page.stream().map(RosterCell::id).toList(), from, to);
      for (RosterCell cell : page) {
        if (!held.contains(cell.id())) {
          participation.regularMeetingMissed(cell.path(), month);
          if (alerts.regularMeetingMissed(cell.id(), cell.path(), month.toString())) {
            raised++;
          }
        }
      }
      cursor = page.getLast().id();
      mongo.upsert(
          Query.query(Criteria.where("_id").is(jobId)),
          new Update().set("cursor", cursor).set("updatedAt", Instant.now(clock)),
          JOBS);
    }
    mongo.upsert(
        Query.query(Criteria.where("_id").is(jobId)),
        new Update().set("done", true).set("updatedAt", Instant.now(clock)),
        JOBS);
    if (raised > 0) {
      log.info("{} cells held no regular meeting in {}", raised, month);
    }
    return raised;
  }

  private Set<String> heldRegular(List<String> cellIds, Instant from, Instant to) {
    Query query =
        Query.query(
            Criteria.where("cellId")
                .in(cellIds)
                .and("kind")
                .is(MeetingKind.REGULAR)
                .and("status")
                .is(MeetingStatus.CLOSED)
                .and("startsAt")
                .gte(from)
                .lt(to));
    query.fields().include("cellId");
    Set<String> held = new HashSet<>();
    mongo.find(query, Document.class, "meetings").forEach(d -> held.add(d.getString("cellId")));
    return held;
  }
}
