package vn.digicell.meeting.vote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.http.HttpStatus;
import vn.digicell.meeting.meeting.Fraction;
import vn.digicell.platform.events.AggregateRoot;
import vn.digicell.platform.web.ProblemException;

/**
 * A motion put to the vote in a meeting. Who voted ({@link #voters}) and what was cast ({@link
 * #ballots}) are kept apart in one document so that one member, one vote holds in a single atomic
 * write. For a secret ballot nothing links the two: a ballot holds only the option and the hash of
 * the voter's receipt, never a member id or a time; both lists are kept sorted by keys that say
 * nothing of the order of voting (voters by member id, ballots by the random receipt's hash).
 */
@Document("motions")
public class Motion extends AggregateRoot {

  static final String OPENED = "vn.digicell.meeting.vote-opened.v1";
  static final String CLOSED = "vn.digicell.meeting.vote-closed.v1";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Id private final String id;
  @Indexed private final String meetingId;
  private final String orgPath;
  private final String question;
  private final List<String> options;
  private final BallotKind ballot;
  private VoteStatus status;
  private List<String> voters;
  private List<Ballot> ballots;
  private Result result;
  @Version private Long version;

  /** Open (names recorded with choices) or secret. */
  public enum BallotKind {
    OPEN,
    SECRET
  }

  public enum VoteStatus {
    OPEN,
    CLOSED
  }

  /**
   * One cast ballot: the option and the SHA-256 of the voter's receipt; in an open ballot also who
   * cast it.
   */
  public record Ballot(String option, String receiptHash, String memberId) {}

  /** The tally of one option and the receipt hashes counted for it. */
  public record OptionTally(String option, int votes, List<String> receiptHashes) {}

  /**
   * The published result: per-option tallies, the base the majority is measured against (official
   * members not exempted), the rule, and the option adopted (null when none has the majority).
   */
  public record Result(
      int majorityBase,
      String majorityRule,
      int voted,
      List<OptionTally> tallies,
      String adopted) {}

  @PersistenceCreator
  Motion(
      String id,
      String meetingId,
      String orgPath,
      String question,
      List<String> options,
      BallotKind ballot,
      VoteStatus status,
      List<String> voters,
      List<Ballot> ballots,
      Result result) {
    this.id = id;
    this.meetingId = meetingId;
    this.orgPath = orgPath;
    this.question = question;
    this.options = List.copyOf(options);
    this.ballot = ballot;
    this.status = status;
    this.voters = voters == null ? new ArrayList<>() : new ArrayList<>(voters);
    this.ballots = ballots == null ? new ArrayList<>() : new ArrayList<>(ballots);
    this.result = result;
  }

  static Motion open(
      String meetingId,
      String orgPath,
      String question,
      List<String> options,
      BallotKind ballot,
      Clock clock) {
    List<String> distinct =
        new ArrayList<>(new LinkedHashSet<>(options.stream().map(String::strip).toList()));
    if (distinct.size() < 2 || distinct.size() != options.size()) {
      throw ProblemException.badRequest(
          "invalid-options", "A motion needs at least two different options.");
    }
    Motion motion =
        new Motion(
            UUID.randomUUID().toString(),
            meetingId,
            orgPath,
            question.strip(),
            distinct,
            ballot,
            VoteStatus.OPEN,
            List.of(),
            List.of(),
            null);
    motion.record(
        OPENED, new VoteOpened(motion.id, meetingId, motion.question, distinct, ballot), clock);
    return motion;
  }

  /**
   * Casts the member's vote and returns their receipt (kept by the voter only; the motion stores
   * its hash). Eligibility (official, present) is the caller's to check against the meeting.
   */
  String cast(String memberId, String option) {
    if (status != VoteStatus.OPEN) {
      throw ProblemException.ruleViolated("vote-closed", "Voting on this motion has closed.");
    }
    if (!options.contains(option)) {
      throw ProblemException.badRequest(
          "unknown-option", "'" + option + "' is not an option of this motion.");
    }
    if (voters.contains(memberId)) {
      throw ProblemException.conflict("already-voted", "You have already voted on this motion.");
    }
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    String receipt = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    voters.add(memberId);
    voters.sort(Comparator.naturalOrder());
    ballots.add(
        new Ballot(option, receiptHash(receipt), ballot == BallotKind.OPEN ? memberId : null));
    ballots.sort(Comparator.comparing(Ballot::receiptHash));
    return receipt;
  }

  /** Closes the vote and publishes the tally; the majority is measured against {@code base}. */
  void close(int base, Fraction majority, Clock clock) {
    if (status != VoteStatus.OPEN) {
      throw ProblemException.ruleViolated("vote-closed", "Voting on this motion has closed.");
    }
    status = VoteStatus.CLOSED;
    List<OptionTally> tallies =
        options.stream()
            .map(
                o -> {
                  List<String> hashes =
                      ballots.stream()
                          .filter(b -> b.option().equals(o))
                          .map(Ballot::receiptHash)
                          .sorted()
                          .toList();
                  return new OptionTally(o, hashes.size(), hashes);
                })
            .toList();
    String adopted =
        tallies.stream()
            .filter(t -> majority.exceededBy(t.votes(), base))
            .max(Comparator.comparingInt(OptionTally::votes))
            .filter(best -> tallies.stream().filter(t -> t.votes() == best.votes()).count() == 1)
            .map(OptionTally::option)
            .orElse(null);
    result = new Result(base, "more than " + majority, voters.size(), tallies, adopted);
    // who chose what never leaves meeting-service: the tally and the receipt hashes do
    record(
        CLOSED,
        new VoteClosed(
            id,
            meetingId,
            ballot,
            base,
            result.majorityRule(),
            List.copyOf(voters),
            tallies,
            adopted),
        clock);
  }

  /** What a receipt proves once the vote closed: the option it was counted for, if any. */
  Optional<String> optionOfReceipt(String receipt) {
    if (status != VoteStatus.CLOSED) {
      throw resultsNotYet();
    }
    String hash = receiptHash(receipt);
    return ballots.stream()
        .filter(b -> b.receiptHash().equals(hash))
        .map(Ballot::option)
        .findFirst();
  }

  static ProblemException resultsNotYet() {
    return new ProblemException(
        HttpStatus.CONFLICT,
        "vote-still-open",
        "Results are published only after the vote closes.");
  }

  /** SHA-256 of a receipt, hex: what the motion stores and the tally publishes. */
  public static String receiptHash(String receipt) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(receipt.strip().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return orgPath;
  }

  public String meetingId() {
    return meetingId;
  }

  public String question() {
    return question;
  }

  public List<String> options() {
    return options;
  }

  public BallotKind ballot() {
    return ballot;
  }

  public VoteStatus status() {
    return status;
  }

  public int votersCount() {
    return voters.size();
  }

  public boolean hasVoted(String memberId) {
    return voters.contains(memberId);
  }

  /** The result, once the vote has closed. */
  public Optional<Result> result() {
    return Optional.ofNullable(result);
  }

  record VoteOpened(
      String motionId,
      String meetingId,
      String question,
      List<String> options,
      BallotKind ballot) {}

  record VoteClosed(
      String motionId,
      String meetingId,
      BallotKind ballot,
      int majorityBase,
      String majorityRule,
      List<String> voterIds,
      List<OptionTally> tallies,
      String adopted) {}
}
