package vn.digicell.meeting.meeting;

/** In a room, online through a link, or both (a main room plus remote points). */
public enum MeetingMode {
  IN_PERSON,
  ONLINE,
  HYBRID
}
