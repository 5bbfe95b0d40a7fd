package vn.digicell.meeting.minutes;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import vn.digicell.meeting.Roles;
import vn.digicell.meeting.meeting.Meeting;
import vn.digicell.meeting.meeting.MeetingService;
import vn.digicell.meeting.meeting.MeetingStatus;
import vn.digicell.meeting.roster.Roster;
import vn.digicell.meeting.roster.RosterCell;
import vn.digicell.meeting.vote.MotionService;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/**
 * Minutes of closed meetings: the cell secretary drafts and edits them; the chair and the secretary
 * sign with their registered Ed25519 keys after a fresh login; both signatures make them final.
 */
@Service
public class MinutesService {

  private static final Logger log = LoggerFactory.getLogger(MinutesService.class);
  private static final int ATTEMPTS = 8;
  private static final int MAX_AMENDMENTS = 50;

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final MeetingService meetings;
  private final MotionService motions;
  private final Roster roster;
  private final AccessGuard guard;
  private final FreshLogin freshLogin;
  private final SigningKeyRegistry keys;
  private final Clock clock;

  MinutesService(
      MongoTemplate mongo,
      Outbox outbox,
      MeetingService meetings,
      MotionService motions,
      Roster roster,
      AccessGuard guard,
      FreshLogin freshLogin,
      SigningKeyRegistry keys,
      Clock clock) {
    this.keys = keys;
    this.mongo = mongo;
    this.outbox = outbox;
    this.meetings = meetings;
    this.motions = motions;
    this.roster = roster;
    this.guard = guard;
    this.freshLogin = freshLogin;
    this.clock = clock;
  }

  /**
   * Drafts the minutes of a closed meeting from its record; the caller (the cell secretary, with
   * their member id) is the secretary who signs, {@code chairMemberId} a participant who attended.
   * Drafting again replaces an unsigned-off draft.
   */
  public Minutes draft(String meetingId, String chairMemberId) {
    Meeting meeting = meetings.forSecretary(meetingId);
    String secretary = ownMemberId("the secretary who drafts the minutes signs them");
    if (meeting.status() != MeetingStatus.CLOSED) {
      throw ProblemException.ruleViolated(
          "meeting-not-closed", "Minutes are drafted once the meeting has closed.");
    }
    boolean chairAttended =
        meeting.findParticipant(chairMemberId).map(p -> p.attendance().attends()).orElse(false);
    if (!chairAttended) {
      throw ProblemException.ruleViolated(
          "chair-not-present", "The chair must be a participant who attended the meeting.");
    }
    String cellName =
        roster
            .cell(meeting.cellId())
            .map(RosterCell::name)
            .map(n -> n.replaceFirst("(?iu)^chi bộ\\s+", ""))
            .orElse(meeting.path());
    String secretaryName =
        meeting
            .findParticipant(secretary)
            .map(p -> p.fullName() != null ? p.fullName() : secretary)
            .orElse(secretary);
    String text =
        MinutesText.draft(
            meeting,
            cellName,
            chairMemberId,
            secretaryName,
            meeting.quorum(meetings.rules()),
            motions.ofMeeting(meetingId));
    for (int attempt = 1; ; attempt++) {
      Minutes existing = mongo.findById(Minutes.idOf(meetingId), Minutes.class);
      Minutes minutes;
      if (existing == null) {
        minutes = Minutes.draft(meetingId, meeting.path(), chairMemberId, secretary, text, clock);
      } else {
        existing.redraft(chairMemberId, secretary, text, clock);
        minutes = existing;
      }
      try {
        return outbox.saveAndPublish(minutes);
      } catch (OptimisticLockingFailureException
          | org.springframework.dao.DuplicateKeyException e) {
        if (attempt == ATTEMPTS) {
          throw busy();
        }
      }
    }
  }

  /** The secretary's edit of the draft text. */
  public Minutes edit(String meetingId, String content) {
    Meeting meeting = meetings.forSecretary(meetingId);
    return change(meeting.id(), m -> m.edit(content, clock));
  }

  /** The caller signs as chair or secretary (their registered key; a fresh login). */
  public Minutes sign(String meetingId, Minutes.Role role, String signature) {
    String me = ownMemberId("only members sign minutes");
    freshLogin.require();
    Minutes current = load(meetingId);
    if (role == Minutes.Role.SECRETARY) {
      guard.requireActOn(current.path(), Roles.SECRETARY);
    }
    Minutes.requireSigner(
        role,
        role == Minutes.Role.CHAIR ? current.chairMemberId() : current.secretaryMemberId(),
        me);
    SigningKeys.Key key = keyInForce(me);
    return change(meetingId, m -> m.sign(role, me, key, signature, clock));
  }

  /** The minutes of a meeting the caller may read. */
  public Minutes read(String meetingId) {
    meetings.read(meetingId);
    return load(meetingId);
  }

  /** The key the member signs with now (the latest registered). */
  private SigningKeys.Key keyInForce(String memberId) {
    return keys.of(memberId)
        .flatMap(k -> k.validAt(Instant.now(clock)))
        .orElseThrow(
            () ->
                ProblemException.ruleViolated(
                    "signing-key-not-registered",
                    "Register your public signing key before signing."));
  }

  /**
   * Registers the caller's own public key from now on (the earlier ones stay in the history, for
   * what they signed); needs a fresh login too.
   */
  public SigningKeys registerKey(String memberId, String publicKey) {
    String me = ownMemberId("only members register signing keys");
    if (!me.equals(memberId)) {
      throw new AccessDeniedException("members register only their own key");
    }
    freshLogin.require();
    String raw =
        Ed25519.rawPublicKey(publicKey)
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "invalid-public-key",
                        "Expected a base64 Ed25519 public key (32 raw bytes or X.509)."));
    return keys.register(me, raw);
  }

  /** Anyone signed in may read a member's public keys and their history, to verify signatures. */
  public SigningKeys key(String memberId) {
    return keys.of(memberId)
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "signing-key-not-found", "No signing key registered for " + memberId + "."));
  }

  /**
   * What document-service reported sealed: the meeting, the archive record and, when the event
   * carries them, the amendment number or the content hash.
   */
  public record SealNotice(
      String meetingId,
      String archiveRecordId,
      Integer amendmentNumber,
      String contentSha256,
      Minutes.Seal seal) {}

  /**
   * document-service sealed minutes or an amendment into its archive: keep where they sit in the
   * log. Which one is recognised by, in order: the amendment number on the event; the content hash
   * on the event; the archive record id (document-service derives it from the meeting and the
   * content hash); else the minutes if not sealed yet, then the oldest final amendment not sealed.
   */
  public void sealed(SealNotice notice) {
    for (int attempt = 1; ; attempt++) {
      Minutes minutes = mongo.findById(Minutes.idOf(notice.meetingId()), Minutes.class);
      if (minutes == null) {
        log.warn("seal for minutes of unknown meeting {} ignored", notice.meetingId());
        return;
      }
      List<Amendment> amendments = amendmentsOf(notice.meetingId());
      Object target = target(notice, minutes, amendments);
      try {
        if (target instanceof Minutes m && m.sealed(notice.seal())) {
          outbox.saveAndPublish(m);
        } else if (target instanceof Amendment a && a.sealed(notice.seal())) {
          outbox.saveAndPublish(a);
        }
        return;
      } catch (OptimisticLockingFailureException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static Object target(SealNotice notice, Minutes minutes, List<Amendment> amendments) {
    if (notice.amendmentNumber() != null) {
      return amendments.stream()
          .filter(a -> a.number() == notice.amendmentNumber())
          .findFirst()
          .orElse(null);
    }
    if (notice.contentSha256() != null) {
      if (notice.contentSha256().equals(minutes.contentSha256())) {
        return minutes;
      }
      return amendments.stream()
          .filter(a -> notice.contentSha256().equals(a.contentSha256()))
          .findFirst()
          .orElse(null);
    }
    if (Amendment.archiveRecordIdOf(minutes.meetingId(), minutes.contentSha256())
        .equals(notice.archiveRecordId())) {
      return minutes;
    }
    for (Amendment a : amendments) {
      if (a.expectedArchiveRecordId().equals(notice.archiveRecordId())) {
        return a;
      }
    }
    if (minutes.seal() == null) {
      return minutes;
    }
    return amendments.stream()
        .filter(a -> a.status() == Minutes.Status.FINALIZED)
        .findFirst()
        .orElse(null);
  }

  private List<Amendment> amendmentsOf(String meetingId) {
    return mongo.find(
        Query.query(Criteria.where("meetingId").is(meetingId))
            .with(Sort.by("number"))
            .limit(MAX_AMENDMENTS),
        Amendment.class);
  }

  /**
   * The cell secretary (with their member id) drafts a correction of sealed minutes; it is signed
   * by the original's chair and by this secretary. One amendment at a time: a new one once the
   * previous is final.
   */
  public Amendment amend(String meetingId, String content, String reason) {
    Meeting meeting = meetings.forSecretary(meetingId);
    String secretary = ownMemberId("the secretary who drafts an amendment signs it");
    Minutes original = load(meeting.id());
    List<Amendment> existing = amendmentsOf(meetingId);
    if (existing.stream().anyMatch(a -> a.status() == Minutes.Status.DRAFT)) {
      throw ProblemException.conflict(
          "amendment-pending", "An amendment of these minutes is still waiting for signatures.");
    }
    if (existing.size() >= MAX_AMENDMENTS) {
      throw ProblemException.ruleViolated(
          "too-many-amendments", "These minutes have been amended too often.");
    }
    Amendment amendment =
        Amendment.draft(original, existing.size() + 1, secretary, content, reason, clock);
    try {
      return outbox.saveAndPublish(amendment);
    } catch (org.springframework.dao.DuplicateKeyException e) {
      throw ProblemException.conflict(
          "amendment-pending", "Another amendment was drafted meanwhile; please reload.");
    }
  }

  /** The caller signs amendment {@code number} as chair or secretary (fresh login). */
  public Amendment signAmendment(
      String meetingId, int number, Minutes.Role role, String signature) {
    String me = ownMemberId("only members sign amendments");
    freshLogin.require();
    Amendment current = amendment(meetingId, number);
    if (role == Minutes.Role.SECRETARY) {
      guard.requireActOn(current.path(), Roles.SECRETARY);
    }
    Minutes.requireSigner(
        role,
        role == Minutes.Role.CHAIR ? current.chairMemberId() : current.secretaryMemberId(),
        me);
    SigningKeys.Key key = keyInForce(me);
    for (int attempt = 1; ; attempt++) {
      Amendment amendment = amendment(meetingId, number);
      amendment.sign(role, me, key, signature, clock);
      try {
        return outbox.saveAndPublish(amendment);
      } catch (OptimisticLockingFailureException e) {
        if (attempt == ATTEMPTS) {
          throw busy();
        }
      }
    }
  }

  /** The amendments of a meeting the caller may read, oldest first. */
  public List<Amendment> amendments(String meetingId) {
    meetings.read(meetingId);
    return amendmentsOf(meetingId);
  }

  private Amendment amendment(String meetingId, int number) {
    meetings.read(meetingId);
    Amendment amendment = mongo.findById(Amendment.idOf(meetingId, number), Amendment.class);
    if (amendment == null) {
      throw ProblemException.notFound(
          "amendment-not-found", "No amendment " + number + " of meeting " + meetingId + ".");
    }
    return amendment;
  }

  /** Amendment {@code number} of a meeting the caller may read. */
  public Amendment readAmendment(String meetingId, int number) {
    return amendment(meetingId, number);
  }

  private Minutes change(String meetingId, Consumer<Minutes> command) {
    for (int attempt = 1; ; attempt++) {
      Minutes minutes = load(meetingId);
      command.accept(minutes);
      try {
        return outbox.saveAndPublish(minutes);
      } catch (OptimisticLockingFailureException e) {
        if (attempt == ATTEMPTS) {
          throw busy();
        }
      }
    }
  }

  private String ownMemberId(String why) {
    return guard.currentUser().ownMemberId().orElseThrow(() -> new AccessDeniedException(why));
  }

  private Minutes load(String meetingId) {
    Minutes minutes = mongo.findById(Minutes.idOf(meetingId), Minutes.class);
    if (minutes == null) {
      throw ProblemException.notFound(
          "minutes-not-found", "No minutes drafted yet for meeting " + meetingId + ".");
    }
    return minutes;
  }

  private static ProblemException busy() {
    return ProblemException.conflict(
        "minutes-busy", "The minutes changed meanwhile; please try again.");
  }
}
