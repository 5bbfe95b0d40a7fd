package vn.digicell.meeting.meeting;

/** A resolution the meeting adopted: its text and the motion whose vote adopted it. */
public record Resolution(String resolutionId, String motionId, String text) {}
