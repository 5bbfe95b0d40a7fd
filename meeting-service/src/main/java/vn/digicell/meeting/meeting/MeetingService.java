package vn.digicell.meeting.meeting;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import vn.digicell.meeting.Roles;
import vn.digicell.meeting.roster.Roster;
import vn.digicell.meeting.roster.RosterCell;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.security.CurrentUser;
import vn.digicell.platform.web.ProblemException;

/**
 * Runs meetings: the cell secretary (scoped to the cell) changes them; the secretary, committees
 * above the cell and the cell's own members read them; members check only themselves in.
 */
@Service
public class MeetingService {

  private static final int ATTEMPTS = 8;

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final Roster roster;
  private final AccessGuard guard;
  private final MeetingRules rules;
  private final CheckInCodes codes;
  private final AgendaDocuments documents;
  private final java.time.Duration recordedMaxAge;
  private final Clock clock;

  MeetingService(
      MongoTemplate mongo,
      Outbox outbox,
      Roster roster,
      AccessGuard guard,
      MeetingRules rules,
      CheckInCodes codes,
      AgendaDocuments documents,
      @org.springframework.beans.factory.annotation.Value(
              "${digicell.meeting.recorded.max-age:P400D}")
          java.time.Duration recordedMaxAge,
      Clock clock) {
    this.documents = documents;
    this.recordedMaxAge = recordedMaxAge;
    this.mongo = mongo;
    this.outbox = outbox;
    this.roster = roster;
    this.guard = guard;
    this.rules = rules;
    this.codes = codes;
    this.clock = clock;
  }

  public Meeting schedule(String cellId, Meeting.Plan plan) {
    RosterCell cell =
        roster
            .cell(cellId)
            .orElseThrow(
                () ->
                    ProblemException.notFound("cell-not-found", "No cell with id " + cellId + "."));
    guard.requireActOn(cell.path(), Roles.SECRETARY);
    if (!cell.isCell() && plan.kind() != MeetingKind.COMMITTEE) {
      throw ProblemException.ruleViolated(
          "not-a-cell", "Only committee meetings are held by units other than cells.");
    }
    return outbox.saveAndPublish(Meeting.schedule(cell.id(), cell.path(), plan, clock));
  }

  /**
   * Enters a meeting already held, from its paper register (digitising past months): the cell
   * secretary or an org admin acting for the cell. The cell's roster as it stands now is the list
   * of invitees; whoever has no line in the register is absent without a reason, as at a close.
   */
  public Meeting recordHeld(
      String cellId,
      Meeting.Plan plan,
      List<Meeting.RegisterLine> lines,
      List<Meeting.RegisterOpinion> opinions) {
    RosterCell cell =
        roster
            .cell(cellId)
            .orElseThrow(
                () ->
                    ProblemException.notFound("cell-not-found", "No cell with id " + cellId + "."));
    guard.requireActOn(cell.path(), Roles.SECRETARY, Roles.ORG_ADMIN);
    if (!cell.isCell() && plan.kind() != MeetingKind.COMMITTEE) {
      throw ProblemException.ruleViolated(
          "not-a-cell", "Only committee meetings are held by units other than cells.");
    }
    return outbox.saveAndPublish(
        Meeting.recordHeld(
            cell.id(),
            cell.path(),
            plan,
            invitees(cell.path()),
            lines,
            opinions,
            rules,
            recordedMaxAge,
            clock));
  }

  private List<Meeting.Invitee> invitees(String path) {
    return roster.invitees(path).stream()
        .map(r -> new Meeting.Invitee(r.id(), r.fullName(), r.status(), r.isTemporaryIn(path)))
        .toList();
  }

  /** What the library says now of the documents on these meetings' agendas. */
  public java.util.Map<String, AgendaDocument> agendaDocuments(List<Meeting> found) {
    return documents.of(found.stream().flatMap(m -> m.documentIds().stream()).distinct().toList());
  }

  public Meeting reschedule(String meetingId, Instant startsAt, String reason) {
    return change(meetingId, m -> m.reschedule(startsAt, reason, clock));
  }

  public Meeting switchToOnline(String meetingId, String link, String reason) {
    return change(meetingId, m -> m.switchToOnline(link, reason, clock));
  }

  public Meeting cancel(String meetingId, String reason) {
    return change(meetingId, m -> m.cancel(reason, clock));
  }

  public Meeting addAgendaItem(String meetingId, Meeting.NewAgendaItem item) {
    return change(meetingId, m -> m.addAgendaItem(item, clock));
  }

  /** Starts the meeting with the cell's roster as it stands now. */
  public Meeting start(String meetingId) {
    return change(meetingId, m -> m.start(invitees(m.path()), clock));
  }

  public Meeting recordAttendance(
      String meetingId, String memberId, Attendance attendance, String reason) {
    return change(meetingId, m -> m.recordAttendance(memberId, attendance, reason, clock));
  }

  public Meeting recordOpinion(
      String meetingId, String memberId, String agendaItemId, String summary) {
    return change(meetingId, m -> m.recordOpinion(memberId, agendaItemId, summary, clock));
  }

  /** Records a resolution; the vote feature checks that the motion's vote adopted it. */
  public Meeting adoptResolution(String meetingId, String motionId, String text) {
    return change(meetingId, m -> m.adoptResolution(motionId, text, clock));
  }

  public Meeting close(String meetingId) {
    return change(meetingId, m -> m.close(rules, clock));
  }

  /**
   * A unit moved in the org tree: meetings not yet held follow it to its new path (those held stay
   * where they were held, as history).
   */
  public void unitMoved(String oldPath, String newPath) {
    if (!oldPath.equals(newPath)) {
      Roster.rewritePrefix(
          mongo,
          "meetings",
          "orgPath",
          oldPath,
          newPath,
          Criteria.where("status").in(MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS));
    }
  }

  /**
   * A member's name was corrected: a meeting under way shows the corrected name on its attendance
   * sheet (scheduled meetings take the roster when they start); meetings held keep the name their
   * minutes were written with.
   */
  public void memberRenamed(String memberId, String fullName) {
    mongo.updateMulti(
        Query.query(
            Criteria.where("participants.memberId")
                .is(memberId)
                .and("status")
                .in(MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS)),
        new Update().set("participants.$.fullName", fullName),
        Meeting.class);
  }

  /** A fresh code for the meeting's QR, for its secretary to show at the venue. */
  public CheckInCodes.Code checkInCode(String meetingId) {
    Meeting meeting = load(meetingId);
    guard.requireActOn(meeting.path(), Roles.SECRETARY);
    if (meeting.status() != MeetingStatus.IN_PROGRESS) {
      throw ProblemException.ruleViolated(
          "meeting-not-in-progress", "Check-in codes are shown once the meeting has started.");
    }
    return codes.issue(meetingId);
  }

  /** The caller checks themself in with the code they scanned at the venue. */
  public Attendance checkIn(String meetingId, String code) {
    String me = ownMemberId();
    requireParticipant(load(meetingId), me);
    codes.verify(code, meetingId);
    return selfCheckIn(meetingId, me, "QR");
  }

  /** What a member gets for joining online: their attendance and the link to open. */
  public record Joined(Attendance attendance, String onlineLink) {}

  /**
   * The caller joins an online or hybrid meeting; joining counts as checking in. Before the start
   * the participant list does not exist yet: a member of the cell learns that the link opens when
   * the meeting starts (a rule, not an access error); a stranger is refused.
   */
  public Joined joinOnline(String meetingId) {
    String me = ownMemberId();
    Meeting meeting = load(meetingId);
    if (meeting.status() == MeetingStatus.SCHEDULED) {
      requireRead(meeting);
    } else {
      requireParticipant(meeting, me);
    }
    if (meeting.mode() == MeetingMode.IN_PERSON) {
      throw ProblemException.ruleViolated(
          "meeting-not-online", "This meeting is held in person only.");
    }
    if (meeting.status() == MeetingStatus.SCHEDULED) {
      throw ProblemException.ruleViolated(
          "meeting-not-started",
          "The online link opens when the meeting starts (scheduled for "
              + meeting.startsAt()
              + ").");
    }
    return new Joined(selfCheckIn(meetingId, me, "ONLINE"), meeting.onlineLink());
  }

  /**
   * The caller's own member id. Whether they may check in is decided by the meeting's list of
   * participants (the member concerned), not by a role held somewhere.
   */
  private String ownMemberId() {
    return guard
        .currentUser()
        .ownMemberId()
        .orElseThrow(() -> new AccessDeniedException("only members check themselves in"));
  }

  private Attendance selfCheckIn(String meetingId, String me, String via) {
    Attendance[] result = new Attendance[1];
    retrying(
        meetingId,
        m -> {
          requireParticipant(m, me);
          result[0] = m.checkIn(me, via, rules, clock);
          return m;
        });
    return result[0];
  }

  private static void requireParticipant(Meeting meeting, String memberId) {
    if (meeting.findParticipant(memberId).isEmpty()) {
      throw new AccessDeniedException("not a participant of meeting " + meeting.id());
    }
  }

  /** A meeting the caller may read. */
  public Meeting read(String meetingId) {
    Meeting meeting = load(meetingId);
    requireRead(meeting);
    return meeting;
  }

  /** The quorum as things stand. */
  public Meeting.Quorum quorum(String meetingId) {
    return read(meetingId).quorum(rules);
  }

  public MeetingRules rules() {
    return rules;
  }

  /** Meetings of one cell, newest first. */
  public List<Meeting> ofCell(String cellId, int size) {
    RosterCell cell =
        roster
            .cell(cellId)
            .orElseThrow(
                () ->
                    ProblemException.notFound("cell-not-found", "No cell with id " + cellId + "."));
    requireRead(cell.path(), null);
    return mongo.find(
        Query.query(Criteria.where("orgPath").is(cell.path()))
            .with(Sort.by(Sort.Direction.DESC, "startsAt"))
            .limit(size),
        Meeting.class);
  }

  /** Meetings anywhere under a path a committee or secretary acts for, newest first. */
  public List<Meeting> under(String path, int size) {
    guard.requireActOn(path, Roles.SECRETARY, Roles.COMMITTEE);
    return mongo.find(
        Query.query(Criteria.where("orgPath").regex("^" + Pattern.quote(path) + "(/|$)"))
            .with(Sort.by(Sort.Direction.DESC, "startsAt"))
            .limit(size),
        Meeting.class);
  }

  /** The meeting for a secretary's command (scoped to its cell), for other features. */
  public Meeting forSecretary(String meetingId) {
    Meeting meeting = load(meetingId);
    guard.requireActOn(meeting.path(), Roles.SECRETARY);
    return meeting;
  }

  private void requireRead(Meeting meeting) {
    requireRead(meeting.path(), meeting);
  }

  /**
   * Who reads a cell's meetings: ONE grant covering the cell with the role of its secretary, a
   * committee above it or a member of it (a temporary attachment grants {@code member} on the host
   * cell), or the caller is a participant of this very meeting (the member concerned, also after a
   * transfer).
   */
  private void requireRead(String path, Meeting meeting) {
    if (guard.mayActOn(path, Roles.SECRETARY, Roles.COMMITTEE, Roles.MEMBER)) {
      return;
    }
    CurrentUser user = guard.currentUser();
    boolean participant =
        meeting != null
            && user.ownMemberId().map(me -> meeting.findParticipant(me).isPresent()).orElse(false);
    if (!participant) {
      throw new AccessDeniedException("no grant to read the meetings at " + path);
    }
  }

  private Meeting change(String meetingId, Consumer<Meeting> command) {
    return retrying(
        meetingId,
        m -> {
          guard.requireActOn(m.path(), Roles.SECRETARY);
          command.accept(m);
          return m;
        });
  }

  /**
   * Load, change, save; a concurrent change (optimistic lock) makes it try again on fresh state.
   */
  private Meeting retrying(String meetingId, Function<Meeting, Meeting> command) {
    for (int attempt = 1; ; attempt++) {
      Meeting meeting = command.apply(load(meetingId));
      try {
        return outbox.saveAndPublish(meeting);
      } catch (OptimisticLockingFailureException e) {
        if (attempt == ATTEMPTS) {
          throw ProblemException.conflict(
              "meeting-busy", "The meeting changed meanwhile; please try again.");
        }
      }
    }
  }

  Meeting load(String meetingId) {
    Meeting meeting = mongo.findById(meetingId, Meeting.class);
    if (meeting == null) {
      throw ProblemException.notFound("meeting-not-found", "No meeting with id " + meetingId + ".");
    }
    return meeting;
  }
}
