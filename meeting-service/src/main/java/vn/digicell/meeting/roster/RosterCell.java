package vn.digicell.meeting.roster;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An org unit as member-service announced it; cells are where meetings happen. {@code status} is
 * null while the unit is active, {@code MERGED} or {@code DISSOLVED} once it ended ({@code
 * mergedInto}: the survivor's id).
 */
@Document("roster_units")
public record RosterCell(
    @Id String id,
    String code,
    String name,
    String kind,
    @Indexed String path,
    String status,
    String mergedInto) {

  public boolean isCell() {
    return "CELL".equals(kind);
  }
}
