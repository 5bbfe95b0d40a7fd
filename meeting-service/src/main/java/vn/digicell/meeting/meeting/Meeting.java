package vn.digicell.meeting.meeting;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;
import vn.digicell.platform.web.ProblemException;

/**
 * One meeting of a cell (or committee), from scheduling to closing. The roster is frozen into it
 * when it starts; attendance is kept per participant; every change records its event.
 */
@Document("meetings")
@CompoundIndex(name = "cell_time", def = "{'orgPath': 1, 'startsAt': -1}")
@CompoundIndex(name = "reminder_scan", def = "{'status': 1, 'startsAt': 1, '_id': 1}")
@CompoundIndex(name = "regular_held", def = "{'cellId': 1, 'kind': 1, 'status': 1, 'startsAt': 1}")
@CompoundIndex(name = "member_absences", def = "{'participants.memberId': 1, 'startsAt': 1}")
@CompoundIndex(name = "agenda_documents", def = "{'agenda.documentIds': 1, 'startsAt': 1}")
public class Meeting extends AggregateRoot {

  static final String SCHEDULED = "vn.digicell.meeting.scheduled.v1";
  static final String RESCHEDULED = "vn.digicell.meeting.rescheduled.v1";
  static final String SWITCHED_ONLINE = "vn.digicell.meeting.switched-online.v1";
  static final String CANCELLED = "vn.digicell.meeting.cancelled.v1";
  static final String AGENDA_ITEM_ADDED = "vn.digicell.meeting.agenda-item-added.v1";
  static final String STARTED = "vn.digicell.meeting.started.v1";
  static final String ATTENDANCE_RECORDED = "vn.digicell.meeting.attendance-recorded.v1";
  static final String CLOSED = "vn.digicell.meeting.closed.v1";
  static final String OPINION_RECORDED = "vn.digicell.meeting.opinion-recorded.v1";
  static final String RESOLUTION_ADOPTED = "vn.digicell.meeting.resolution-adopted.v1";
  static final String REMINDER_DUE = "vn.digicell.meeting.reminder-due.v1";

  @Id private final String id;
  private final String cellId;
  private final String orgPath;
  private final MeetingKind kind;
  private final String title;
  private MeetingMode mode;
  private Instant startsAt;
  private String location;
  private String onlineLink;
  private MeetingStatus status;
  private List<AgendaItem> agenda;
  private List<Participant> participants;
  private List<Opinion> opinions;
  private List<Resolution> resolutions;
  private String cancelReason;
  private Instant startedAt;
  private Instant closedAt;
  private Boolean quorumReached;
  private Instant documentsReminderAt;
  private Instant dayOfReminderAt;
  private Boolean recordedAfterwards;
  private Instant recordedAt;
  @Version private Long version;

  @PersistenceCreator
  Meeting(
      String id,
      String cellId,
      String orgPath,
      MeetingKind kind,
      String title,
      MeetingMode mode,
      Instant startsAt,
      String location,
      String onlineLink,
      MeetingStatus status,
      List<AgendaItem> agenda,
      List<Participant> participants,
      List<Opinion> opinions,
      List<Resolution> resolutions,
      String cancelReason,
      Instant startedAt,
      Instant closedAt,
      Boolean quorumReached) {
    this.id = id;
    this.cellId = cellId;
    this.orgPath = orgPath;
    this.kind = kind;
    this.title = title;
    this.mode = mode;
    this.startsAt = startsAt;
    this.location = location;
    this.onlineLink = onlineLink;
    this.status = status;
    this.agenda = agenda == null ? new ArrayList<>() : new ArrayList<>(agenda);
    this.participants = participants == null ? new ArrayList<>() : new ArrayList<>(participants);
    this.opinions = opinions == null ? new ArrayList<>() : new ArrayList<>(opinions);
    this.resolutions = resolutions == null ? new ArrayList<>() : new ArrayList<>(resolutions);
    this.cancelReason = cancelReason;
    this.startedAt = startedAt;
    this.closedAt = closedAt;
    this.quorumReached = quorumReached;
  }

  /** Marks a meeting entered from a paper register, and when it was entered. */
  private void recordedAfterwards(Instant at) {
    this.recordedAfterwards = true;
    this.recordedAt = at;
  }

  /** What the secretary fills in to schedule a meeting. */
  public record Plan(
      MeetingKind kind,
      MeetingMode mode,
      String title,
      Instant startsAt,
      String location,
      String onlineLink,
      List<NewAgendaItem> agenda) {}

  /** An agenda item before it has an id. */
  public record NewAgendaItem(String title, List<String> documentIds) {}

  static Meeting schedule(String cellId, String cellPath, Plan plan, Clock clock) {
    requireFuture(plan.startsAt(), clock);
    return planned(cellId, cellPath, plan, false, clock);
  }

  /** One line of a paper attendance register. */
  public record RegisterLine(String memberId, Attendance attendance, String reason) {}

  /** One opinion noted in a paper register: who spoke on which agenda item (0-based). */
  public record RegisterOpinion(String memberId, int agendaIndex, String summary) {}

  /**
   * A meeting already held and kept on paper, entered afterwards (digitising past registers): it
   * goes through the same steps and events as a live meeting (scheduled, started with the roster,
   * attendance, opinions, closed), marked {@code recordedAfterwards}, with the start it had.
   */
  static Meeting recordHeld(
      String cellId,
      String cellPath,
      Plan plan,
      List<Invitee> invitees,
      List<RegisterLine> lines,
      List<RegisterOpinion> noted,
      MeetingRules rules,
      java.time.Duration maxAge,
      Clock clock) {
    Instant now = Instant.now(clock);
    if (!plan.startsAt().isBefore(now)) {
      throw ProblemException.ruleViolated(
          "held-in-the-future", "Only a meeting already held can be recorded afterwards.");
    }
    if (plan.startsAt().isBefore(now.minus(maxAge))) {
      throw ProblemException.ruleViolated(
          "held-too-long-ago",
          "Meetings held more than " + maxAge.toDays() + " days ago cannot be recorded.");
    }
    Meeting meeting = planned(cellId, cellPath, plan, true, clock);
    meeting.recordedAfterwards(now);
    meeting.start(invitees, clock);
    for (RegisterLine line : lines) {
      meeting.recordAttendance(line.memberId(), line.attendance(), line.reason(), clock);
    }
    for (RegisterOpinion opinion : noted) {
      if (opinion.agendaIndex() < 0 || opinion.agendaIndex() >= meeting.agenda.size()) {
        throw ProblemException.badRequest(
            "agenda-item-not-found", "No agenda item " + opinion.agendaIndex() + " in the plan.");
      }
      meeting.recordOpinion(
          opinion.memberId(),
          meeting.agenda.get(opinion.agendaIndex()).itemId(),
          opinion.summary(),
          clock);
    }
    meeting.close(rules, clock);
    return meeting;
  }

  private static Meeting planned(
      String cellId, String cellPath, Plan plan, boolean afterwards, Clock clock) {
    requireVenue(plan.mode(), plan.location(), plan.onlineLink());
    Meeting meeting =
        new Meeting(
            UUID.randomUUID().toString(),
            cellId,
            cellPath,
            plan.kind(),
            plan.title().strip(),
            plan.mode(),
            plan.startsAt(),
            blankToNull(plan.location()),
            blankToNull(plan.onlineLink()),
            MeetingStatus.SCHEDULED,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            null,
            null);
    if (plan.agenda() != null) {
      plan.agenda().forEach(item -> meeting.agenda.add(newItem(item)));
    }
    meeting.record(
        SCHEDULED,
        new MeetingScheduled(
            meeting.id,
            cellId,
            cellPath,
            meeting.kind,
            meeting.mode,
            meeting.title,
            meeting.startsAt,
            meeting.location,
            meeting.onlineLink,
            List.copyOf(meeting.agenda),
            afterwards ? Boolean.TRUE : null),
        clock);
    return meeting;
  }

  void reschedule(Instant newStart, String reason, Clock clock) {
    requireStatus(MeetingStatus.SCHEDULED, "reschedule");
    requireFuture(newStart, clock);
    Instant previous = startsAt;
    startsAt = newStart;
    documentsReminderAt = null;
    dayOfReminderAt = null;
    record(RESCHEDULED, new MeetingRescheduled(id, previous, newStart, reason), clock);
  }

  /** Emergency continuity: the meeting goes ahead online, before or during it. */
  void switchToOnline(String link, String reason, Clock clock) {
    if (status != MeetingStatus.SCHEDULED && status != MeetingStatus.IN_PROGRESS) {
      throw notNow("switch online");
    }
    requireVenue(MeetingMode.ONLINE, null, link);
    mode = MeetingMode.ONLINE;
    onlineLink = link;
    record(SWITCHED_ONLINE, new MeetingSwitchedOnline(id, link, reason), clock);
  }

  void cancel(String reason, Clock clock) {
    requireStatus(MeetingStatus.SCHEDULED, "cancel");
    status = MeetingStatus.CANCELLED;
    cancelReason = reason;
    record(CANCELLED, new MeetingCancelled(id, reason), clock);
  }

  AgendaItem addAgendaItem(NewAgendaItem item, Clock clock) {
    if (status != MeetingStatus.SCHEDULED && status != MeetingStatus.IN_PROGRESS) {
      throw notNow("change the agenda of");
    }
    AgendaItem added = newItem(item);
    agenda.add(added);
    record(
        AGENDA_ITEM_ADDED,
        new AgendaItemAdded(id, added.itemId(), added.title(), added.documentIds()),
        clock);
    return added;
  }

  /** Someone on the roster as the meeting sees it when it starts. */
  public record Invitee(String memberId, String fullName, String status, boolean temporary) {}

  /** Which reminder: documents to study (days before) or the meeting is today. */
  public enum Reminder {
    DOCUMENTS,
    DAY_OF
  }

  /**
   * Records the reminders now due, each once per schedule (a reschedule makes them due again):
   * documents {@code documentsAhead} before the start, and on the day of the meeting in {@code
   * zone}. Returns whether any was due.
   */
  boolean remindIfDue(java.time.Duration documentsAhead, java.time.ZoneId zone, Clock clock) {
    if (status != MeetingStatus.SCHEDULED) {
      return false;
    }
    Instant now = Instant.now(clock);
    boolean due = false;
    if (documentsReminderAt == null && !now.isBefore(startsAt.minus(documentsAhead))) {
      documentsReminderAt = now;
      record(REMINDER_DUE, reminder(Reminder.DOCUMENTS), clock);
      due = true;
    }
    if (dayOfReminderAt == null
        && now.atZone(zone).toLocalDate().equals(startsAt.atZone(zone).toLocalDate())) {
      dayOfReminderAt = now;
      record(REMINDER_DUE, reminder(Reminder.DAY_OF), clock);
      due = true;
    }
    return due;
  }

  private ReminderDue reminder(Reminder which) {
    return new ReminderDue(
        id,
        cellId,
        orgPath,
        which,
        startsAt,
        mode,
        agenda.stream().flatMap(item -> item.documentIds().stream()).distinct().toList());
  }

  /** Starts the meeting and freezes the roster into it. */
  void start(List<Invitee> invitees, Clock clock) {
    requireStatus(MeetingStatus.SCHEDULED, "start");
    status = MeetingStatus.IN_PROGRESS;
    startedAt = Boolean.TRUE.equals(recordedAfterwards) ? startsAt : Instant.now(clock);
    participants =
        new ArrayList<>(
            invitees.stream()
                .map(
                    i -> Participant.invited(i.memberId(), i.fullName(), i.status(), i.temporary()))
                .toList());
    record(
        STARTED,
        new MeetingStarted(
            id,
            startedAt,
            participants.stream()
                .map(
                    p ->
                        new StartedInvitee(
                            p.memberId(), p.status(), p.temporary(), p.countsForQuorum()))
                .toList()),
        clock);
  }

  /** The secretary records one line of the attendance sheet. */
  void recordAttendance(String memberId, Attendance attendance, String reason, Clock clock) {
    requireStatus(MeetingStatus.IN_PROGRESS, "record attendance at");
    if (attendance == Attendance.NOT_RECORDED) {
      throw ProblemException.badRequest(
          "invalid-attendance", "Attendance must be present, late or absent.");
    }
    if (attendance == Attendance.ABSENT_WITH_REASON && (reason == null || reason.isBlank())) {
      throw ProblemException.badRequest(
          "absence-reason-required", "An absence with a reason needs the reason.");
    }
    String kept = attendance == Attendance.ABSENT_WITH_REASON ? reason.strip() : null;
    set(memberId, attendance, kept, "SECRETARY", clock);
  }

  /**
   * A participant checks themself in (QR code at the venue or joining online); late when past the
   * grace period. Checking in twice changes nothing. Returns the attendance recorded.
   */
  Attendance checkIn(String memberId, String via, MeetingRules rules, Clock clock) {
    requireStatus(MeetingStatus.IN_PROGRESS, "check in to");
    Participant participant = participant(memberId);
    if (participant.attendance().attends()) {
      return participant.attendance();
    }
    Attendance attendance =
        Instant.now(clock).isAfter(startsAt.plus(rules.lateAfter()))
            ? Attendance.LATE
            : Attendance.PRESENT;
    set(memberId, attendance, null, via, clock);
    return attendance;
  }

  /** The secretary notes that a participant spoke on an agenda item, with a short summary. */
  Opinion recordOpinion(String memberId, String agendaItemId, String summary, Clock clock) {
    requireStatus(MeetingStatus.IN_PROGRESS, "record opinions in");
    participant(memberId);
    if (agenda.stream().noneMatch(item -> item.itemId().equals(agendaItemId))) {
      throw ProblemException.notFound(
          "agenda-item-not-found", "No agenda item " + agendaItemId + " in this meeting.");
    }
    Opinion opinion =
        new Opinion(UUID.randomUUID().toString(), memberId, agendaItemId, summary.strip());
    opinions.add(opinion);
    record(
        OPINION_RECORDED,
        new OpinionRecorded(id, opinion.opinionId(), memberId, agendaItemId),
        clock);
    return opinion;
  }

  /**
   * Records the resolution a motion's vote adopted (during the meeting or while writing up after
   * it); one per motion. That the vote adopted it is the caller's to check.
   */
  Resolution adoptResolution(String motionId, String text, Clock clock) {
    if (status != MeetingStatus.IN_PROGRESS && status != MeetingStatus.CLOSED) {
      throw notNow("record a resolution of");
    }
    if (resolutions.stream().anyMatch(r -> r.motionId().equals(motionId))) {
      throw ProblemException.conflict(
          "resolution-exists", "A resolution was already recorded for this motion.");
    }
    Resolution resolution = new Resolution(UUID.randomUUID().toString(), motionId, text.strip());
    resolutions.add(resolution);
    record(
        RESOLUTION_ADOPTED,
        new ResolutionAdopted(id, resolution.resolutionId(), motionId, resolution.text()),
        clock);
    return resolution;
  }

  /** Closes the meeting: whoever has no attendance line is absent without a reason. */
  void close(MeetingRules rules, Clock clock) {
    requireStatus(MeetingStatus.IN_PROGRESS, "close");
    for (Participant p : List.copyOf(participants)) {
      if (p.attendance() == Attendance.NOT_RECORDED) {
        set(p.memberId(), Attendance.ABSENT_WITHOUT_REASON, null, "CLOSE", clock);
      }
    }
    Quorum quorum = quorum(rules);
    status = MeetingStatus.CLOSED;
    // a register entered afterwards does not say when the meeting ended: its start stands for it
    closedAt = Boolean.TRUE.equals(recordedAfterwards) ? startedAt : Instant.now(clock);
    quorumReached = quorum.reached();
    record(
        CLOSED,
        new MeetingClosed(
            id,
            closedAt,
            participants.size(),
            count(Attendance.PRESENT),
            count(Attendance.LATE),
            count(Attendance.ABSENT_WITH_REASON),
            count(Attendance.ABSENT_WITHOUT_REASON),
            quorum.base(),
            quorum.attending(),
            quorum.reached(),
            opinions.size(),
            (int) opinions.stream().map(Opinion::memberId).distinct().count(),
            cellId,
            orgPath,
            kind,
            startsAt,
            recordedAfterwards),
        clock);
  }

  /** The quorum as things stand: official members not exempted, and how many of them attend. */
  public record Quorum(int base, int attending, long required, String rule, boolean reached) {}

  public Quorum quorum(MeetingRules rules) {
    Fraction rule = rules.quorumFor(kind);
    int base = (int) participants.stream().filter(Participant::countsForQuorum).count();
    int attending =
        (int)
            participants.stream()
                .filter(p -> p.countsForQuorum() && p.attendance().attends())
                .count();
    return new Quorum(
        base,
        attending,
        rule.smallestCountExceeding(base),
        "more than " + rule,
        base > 0 && rule.exceededBy(attending, base));
  }

  private void set(String memberId, Attendance attendance, String reason, String via, Clock clock) {
    Participant participant = participant(memberId);
    participants.set(participants.indexOf(participant), participant.with(attendance, reason, via));
    record(ATTENDANCE_RECORDED, new AttendanceRecorded(id, memberId, attendance, via), clock);
  }

  /** The participant with this member id, or a 404 problem. */
  Participant participant(String memberId) {
    return findParticipant(memberId)
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "not-a-participant",
                    "Member " + memberId + " is not on the roster of this meeting."));
  }

  public Optional<Participant> findParticipant(String memberId) {
    return participants.stream().filter(p -> p.memberId().equals(memberId)).findFirst();
  }

  private int count(Attendance attendance) {
    return (int) participants.stream().filter(p -> p.attendance() == attendance).count();
  }

  private void requireStatus(MeetingStatus expected, String action) {
    if (status != expected) {
      throw notNow(action);
    }
  }

  private ProblemException notNow(String action) {
    return ProblemException.ruleViolated(
        "meeting-" + status.name().toLowerCase().replace('_', '-'),
        "Cannot " + action + " a meeting that is " + status + ".");
  }

  private static void requireFuture(Instant startsAt, Clock clock) {
    if (!startsAt.isAfter(Instant.now(clock))) {
      throw ProblemException.ruleViolated(
          "start-in-the-past", "A meeting can only be scheduled to start in the future.");
    }
  }

  private static void requireVenue(MeetingMode mode, String location, String link) {
    boolean hasRoom = location != null && !location.isBlank();
    boolean hasLink = link != null && !link.isBlank();
    if ((mode == MeetingMode.IN_PERSON || mode == MeetingMode.HYBRID) && !hasRoom) {
      throw ProblemException.badRequest(
          "location-required", "A meeting in person or hybrid needs a location.");
    }
    if ((mode == MeetingMode.ONLINE || mode == MeetingMode.HYBRID) && !hasLink) {
      throw ProblemException.badRequest(
          "online-link-required", "An online or hybrid meeting needs a meeting link.");
    }
    if (hasLink && !isHttpsLink(link)) {
      throw ProblemException.badRequest(
          "invalid-online-link", "The meeting link must be an https:// address.");
    }
  }

  private static boolean isHttpsLink(String link) {
    try {
      URI uri = new URI(link.strip());
      return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static AgendaItem newItem(NewAgendaItem item) {
    return new AgendaItem(UUID.randomUUID().toString(), item.title().strip(), item.documentIds());
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return orgPath;
  }

  public String path() {
    return orgPath;
  }

  public String cellId() {
    return cellId;
  }

  public MeetingKind kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  public MeetingMode mode() {
    return mode;
  }

  public Instant startsAt() {
    return startsAt;
  }

  public String location() {
    return location;
  }

  public String onlineLink() {
    return onlineLink;
  }

  public MeetingStatus status() {
    return status;
  }

  public List<AgendaItem> agenda() {
    return List.copyOf(agenda);
  }

  public List<Participant> participants() {
    return List.copyOf(participants);
  }

  public List<Opinion> opinions() {
    return List.copyOf(opinions);
  }

  public List<Resolution> resolutions() {
    return List.copyOf(resolutions);
  }

  public String cancelReason() {
    return cancelReason;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant closedAt() {
    return closedAt;
  }

  public Boolean quorumReached() {
    return quorumReached;
  }

  /** Whether the meeting was entered afterwards from a paper register. */
  public boolean isRecordedAfterwards() {
    return Boolean.TRUE.equals(recordedAfterwards);
  }

  public Instant recordedAt() {
    return recordedAt;
  }

  /** Every document on the agenda, once each. */
  public List<String> documentIds() {
    return agenda.stream().flatMap(item -> item.documentIds().stream()).distinct().toList();
  }

  record MeetingScheduled(
      String meetingId,
      String cellId,
      String orgPath,
      MeetingKind kind,
      MeetingMode mode,
      String title,
      Instant startsAt,
      String location,
      String onlineLink,
      List<AgendaItem> agenda,
      Boolean recordedAfterwards) {}

  record MeetingRescheduled(
      String meetingId, Instant previousStartsAt, Instant startsAt, String reason) {}

  record MeetingSwitchedOnline(String meetingId, String onlineLink, String reason) {}

  record MeetingCancelled(String meetingId, String reason) {}

  record AgendaItemAdded(String meetingId, String itemId, String title, List<String> documentIds) {}

  record StartedInvitee(
      String memberId, String status, boolean temporary, boolean countsForQuorum) {}

  record MeetingStarted(String meetingId, Instant startedAt, List<StartedInvitee> invitees) {}

  record AttendanceRecorded(
      String meetingId, String memberId, Attendance attendance, String recordedVia) {}

  record OpinionRecorded(
      String meetingId, String opinionId, String memberId, String agendaItemId) {}

  record ResolutionAdopted(String meetingId, String resolutionId, String motionId, String text) {}

  record ReminderDue(
      String meetingId,
      String cellId,
      String orgPath,
      Reminder reminder,
      Instant startsAt,
      MeetingMode mode,
      List<String> documentIds) {}

  record MeetingClosed(
      String meetingId,
      Instant closedAt,
      int invited,
      int present,
      int late,
      int absentWithReason,
      int absentWithoutReason,
      int quorumBase,
      int quorumAttending,
      boolean quorumReached,
      int opinions,
      int speakers,
      String cellId,
      String orgPath,
      MeetingKind kind,
      Instant startsAt,
      Boolean recordedAfterwards) {}
}
