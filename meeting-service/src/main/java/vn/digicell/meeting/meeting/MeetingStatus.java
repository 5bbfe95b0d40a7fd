package vn.digicell.meeting.meeting;

/** Where a meeting is in its life: scheduled, in progress, closed, or cancelled. */
public enum MeetingStatus {
  SCHEDULED,
  IN_PROGRESS,
  CLOSED,
  CANCELLED
}
