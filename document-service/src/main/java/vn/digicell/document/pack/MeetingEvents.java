package vn.digicell.document.pack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** The parts of meeting-service's events ({@code meeting.events}) that a meeting pack follows. */
public final class MeetingEvents {

  private MeetingEvents() {}

  /** {@code vn.digicell.meeting.scheduled.v1}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Scheduled(
      String meetingId,
      String cellId,
      String orgPath,
      String kind,
      String mode,
      String title,
      Instant startsAt,
      String location,
      String onlineLink,
      List<AgendaItemAdded> agenda) {}

  /** {@code vn.digicell.meeting.rescheduled.v1}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Rescheduled(String meetingId, Instant startsAt) {}

  /** {@code vn.digicell.meeting.switched-online.v1}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record SwitchedOnline(String meetingId, String onlineLink) {}

  /** {@code vn.digicell.meeting.started.v1}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Started(String meetingId) {}

  /** {@code vn.digicell.meeting.closed.v1}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Closed(String meetingId) {}

  /** {@code vn.digicell.meeting.cancelled.v1}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Cancelled(String meetingId, String reason) {}

  /** {@code vn.digicell.meeting.agenda-item-added.v1}, and an item of a scheduled agenda. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AgendaItemAdded(
      String meetingId, String itemId, String title, List<String> documentIds) {}
}
