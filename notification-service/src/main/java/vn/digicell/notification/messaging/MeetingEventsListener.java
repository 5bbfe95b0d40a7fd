package vn.digicell.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.notification.notice.NoticeIssuer;
import vn.digicell.notification.recipient.DocumentReads;
import vn.digicell.notification.recipient.MeetingEntry;
import vn.digicell.notification.recipient.Meetings;
import vn.digicell.notification.recipient.Recipient;
import vn.digicell.notification.recipient.RecipientDirectory;
import vn.digicell.notification.recipient.Units;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * meeting.events: scheduled, moved, switched online, cancelled and day-of reminders go to the
 * invitees; the documents reminder to invitees who have not opened every document; attendance
 * alerts to the commune committee (the committee of the cell's parent unit).
 */
@Component
class MeetingEventsListener {

  static final String GROUP = MemberEventsListener.GROUP;
  static final String PREFIX = "vn.digicell.meeting.";

  private final NoticeIssuer issuer;
  private final Meetings meetings;
  private final DocumentReads reads;
  private final RecipientDirectory directory;
  private final Units units;
  private final AppliedEvents applied;

  MeetingEventsListener(
      NoticeIssuer issuer,
      Meetings meetings,
      DocumentReads reads,
      RecipientDirectory directory,
      Units units,
      AppliedEvents applied) {
    this.issuer = issuer;
    this.meetings = meetings;
    this.reads = reads;
    this.directory = directory;
    this.units = units;
    this.applied = applied;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record AgendaItem(String itemId, String title, List<String> documentIds) {}

  /** The fields this consumer reads of meeting events (each type has a subset). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record MeetingEvent(
      String meetingId,
      String cellId,
      String orgPath,
      String kind,
      String mode,
      String title,
      Instant startsAt,
      Instant previousStartsAt,
      String location,
      String onlineLink,
      List<AgendaItem> agenda,
      String reason,
      String reminder,
      List<String> documentIds,
      String memberId,
      List<String> meetingIds,
      String month,
      Boolean recordedAfterwards) {}

  @KafkaListener(topics = "meeting.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    if (!event.type().startsWith(PREFIX)) {
      return;
    }
    MeetingEvent e = event.payload(MeetingEvent.class);
    applied.applyOnce(GROUP, event, () -> apply(event, e));
  }

  void apply(ReceivedEvent event, MeetingEvent e) {
    String type = event.type().substring(PREFIX.length());
    switch (type) {
      case "scheduled.v1" -> {
        List<String> docs =
            e.agenda() == null
                ? List.of()
                : e.agenda().stream()
                    .flatMap(a -> a.documentIds() == null ? null : a.documentIds().stream())
                    .distinct()
                    .toList();
        MeetingEntry m =
            new MeetingEntry(
                e.meetingId(),
                e.cellId(),
                e.orgPath(),
                e.kind(),
                e.mode(),
                e.title(),
                e.startsAt(),
                e.location(),
                e.onlineLink(),
                docs,
                "SCHEDULED");
        meetings.scheduled(m);
        // a meeting entered afterwards from a paper register was held already: nobody is invited
        if (!Boolean.TRUE.equals(e.recordedAfterwards())) {
          toInvitees(event, m, "meeting.scheduled", Map.of());
        }
      }
      case "rescheduled.v1" -> {
        meetings.rescheduled(e.meetingId(), e.startsAt());
        meetings
            .find(e.meetingId())
            .ifPresent(
                m ->
                    toInvitees(
                        event,
                        m,
                        "meeting.rescheduled",
                        Map.of("previous", NoticeMappings.when(e.previousStartsAt()))));
      }
      case "switched-online.v1" -> {
        meetings.switchedOnline(e.meetingId(), e.onlineLink());
        meetings
            .find(e.meetingId())
            .ifPresent(m -> toInvitees(event, m, "meeting.switched-online", Map.of()));
      }
      case "cancelled.v1" -> {
        meetings.status(e.meetingId(), "CANCELLED");
        meetings
            .find(e.meetingId())
            .ifPresent(
                m ->
                    toInvitees(
                        event,
                        m,
                        "meeting.cancelled",
                        Map.of("reason", e.reason() == null ? "" : e.reason())));
      }
      case "started.v1" -> meetings.status(e.meetingId(), "STARTED");
      case "closed.v1" -> meetings.status(e.meetingId(), "CLOSED");
      case "reminder-due.v1" -> reminder(event, e);
      case "absence-alert-raised.v1" -> {
        String name = directory.find(e.memberId()).map(Recipient::fullName).orElse("");
        alert(
            event,
            "alert.absence",
            e.orgPath(),
            Map.of(
                "memberName",
                name,
                "cell",
                units.nameOf(e.orgPath()),
                "count",
                String.valueOf(e.meetingIds() == null ? 0 : e.meetingIds().size())));
      }
      case "regular-meeting-missed.v1" ->
          alert(
              event,
              "alert.regular-meeting-missed",
              e.orgPath(),
              Map.of(
                  "cell", units.nameOf(e.orgPath()), "month", e.month() == null ? "" : e.month()));
      default -> {
        // agenda changes, votes, attendance…: nothing to tell members here
      }
    }
  }

  private void reminder(ReceivedEvent event, MeetingEvent e) {
    MeetingEntry known = meetings.find(e.meetingId()).orElse(null);
    MeetingEntry m =
        new MeetingEntry(
            e.meetingId(),
            e.cellId(),
            e.orgPath(),
            known == null ? null : known.kind(),
            e.mode(),
            known == null ? "" : known.title(),
            e.startsAt(),
            known == null ? null : known.location(),
            known == null ? null : known.onlineLink(),
            e.documentIds() == null ? List.of() : e.documentIds(),
            "SCHEDULED");
    if ("DOCUMENTS".equals(e.reminder())) {
      if (m.documentIds().isEmpty()) {
        return;
      }
      meetings.forEachInvitee(
          m,
          batch ->
              issuer.issue(
                  NoticeMappings.documentsReminder(
                      event.id(),
                      m,
                      batch,
                      reads.unopened(
                          m.documentIds(), batch.stream().map(Recipient::memberId).toList())),
                  event.type()));
    } else {
      toInvitees(event, m, "meeting.day-of", Map.of());
    }
  }

  private void toInvitees(
      ReceivedEvent event, MeetingEntry m, String templateKey, Map<String, String> extra) {
    meetings.forEachInvitee(
        m,
        batch ->
            issuer.issue(
                NoticeMappings.meeting(templateKey, event.id(), m, batch, extra), event.type()));
  }

  private void alert(
      ReceivedEvent event, String templateKey, String cellPath, Map<String, String> args) {
    List<Recipient> committee = directory.committeeOf(NoticeMappings.parentOf(cellPath));
    issuer.issue(
        NoticeMappings.alert(event.id(), templateKey, cellPath, args, committee), event.type());
  }
}
