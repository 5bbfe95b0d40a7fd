package vn.digicell.notification.messaging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.digicell.notification.notice.NoticeRequest;
import vn.digicell.notification.notice.PortalLinks;
import vn.digicell.notification.recipient.MeetingEntry;
import vn.digicell.notification.recipient.Recipient;

/**
 * From events to notice requests: who gets which template with which arguments. Pure functions of
 * the event and the recipients resolved from the local projections, so each mapping is unit tested
 * on its own.
 */
final class NoticeMappings {

  static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(VIETNAM);

  private NoticeMappings() {}

  static String when(Instant at) {
    return at == null ? "" : WHEN.format(at);
  }

  /** An ISO date (2026-12-01) as people write it (01/12/2026); anything else as it is. */
  static String day(String iso) {
    if (iso == null) {
      return "";
    }
    try {
      return java.time.LocalDate.parse(iso).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    } catch (java.time.format.DateTimeParseException e) {
      return iso;
    }
  }

  static String parentOf(String path) {
    int cut = path == null ? -1 : path.lastIndexOf('/');
    return cut > 0 ? path.substring(0, cut) : path;
  }

  /** The common arguments of meeting notices. */
  static Map<String, String> meetingArgs(MeetingEntry m) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("title", m.title() == null ? "" : m.title());
    args.put("when", when(m.startsAt()));
    String place =
        m.location() != null && !"ONLINE".equals(m.mode())
            ? m.location()
            : (m.onlineLink() != null ? m.onlineLink() : "");
    args.put("place", place);
    return args;
  }

  /** One notice per invitee about a meeting (scheduled, moved, online, cancelled, day-of). */
  static List<NoticeRequest> meeting(
      String templateKey,
      String causeId,
      MeetingEntry m,
      Collection<Recipient> invitees,
      Map<String, String> extra) {
    Map<String, String> args = meetingArgs(m);
    args.putAll(extra);
    return invitees.stream()
        .map(
            r ->
                new NoticeRequest(
                    r.memberId(),
                    "MEETING",
                    templateKey,
                    args,
                    causeId,
                    PortalLinks.meeting(m.meetingId()),
                    m.orgPath()))
        .toList();
  }

  /** Documents reminder: only invitees who have not opened every document, with how many. */
  static List<NoticeRequest> documentsReminder(
      String causeId,
      MeetingEntry m,
      Collection<Recipient> invitees,
      Map<String, Integer> unopened) {
    List<NoticeRequest> out = new ArrayList<>();
    for (Recipient r : invitees) {
      Integer missing = unopened.get(r.memberId());
      if (missing == null || missing <= 0) {
        continue;
      }
      Map<String, String> args = meetingArgs(m);
      args.put("count", String.valueOf(missing));
      out.add(
          new NoticeRequest(
              r.memberId(),
              "DOCUMENT",
              "meeting.documents-unread",
              args,
              causeId,
              PortalLinks.meeting(m.meetingId()),
              m.orgPath()));
    }
    return out;
  }

  /** A step of a transfer. */
  record TransferStep(
      String step,
      String transferId,
      String memberId,
      String kind,
      String fromOrgPath,
      String toOrgPath,
      String effectiveOn) {}

  /**
   * The member (template {@code transfer.<step>}) and the secretaries and committees of both sides
   * ({@code transfer.<step>.officials}, naming the member): one notice each, the member's own
   * wording winning if they are also an official.
   */
  static List<NoticeRequest> transfer(
      String causeId,
      TransferStep t,
      String memberName,
      String fromName,
      String toName,
      Collection<Recipient> officials) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("memberName", memberName == null ? "" : memberName);
    args.put("from", fromName);
    args.put("to", toName);
    args.put("effectiveOn", day(t.effectiveOn()));
    String key = "transfer." + t.step();
    // the member follows it on their record; secretaries and committees in their inbox
    String link = PortalLinks.notices();
    Map<String, NoticeRequest> byRecipient = new LinkedHashMap<>();
    byRecipient.put(
        t.memberId(),
        new NoticeRequest(
            t.memberId(), "TRANSFER", key, args, causeId, PortalLinks.profile(), t.fromOrgPath()));
    for (Recipient r : officials) {
      byRecipient.putIfAbsent(
          r.memberId(),
          new NoticeRequest(
              r.memberId(), "TRANSFER", key + ".officials", args, causeId, link, t.fromOrgPath()));
    }
    return List.copyOf(byRecipient.values());
  }

  /** The paths whose secretaries and committees a transfer concerns. */
  static List<String> transferOfficialPaths(TransferStep t) {
    List<String> paths = new ArrayList<>();
    for (String p :
        List.of(
            t.fromOrgPath(), t.toOrgPath(), parentOf(t.fromOrgPath()), parentOf(t.toOrgPath()))) {
      if (p != null && !paths.contains(p)) {
        paths.add(p);
      }
    }
    return paths;
  }

  /** A new position: a notice to the holder, worded per position. */
  static NoticeRequest position(
      String causeId, String memberId, String orgPath, String classification, String unitName) {
    return new NoticeRequest(
        memberId,
        "POSITION",
        "position." + classification.toLowerCase(Locale.ROOT).replace('_', '-'),
        Map.of("unit", unitName),
        causeId,
        PortalLinks.profile(),
        orgPath);
  }

  /** A change of the member's own standing (recognised, exempted, reassigned…). */
  static NoticeRequest membership(
      String causeId,
      String memberId,
      String orgPath,
      String templateKey,
      Map<String, String> args) {
    return new NoticeRequest(
        memberId, "MEMBERSHIP", templateKey, args, causeId, PortalLinks.profile(), orgPath);
  }

  /** Minutes sealed: every member of the cell. */
  static List<NoticeRequest> minutesSealed(
      String causeId, String meetingId, String orgPath, String title, Collection<Recipient> cell) {
    Map<String, String> args = Map.of("title", title == null ? "" : title);
    return cell.stream()
        .map(
            r ->
                new NoticeRequest(
                    r.memberId(),
                    "MINUTES",
                    "minutes.sealed",
                    args,
                    causeId,
                    PortalLinks.minutes(meetingId),
                    orgPath))
        .toList();
  }

  /** An attendance alert to the commune committee. */
  static List<NoticeRequest> alert(
      String causeId,
      String templateKey,
      String orgPath,
      Map<String, String> args,
      Collection<Recipient> committee) {
    return committee.stream()
        .map(
            r ->
                new NoticeRequest(
                    r.memberId(),
                    "ALERT",
                    templateKey,
                    args,
                    causeId,
                    PortalLinks.committee(),
                    orgPath))
        .toList();
  }
}
