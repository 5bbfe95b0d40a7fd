package vn.digicell.meeting.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;

/**
 * The months a cell held no regular meeting (id = cell id, so the alerts' events are keyed and
 * ordered by cell). A month is raised once, however often the check runs.
 */
@Document("cell_regularity")
public class CellRegularity extends AggregateRoot {

  static final String MISSED = "vn.digicell.meeting.regular-meeting-missed.v1";

  /** One missed month (YYYY-MM) and when it was found. */
  public record Missed(String month, Instant raisedAt) {}

  @Id private final String id;
  @Indexed private String orgPath;
  private final List<Missed> missed;
  @Version private Long version;

  @PersistenceCreator
  CellRegularity(String id, String orgPath, List<Missed> missed) {
    this.id = id;
    this.orgPath = orgPath;
    this.missed = missed == null ? new ArrayList<>() : new ArrayList<>(missed);
  }

  static CellRegularity of(String cellId, String path) {
    return new CellRegularity(cellId, path, List.of());
  }

  /** Raises the month unless already raised; returns whether it was new. */
  boolean missed(String month, String path, Clock clock) {
    if (missed.stream().anyMatch(m -> m.month().equals(month))) {
      return false;
    }
    orgPath = path;
    missed.add(new Missed(month, Instant.now(clock)));
    record(MISSED, new RegularMeetingMissed(id, path, month), clock);
    return true;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return orgPath;
  }

  public String cellId() {
    return id;
  }

  public String path() {
    return orgPath;
  }

  public List<Missed> missed() {
    return List.copyOf(missed);
  }

  record RegularMeetingMissed(String cellId, String orgPath, String month) {}
}
