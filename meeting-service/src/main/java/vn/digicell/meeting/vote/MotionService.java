package vn.digicell.meeting.vote;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import vn.digicell.meeting.meeting.Meeting;
import vn.digicell.meeting.meeting.MeetingService;
import vn.digicell.meeting.meeting.MeetingStatus;
import vn.digicell.meeting.meeting.Participant;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/**
 * Votes in a meeting: the secretary opens and closes them; official members present vote once each;
 * results and receipt checks only after the vote closes.
 */
@Service
public class MotionService {

  private static final int ATTEMPTS = 20;

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final MeetingService meetings;
  private final AccessGuard guard;
  private final Clock clock;

  MotionService(
      MongoTemplate mongo, Outbox outbox, MeetingService meetings, AccessGuard guard, Clock clock) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.meetings = meetings;
    this.guard = guard;
    this.clock = clock;
  }

  public Motion open(
      String meetingId, String question, List<String> options, Motion.BallotKind ballot) {
    Meeting meeting = meetings.forSecretary(meetingId);
    requireInProgress(meeting);
    return outbox.saveAndPublish(
        Motion.open(meetingId, meeting.path(), question, options, ballot, clock));
  }

  /**
   * The caller votes for themself; returns their receipt. Who may vote is the meeting's list of
   * participants (present official members), not a role held somewhere.
   */
  public String vote(String motionId, String option) {
    String me =
        guard
            .currentUser()
            .ownMemberId()
            .orElseThrow(() -> new AccessDeniedException("only members vote"));
    for (int attempt = 1; ; attempt++) {
      Motion motion = load(motionId);
      Meeting meeting = meetings.read(motion.meetingId());
      requireInProgress(meeting);
      boolean eligible = meeting.findParticipant(me).map(Participant::mayVote).orElse(false);
      if (!eligible) {
        throw new ProblemException(
            HttpStatus.FORBIDDEN,
            "not-eligible-to-vote",
            "Only official members of this cell who are present may vote.");
      }
      String receipt = motion.cast(me, option);
      try {
        outbox.saveAndPublish(motion);
        return receipt;
      } catch (OptimisticLockingFailureException e) {
        // someone else's vote landed first: try again on the fresh tally (and re-check ours)
        if (attempt == ATTEMPTS) {
          throw ProblemException.conflict("vote-busy", "Many votes at once; please try again.");
        }
      }
    }
  }

  public Motion close(String motionId) {
    for (int attempt = 1; ; attempt++) {
      Motion motion = load(motionId);
      Meeting meeting = meetings.forSecretary(motion.meetingId());
      motion.close(
          meeting.quorum(meetings.rules()).base(),
          meetings.rules().majorityFor(meeting.kind()),
          clock);
      try {
        return outbox.saveAndPublish(motion);
      } catch (OptimisticLockingFailureException e) {
        if (attempt == ATTEMPTS) {
          throw ProblemException.conflict("vote-busy", "Votes are still arriving; try again.");
        }
      }
    }
  }

  /** Records the resolution this motion's vote adopted; refused when the vote adopted nothing. */
  public Meeting adoptResolution(String motionId, String text) {
    Motion motion = load(motionId);
    meetings.forSecretary(motion.meetingId());
    if (motion.status() != Motion.VoteStatus.CLOSED) {
      throw Motion.resultsNotYet();
    }
    if (motion.result().map(Motion.Result::adopted).isEmpty()) {
      throw ProblemException.ruleViolated(
          "motion-not-adopted", "The vote on this motion did not reach the majority.");
    }
    return meetings.adoptResolution(motion.meetingId(), motionId, text);
  }

  public Motion read(String motionId) {
    Motion motion = load(motionId);
    meetings.read(motion.meetingId());
    return motion;
  }

  public List<Motion> ofMeeting(String meetingId) {
    meetings.read(meetingId);
    return mongo.find(Query.query(Criteria.where("meetingId").is(meetingId)), Motion.class);
  }

  /** The option a receipt was counted for, once the vote has closed. */
  public Optional<String> checkReceipt(String motionId, String receipt) {
    return read(motionId).optionOfReceipt(receipt);
  }

  private static void requireInProgress(Meeting meeting) {
    if (meeting.status() != MeetingStatus.IN_PROGRESS) {
      throw ProblemException.ruleViolated(
          "meeting-not-in-progress", "Votes take place while the meeting is in progress.");
    }
  }

  private Motion load(String motionId) {
    Motion motion = mongo.findById(motionId, Motion.class);
    if (motion == null) {
      throw ProblemException.notFound("motion-not-found", "No motion with id " + motionId + ".");
    }
    return motion;
  }
}
