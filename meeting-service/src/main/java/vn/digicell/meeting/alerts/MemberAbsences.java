package vn.digicell.meeting.alerts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;

/**
 * The absence alerts raised for one member (id = member id, so the alerts' events are keyed and
 * ordered by member). An alert names the three meetings it is about; those absences are covered and
 * never count towards another alert: the next one needs three new absences within twelve months,
 * all after the last absence of the previous alert.
 */
@Document("member_absences")
public class MemberAbsences extends AggregateRoot {

  static final String RAISED = "vn.digicell.meeting.absence-alert-raised.v1";

  /** One alert: the meetings missed without a reason, and the window they fall in. */
  public record Raised(
      String cellId,
      String orgPath,
      List<String> meetingIds,
      LocalDate windowFrom,
      LocalDate windowTo,
      Instant lastStartsAt,
      Instant raisedAt) {}

  @Id private final String id;
  @Indexed private String orgPath;
  private final List<Raised> alerts;
  @Version private Long version;

  @PersistenceCreator
  MemberAbsences(String id, String orgPath, List<Raised> alerts) {
    this.id = id;
    this.orgPath = orgPath;
    this.alerts = alerts == null ? new ArrayList<>() : new ArrayList<>(alerts);
  }

  static MemberAbsences of(String memberId) {
    return new MemberAbsences(memberId, null, List.of());
  }

  /** The start of the last absence already covered by an alert (the epoch when none). */
  Instant coveredUntil() {
    return alerts.stream().map(Raised::lastStartsAt).max(Instant::compareTo).orElse(Instant.EPOCH);
  }

  void raise(
      String cellId,
      String path,
      List<String> meetingIds,
      LocalDate from,
      LocalDate to,
      Instant lastStartsAt,
      Clock clock) {
    Raised raised =
        new Raised(
            cellId, path, List.copyOf(meetingIds), from, to, lastStartsAt, Instant.now(clock));
    alerts.add(raised);
    orgPath = path;
    record(RAISED, new AbsenceAlertRaised(id, cellId, path, raised.meetingIds(), from, to), clock);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return orgPath;
  }

  public String memberId() {
    return id;
  }

  public List<Raised> alerts() {
    return List.copyOf(alerts);
  }

  record AbsenceAlertRaised(
      String memberId,
      String cellId,
      String orgPath,
      List<String> meetingIds,
      LocalDate windowFrom,
      LocalDate windowTo) {}
}
