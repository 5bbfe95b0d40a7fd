package vn.digicell.meeting.meeting;

/**
 * An invitee as frozen into the meeting when it started: their status then, whether they count for
 * the quorum and may vote, and what the attendance sheet says of them.
 *
 * @param temporary attends by a temporary attachment; counted and votes in their own cell
 * @param countsForQuorum an official member of this cell, not exempted
 */
public record Participant(
    String memberId,
    String fullName,
    String status,
    boolean temporary,
    boolean countsForQuorum,
    Attendance attendance,
    String absenceReason,
    String recordedVia) {

  static Participant invited(String memberId, String fullName, String status, boolean temporary) {
    boolean official = "OFFICIAL".equals(status);
    return new Participant(
        memberId,
        fullName,
        status,
        temporary,
        official && !temporary,
        Attendance.NOT_RECORDED,
        null,
        null);
  }

  /** Official members (exempted ones too) of this cell who are present may vote; nobody else. */
  public boolean mayVote() {
    return !temporary
        && ("OFFICIAL".equals(status) || "EXEMPTED".equals(status))
        && attendance.attends();
  }

  Participant with(Attendance value, String reason, String via) {
    return new Participant(
        memberId, fullName, status, temporary, countsForQuorum, value, reason, via);
  }
}
