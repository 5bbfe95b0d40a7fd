package vn.digicell.meeting.meeting;

/** What the attendance sheet says of one invitee. */
public enum Attendance {
  NOT_RECORDED,
  PRESENT,
  LATE,
  ABSENT_WITH_REASON,
  ABSENT_WITHOUT_REASON;

  /** Present or late: in the room (or online) for the quorum and for votes. */
  public boolean attends() {
    return this == PRESENT || this == LATE;
  }
}
