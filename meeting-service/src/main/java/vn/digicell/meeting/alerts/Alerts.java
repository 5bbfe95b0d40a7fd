package vn.digicell.meeting.alerts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.digicell.meeting.Roles;
import vn.digicell.meeting.meeting.Attendance;
import vn.digicell.meeting.meeting.Meeting;
import vn.digicell.meeting.meeting.MeetingKind;
import vn.digicell.meeting.meeting.MeetingStatus;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;

/**
 * Alerts the committees are notified of: a member absent without a reason from three cell meetings
 * within twelve months, and a cell that held no regular meeting in a month (see {@link
 * RegularityCheck}).
 */
@Service
public class Alerts {

  static final int STREAK = 3;
  private static final int ATTEMPTS = 8;
  private static final int MAX_ABSENCES = 200;

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final ZoneId zone;
  private final Clock clock;

  Alerts(
      MongoTemplate mongo,
      Outbox outbox,
      AccessGuard guard,
      @Value("${digicell.meeting.reminders.zone:Asia/Ho_Chi_Minh}") ZoneId zone,
      Clock clock) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.guard = guard;
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * Looks at the member's absences without a reason (closed cell meetings, committee meetings
   * aside) not yet covered by an alert, oldest first, and raises an alert for every three that fall
   * within twelve months (the third before the first's date plus twelve months). Returns how many
   * alerts were raised.
   */
  public int checkAbsences(String memberId) {
    return retrying(
        () -> {
          MemberAbsences absences = mongo.findById(memberId, MemberAbsences.class);
          MemberAbsences member = absences == null ? MemberAbsences.of(memberId) : absences;
          Query query =
              Query.query(
                      Criteria.where("status")
                          .is(MeetingStatus.CLOSED)
                          .and("kind")
                          .ne(MeetingKind.COMMITTEE)
                          .and("startsAt")
                          .gt(member.coveredUntil())
                          .and("participants")
                          .elemMatch(
                              Criteria.where("memberId")
                                  .is(memberId)
                                  .and("attendance")
                                  .is(Attendance.ABSENT_WITHOUT_REASON)))
                  .with(Sort.by("startsAt"))
                  .limit(MAX_ABSENCES);
          List<Meeting> missed = mongo.find(query, Meeting.class);
          int raised = 0;
          int i = 0;
          while (i + STREAK - 1 < missed.size()) {
            Meeting first = missed.get(i);
            Meeting last = missed.get(i + STREAK - 1);
            LocalDate from = dateOf(first.startsAt());
            LocalDate to = dateOf(last.startsAt());
            if (to.isBefore(from.plusMonths(12))) {
              member.raise(
                  last.cellId(),
                  last.path(),
                  missed.subList(i, i + STREAK).stream().map(Meeting::id).toList(),
                  from,
                  to,
                  last.startsAt(),
                  clock);
              raised++;
              i += STREAK;
            } else {
              i++;
            }
          }
          if (raised > 0) {
            outbox.saveAndPublish(member);
          }
          return raised;
        });
  }

  /** Raises a cell's missed month once; returns whether it was new. */
  public boolean regularMeetingMissed(String cellId, String cellPath, String month) {
    return retrying(
        () -> {
          CellRegularity found = mongo.findById(cellId, CellRegularity.class);
          CellRegularity cell = found == null ? CellRegularity.of(cellId, cellPath) : found;
          if (!cell.missed(month, cellPath, clock)) {
            return false;
          }
          outbox.saveAndPublish(cell);
          return true;
        });
  }

  private LocalDate dateOf(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  private static <T> T retrying(Supplier<T> command) {
    for (int attempt = 1; ; attempt++) {
      try {
        return command.get();
      } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** One alert as the committees list them. */
  public record AlertView(
      String type,
      String memberId,
      String cellId,
      String orgPath,
      List<String> meetingIds,
      LocalDate windowFrom,
      LocalDate windowTo,
      String month,
      Instant raisedAt) {}

  /**
   * The alerts under a path the caller oversees (committee, org admin, analyst), newest first; at
   * most {@code size}.
   */
  public List<AlertView> under(String path, int size) {
    guard.requireActOn(path, Roles.COMMITTEE, Roles.ORG_ADMIN, Roles.ANALYST);
    Criteria under = Criteria.where("orgPath").regex("^" + Pattern.quote(path) + "(/|$)");
    List<AlertView> all = new ArrayList<>();
    for (MemberAbsences m : mongo.find(Query.query(under).limit(size), MemberAbsences.class)) {
      for (MemberAbsences.Raised r : m.alerts()) {
        if (inside(r.orgPath(), path)) {
          all.add(
              new AlertView(
                  MemberAbsences.RAISED,
                  m.memberId(),
                  r.cellId(),
                  r.orgPath(),
                  r.meetingIds(),
                  r.windowFrom(),
                  r.windowTo(),
                  null,
                  r.raisedAt()));
        }
      }
    }
    Criteria cells = Criteria.where("orgPath").regex("^" + Pattern.quote(path) + "(/|$)");
    for (CellRegularity c : mongo.find(Query.query(cells).limit(size), CellRegularity.class)) {
      for (CellRegularity.Missed missed : c.missed()) {
        all.add(
            new AlertView(
                CellRegularity.MISSED,
                null,
                c.cellId(),
                c.path(),
                List.of(),
                null,
                null,
                missed.month(),
                missed.raisedAt()));
      }
    }
    return all.stream()
        .sorted(Comparator.comparing(AlertView::raisedAt).reversed())
        .limit(size)
        .toList();
  }

  private static boolean inside(String candidate, String path) {
    return candidate != null && (candidate.equals(path) || candidate.startsWith(path + "/"));
  }
}
