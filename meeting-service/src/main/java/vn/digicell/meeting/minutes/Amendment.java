package vn.digicell.meeting.minutes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.http.HttpStatus;
import vn.digicell.platform.events.AggregateRoot;
import vn.digicell.platform.web.ProblemException;

/**
 * A correction of sealed minutes: never an edit of them, a new signed text that references the
 * original (its meeting and its place in the archive's log). Numbered per meeting from 1; id {@code
 * amendment-<meetingId>-<n>}, its own event stream. Signed by the original's chair and the
 * secretary who drafts it, with the same rules as minutes; both signatures publish {@code
 * minutes-amended} (the shape of {@code minutes-finalized} and the reference), which
 * document-service seals like minutes.
 */
@Document("amendments")
public class Amendment extends AggregateRoot {

  static final String AMENDED = "vn.digicell.meeting.minutes-amended.v1";
  static final String AMENDED_FACTS = "vn.digicell.meeting.minutes-amended.v2";

  @Id private final String id;
  @Indexed private final String meetingId;
  private final String orgPath;
  private final int number;
  private final long amendsLogIndex;
  private final String reason;
  private final String chairMemberId;
  private final String secretaryMemberId;
  private final String content;
  private Minutes.Status status;
  private List<Minutes.OfficerSignature> signatures;
  private final Instant draftedAt;
  private Instant finalizedAt;
  private Minutes.Seal seal;
  @Version private Long version;

  @PersistenceCreator
  Amendment(
      String id,
      String meetingId,
      String orgPath,
      int number,
      long amendsLogIndex,
      String reason,
      String chairMemberId,
      String secretaryMemberId,
      String content,
      Minutes.Status status,
      List<Minutes.OfficerSignature> signatures,
      Instant draftedAt,
      Instant finalizedAt,
      Minutes.Seal seal) {
    this.id = id;
    this.meetingId = meetingId;
    this.orgPath = orgPath;
    this.number = number;
    this.amendsLogIndex = amendsLogIndex;
    this.reason = reason;
    this.chairMemberId = chairMemberId;
    this.secretaryMemberId = secretaryMemberId;
    this.content = content;
    this.status = status;
    this.signatures = signatures == null ? new ArrayList<>() : new ArrayList<>(signatures);
    this.draftedAt = draftedAt;
    this.finalizedAt = finalizedAt;
    this.seal = seal;
  }

  /** Drafts amendment {@code number} of sealed minutes, by {@code secretary}. */
  static Amendment draft(
      Minutes original, int number, String secretary, String content, String reason, Clock clock) {
    if (original.status() != Minutes.Status.SEALED) {
      throw ProblemException.ruleViolated(
          "minutes-not-sealed",
          "Only sealed minutes are amended; until then, correct the draft itself.");
    }
    String canonical = MinutesText.canonical(content);
    if (canonical.isBlank()) {
      throw ProblemException.badRequest("amendment-empty", "The amendment cannot be empty.");
    }
    if (canonical.equals(original.content())) {
      throw ProblemException.ruleViolated(
          "amendment-unchanged", "An amendment must differ from the minutes it corrects.");
    }
    return new Amendment(
        idOf(original.meetingId(), number),
        original.meetingId(),
        original.path(),
        number,
        original.seal().logIndex(),
        reason.strip(),
        original.chairMemberId(),
        secretary,
        canonical,
        Minutes.Status.DRAFT,
        List.of(),
        Instant.now(clock),
        null,
        null);
  }

  /**
   * Same rules as minutes: the right officer, once per role, a signature that verifies under {@code
   * digicell-signing-v2} (kind amendment, this meeting, version = the amendment's number).
   */
  void sign(
      Minutes.Role role,
      String signerMemberId,
      SigningKeys.Key key,
      String signature,
      Clock clock) {
    if (status != Minutes.Status.DRAFT) {
      throw ProblemException.conflict(
          "amendment-finalized", "This amendment is final; a further correction is a new one.");
    }
    String expected = role == Minutes.Role.CHAIR ? chairMemberId : secretaryMemberId;
    if (!expected.equals(signerMemberId)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "not-the-signer",
          "Only the meeting's " + role.wire() + " signs as " + role.wire() + ".");
    }
    if (signatures.stream().anyMatch(s -> s.role() == role)) {
      throw ProblemException.conflict(
          "already-signed", "The " + role.wire() + " has already signed this amendment.");
    }
    if (!SignedMessage.verifies(
        SignedMessage.Scheme.DIGICELL_SIGNING_V2,
        SignedMessage.Kind.AMENDMENT,
        meetingId,
        number,
        content,
        key.publicKey(),
        signature)) {
      throw ProblemException.ruleViolated(
          "invalid-signature",
          "The signature does not verify against the signer's registered key for this content.");
    }
    signatures.add(
        new Minutes.OfficerSignature(
            role,
            signerMemberId,
            key.publicKey(),
            signature,
            Instant.now(clock),
            key.keyId(),
            SignedMessage.Scheme.DIGICELL_SIGNING_V2.wire()));
    if (signatures.size() == Minutes.Role.values().length) {
      status = Minutes.Status.FINALIZED;
      finalizedAt = Instant.now(clock);
      signatures.sort(Comparator.comparing(Minutes.OfficerSignature::role));
      // the text and the reason to the archive on the restricted topic, the fact on the general
      record(
          AMENDED,
          new MinutesAmended(
              meetingId,
              orgPath,
              number,
              content,
              Minutes.sha256Hex(content),
              signatures.stream().map(Minutes.OfficerSignature::onEvent).toList(),
              finalizedAt,
              meetingId,
              number,
              amendsLogIndex,
              reason),
          clock);
      record(
          AMENDED_FACTS,
          new MinutesAmendedFacts(
              meetingId,
              orgPath,
              number,
              Minutes.sha256Hex(content),
              finalizedAt,
              signatures.stream().map(Minutes.OfficerSignature::fact).toList(),
              meetingId,
              number,
              amendsLogIndex),
          clock);
    }
  }

  /** What an officer signs: the {@code digicell-signing-v2} message of this amendment. */
  public String signedMessage() {
    return SignedMessage.v2(SignedMessage.Kind.AMENDMENT, meetingId, number, contentSha256());
  }

  /** Whether every stored signature verifies as it was made (any scheme). */
  public boolean signaturesVerify() {
    return signatures.stream()
        .allMatch(s -> s.verifies(SignedMessage.Kind.AMENDMENT, meetingId, number, content));
  }

  /** Records the archive's seal once. */
  boolean sealed(Minutes.Seal value) {
    if (status == Minutes.Status.DRAFT || seal != null) {
      return false;
    }
    seal = value;
    status = Minutes.Status.SEALED;
    return true;
  }

  /**
   * The archive record id document-service derives for signed minutes of this meeting with this
   * content (name-based UUID of {@code minutes|<meetingId>|<contentSha256>}), to recognise the
   * seal.
   */
  String expectedArchiveRecordId() {
    return archiveRecordIdOf(meetingId, Minutes.sha256Hex(content));
  }

  static String archiveRecordIdOf(String meetingId, String contentSha256) {
    return UUID.nameUUIDFromBytes(
            ("minutes|" + meetingId + "|" + contentSha256).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  public static String idOf(String meetingId, int number) {
    return "amendment-" + meetingId + "-" + number;
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

  public String path() {
    return orgPath;
  }

  public int number() {
    return number;
  }

  public long amendsLogIndex() {
    return amendsLogIndex;
  }

  public String reason() {
    return reason;
  }

  public String chairMemberId() {
    return chairMemberId;
  }

  public String secretaryMemberId() {
    return secretaryMemberId;
  }

  public String content() {
    return content;
  }

  public String contentSha256() {
    return Minutes.sha256Hex(content);
  }

  public Minutes.Status status() {
    return status;
  }

  public List<Minutes.OfficerSignature> signatures() {
    return List.copyOf(signatures);
  }

  public Instant draftedAt() {
    return draftedAt;
  }

  public Instant finalizedAt() {
    return finalizedAt;
  }

  public Minutes.Seal seal() {
    return seal;
  }

  /** {@code minutes-finalized}'s fields, then the reference to the original. */
  record MinutesAmended(
      String meetingId,
      String orgPath,
      int version,
      String content,
      String contentSha256,
      List<Minutes.SignatureOnEvent> signatures,
      Instant finalizedAt,
      String amendsMeetingId,
      int amendmentNumber,
      long amendsLogIndex,
      String reason) {}

  /** {@code minutes-finalized.v2}'s fields, then the reference to the original; no text. */
  record MinutesAmendedFacts(
      String meetingId,
      String orgPath,
      int version,
      String contentSha256,
      Instant finalizedAt,
      List<Minutes.SignatureFact> signatures,
      String amendsMeetingId,
      int amendmentNumber,
      long amendsLogIndex) {}
}
