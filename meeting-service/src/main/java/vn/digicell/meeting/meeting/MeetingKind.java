package vn.digicell.meeting.meeting;

/** Regular (monthly, per cell), thematic, extraordinary, or a committee's meeting. */
public enum MeetingKind {
  REGULAR,
  THEMATIC,
  EXTRAORDINARY,
  COMMITTEE
}
