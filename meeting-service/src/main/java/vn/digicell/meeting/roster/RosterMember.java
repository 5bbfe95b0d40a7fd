package vn.digicell.meeting.roster;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member as the local roster knows them: their official cell, an optional temporary attachment to
 * another cell, and their status in party life (PROBATIONARY, OFFICIAL, EXEMPTED, …; kept as text
 * so statuses member-service adds later need no change here).
 */
@Document("roster_members")
public record RosterMember(
    @Id String id,
    String fullName,
    String orgUnitId,
    @Indexed String orgPath,
    @Indexed String attachedOrgPath,
    String attachedUntil,
    String status) {

  /** Statuses of people who are invited to their cell's meetings. */
  public boolean isActive() {
    return "PROBATIONARY".equals(status) || "OFFICIAL".equals(status) || "EXEMPTED".equals(status);
  }

  /** Whether a temporary attachment (if any) still holds on {@code today}. */
  public boolean attachedOn(java.time.LocalDate today) {
    return attachedOrgPath != null
        && (attachedUntil == null || !java.time.LocalDate.parse(attachedUntil).isBefore(today));
  }

  /** Whether this member attends the cell at {@code cellPath} only by a temporary attachment. */
  public boolean isTemporaryIn(String cellPath) {
    return !cellPath.equals(orgPath);
  }
}
