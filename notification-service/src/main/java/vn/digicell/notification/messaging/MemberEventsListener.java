package vn.digicell.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.digicell.notification.notice.NoticeIssuer;
import vn.digicell.notification.notice.NoticeRequest;
import vn.digicell.notification.recipient.Recipient;
import vn.digicell.notification.recipient.RecipientDirectory;
import vn.digicell.notification.recipient.Roster;
import vn.digicell.notification.recipient.Units;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * member.events keep the roster (status, cell, positions, name) and become notices: a welcome on
 * admission (an inbox-only note instead for members carried over from a legacy register), standing
 * changes to the member, a new position to its holder, transfer steps to the member and the
 * secretaries and committees of both sides. Identity corrections only correct the roster's name.
 */
@Component
class MemberEventsListener {

  static final String GROUP = "notification-service";
  static final String PREFIX = "vn.digicell.member.";
  static final String LEGACY_IMPORT = "LEGACY_IMPORT";

  private final NoticeIssuer issuer;
  private final Roster roster;
  private final RecipientDirectory directory;
  private final Units units;
  private final AppliedEvents applied;
  private final Clock clock;

  MemberEventsListener(
      NoticeIssuer issuer,
      Roster roster,
      RecipientDirectory directory,
      Units units,
      AppliedEvents applied,
      Clock clock) {
    this.issuer = issuer;
    this.roster = roster;
    this.directory = directory;
    this.units = units;
    this.applied = applied;
    this.clock = clock;
  }

  /** The fields this consumer reads of member events (each type has a subset). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record MemberEvent(
      String memberId,
      String fullName,
      String orgUnitId,
      String orgPath,
      String status,
      String entryId,
      String kind,
      String classification,
      LocalDate to,
      String supersedes,
      String transferId,
      String state,
      String fromOrgPath,
      String toOrgUnitId,
      String toOrgPath,
      String attachedOrgPath,
      String until,
      String effectiveOn,
      String endedOn,
      String reason,
      String source,
      List<String> fields,
      String admittedOn) {}

  @KafkaListener(topics = "member.events", groupId = GROUP)
  void on(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event = ReceivedEvent.from(record);
    if (!event.type().startsWith(PREFIX)) {
      return;
    }
    MemberEvent e = event.payload(MemberEvent.class);
    applied.applyOnce(GROUP, event, () -> apply(event, e));
  }

  void apply(ReceivedEvent event, MemberEvent e) {
    String type = event.type().substring(PREFIX.length());
    String cause = event.id();
    switch (type) {
      case "admitted.v1" -> {
        roster.admitted(e.memberId(), e.fullName(), e.orgPath(), e.orgUnitId(), e.status());
        if (LEGACY_IMPORT.equals(e.source())) {
          // carried over from a legacy register (a province import may be 100,000 people): no
          // welcome as a new member and nothing on e-mail, SMS or Zalo, only a note in the inbox
          issue(
              event,
              List.of(
                  new NoticeRequest(
                      e.memberId(),
                      "MEMBERSHIP",
                      "member.record-imported",
                      Map.of("fullName", nz(e.fullName()), "unit", units.nameOf(e.orgPath())),
                      cause,
                      "/",
                      e.orgPath(),
                      true)));
          return;
        }
        issue(
            event,
            List.of(
                new NoticeRequest(
                        e.memberId(),
                        "WELCOME",
                        "welcome",
                        Map.of("fullName", e.fullName() == null ? "" : e.fullName()),
                        cause,
                        "/",
                        e.orgPath())
                    .inboxOnlyIf(longPast(e.admittedOn()))));
      }
      case "recognised-official.v1", "exempted-from-activities.v1", "returned-to-activities.v1" -> {
        roster.statusChanged(e.memberId(), e.orgPath(), e.orgUnitId(), e.status());
        String key = "member." + type.substring(0, type.length() - ".v1".length());
        issue(
            event,
            List.of(
                NoticeMappings.membership(
                        cause,
                        e.memberId(),
                        e.orgPath(),
                        key,
                        Map.of("effectiveOn", NoticeMappings.day(e.effectiveOn())))
                    .inboxOnlyIf(longPast(e.effectiveOn()))));
      }
      case "removed.v1", "expelled.v1", "deceased.v1" ->
          roster.statusChanged(e.memberId(), e.orgPath(), e.orgUnitId(), e.status());
      case "transferred.v1" -> roster.movedTo(e.memberId(), e.orgPath(), e.orgUnitId(), e.status());
      case "reassigned.v1" -> {
        roster.movedTo(e.memberId(), e.toOrgPath(), e.toOrgUnitId(), e.status());
        issue(
            event,
            List.of(
                NoticeMappings.membership(
                        cause,
                        e.memberId(),
                        e.toOrgPath(),
                        "member.reassigned",
                        Map.of(
                            "to",
                            units.nameOf(e.toOrgPath()),
                            "effectiveOn",
                            NoticeMappings.day(e.effectiveOn())))
                    .inboxOnlyIf(longPast(e.effectiveOn()))));
      }
      case "temporarily-attached.v1" -> {
        roster.attached(e.memberId(), e.attachedOrgPath(), parseDate(e.until()));
        issue(
            event,
            List.of(
                NoticeMappings.membership(
                    cause,
                    e.memberId(),
                    e.orgPath(),
                    "member.temporarily-attached",
                    Map.of(
                        "to",
                        units.nameOf(e.attachedOrgPath()),
                        "until",
                        NoticeMappings.day(e.until())))));
      }
      case "attachment-ended.v1" -> {
        roster.attachmentEnded(e.memberId(), e.attachedOrgPath());
        issue(
            event,
            List.of(
                NoticeMappings.membership(
                    cause,
                    e.memberId(),
                    e.orgPath(),
                    "member.attachment-ended",
                    Map.of(
                        "to",
                        units.nameOf(e.attachedOrgPath()),
                        "endedOn",
                        NoticeMappings.day(e.endedOn())))));
      }
      case "identity-corrected.v1" -> {
        // the roster keeps the name only (gender and birth year are not projected here)
        if (e.fields() != null && e.fields().contains("FULL_NAME") && e.fullName() != null) {
          roster.nameAndLanguage(e.memberId(), e.fullName(), null);
        }
      }
      case "history-recorded.v1" -> position(event, e);
      case "transfer-requested.v1",
          "transfer-approved.v1",
          "transfer-received.v1",
          "transfer-completed.v1",
          "transfer-rejected.v1",
          "transfer-expired.v1" ->
          transfer(event, e, type.substring("transfer-".length(), type.length() - ".v1".length()));
      default -> {
        // other member events change nothing here
      }
    }
  }

  /** Decisions dated further back than this are history being entered, not news. */
  static final java.time.Period NEWS = java.time.Period.ofDays(30);

  private static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");

  /**
   * Whether a decision's date lies so far back that it is a record being entered from paper (a
   * commune entering its register): the member finds it in the inbox, but nobody is texted
   * "congratulations" for 1990.
   */
  private boolean longPast(String isoDate) {
    LocalDate on = parseDate(isoDate);
    return on != null && on.isBefore(LocalDate.now(clock.withZone(VIETNAM)).minus(NEWS));
  }

  private void position(ReceivedEvent event, MemberEvent e) {
    if (!"POSITION".equals(e.kind())) {
      return;
    }
    roster.positionRecorded(e.memberId(), e.entryId(), e.classification(), e.to(), e.supersedes());
    boolean ended = e.to() != null && e.to().isBefore(LocalDate.now(clock));
    if (e.classification() != null && e.supersedes() == null && !ended) {
      String unit =
          e.classification().equals("COMMITTEE_MEMBER")
                  || e.classification().equals("STANDING_COMMITTEE")
              ? NoticeMappings.parentOf(e.orgPath())
              : e.orgPath();
      issue(
          event,
          List.of(
              NoticeMappings.position(
                  event.id(), e.memberId(), e.orgPath(), e.classification(), units.nameOf(unit))));
    }
  }

  private void transfer(ReceivedEvent event, MemberEvent e, String step) {
    NoticeMappings.TransferStep t =
        new NoticeMappings.TransferStep(
            step,
            e.transferId(),
            e.memberId(),
            e.kind(),
            e.fromOrgPath(),
            e.toOrgPath(),
            e.effectiveOn());
    List<Recipient> officials = new ArrayList<>();
    for (String path : NoticeMappings.transferOfficialPaths(t)) {
      officials.addAll(directory.committeeOf(path));
    }
    String name = directory.find(e.memberId()).map(Recipient::fullName).orElse("");
    issue(
        event,
        NoticeMappings.transfer(
            event.id(),
            t,
            name,
            units.nameOf(e.fromOrgPath()),
            units.nameOf(e.toOrgPath()),
            officials));
  }

  private void issue(ReceivedEvent event, List<NoticeRequest> requests) {
    issuer.issue(requests, event.type());
  }

  private static LocalDate parseDate(String s) {
    return s == null || s.isBlank() ? null : LocalDate.parse(s);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
