package vn.digicell.meeting.minutes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;
import vn.digicell.platform.web.ProblemException;

/**
 * The minutes of one meeting (id {@code minutes-<meetingId>}: its own event stream, apart from the
 * meeting's, since consumers order events per subject): a draft the secretary may edit, signed by
 * the chair and the secretary over its canonical content, final once both signatures verify, then
 * sealed by document-service's archive. Editing a draft voids the signatures already given.
 */
@Document("minutes")
public class Minutes extends AggregateRoot {

  static final String FINALIZED = "vn.digicell.meeting.minutes-finalized.v1";

  /** Draft (editable), final (signed by both, published), sealed (in the archive's log). */
  public enum Status {
    DRAFT,
    FINALIZED,
    SEALED
  }

  /** Who signs: the meeting's chair and its secretary. */
  public enum Role {
    CHAIR,
    SECRETARY;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One verified signature: base64 Ed25519 over the content's UTF-8 bytes, and the key used. */
  public record OfficerSignature(
      Role role, String signerMemberId, String publicKey, String signature, Instant signedAt) {}

  /** What document-service's archive reported back: where the minutes sit in the log. */
  public record Seal(
      String archiveRecordId,
      long logIndex,
      String leafHash,
      long checkpointSize,
      String rootHash,
      String signedNote,
      Instant recordedAt) {}

  @Id private final String id;
  private final String meetingId;
  private final String orgPath;
  private String chairMemberId;
  private String secretaryMemberId;
  private String content;
  private Status status;
  private List<OfficerSignature> signatures;
  private Instant draftedAt;
  private Instant editedAt;
  private Instant finalizedAt;
  private Seal seal;
  @Version private Long version;

  @PersistenceCreator
  Minutes(
      String id,
      String meetingId,
      String orgPath,
      String chairMemberId,
      String secretaryMemberId,
      String content,
      Status status,
      List<OfficerSignature> signatures,
      Instant draftedAt,
      Instant editedAt,
      Instant finalizedAt,
      Seal seal) {
    this.id = id;
    this.meetingId = meetingId;
    this.orgPath = orgPath;
    this.chairMemberId = chairMemberId;
    this.secretaryMemberId = secretaryMemberId;
    this.content = content;
    this.status = status;
    this.signatures = signatures == null ? new ArrayList<>() : new ArrayList<>(signatures);
    this.draftedAt = draftedAt;
    this.editedAt = editedAt;
    this.finalizedAt = finalizedAt;
    this.seal = seal;
  }

  static Minutes draft(
      String meetingId,
      String orgPath,
      String chairMemberId,
      String secretaryMemberId,
      String content,
      Clock clock) {
    return new Minutes(
        idOf(meetingId),
        meetingId,
        orgPath,
        chairMemberId,
        secretaryMemberId,
        MinutesText.canonical(content),
        Status.DRAFT,
        List.of(),
        Instant.now(clock),
        null,
        null,
        null);
  }

  /** Generates the draft again (the meeting's record may have changed); signatures are void. */
  void redraft(String chair, String secretary, String text, Clock clock) {
    requireDraft();
    chairMemberId = chair;
    secretaryMemberId = secretary;
    content = MinutesText.canonical(text);
    signatures.clear();
    draftedAt = Instant.now(clock);
    editedAt = null;
  }

  /** The secretary's edit of the draft; signatures over the earlier text no longer count. */
  void edit(String text, Clock clock) {
    requireDraft();
    String canonical = MinutesText.canonical(text);
    if (canonical.isBlank()) {
      throw ProblemException.badRequest("minutes-empty", "The minutes cannot be empty.");
    }
    if (!canonical.equals(content)) {
      content = canonical;
      signatures.clear();
    }
    editedAt = Instant.now(clock);
  }

  /**
   * Adds an officer's signature after checking it against their registered key; when both the chair
   * and the secretary have signed, the minutes are final and published.
   */
  void sign(Role role, String signerMemberId, String publicKey, String signature, Clock clock) {
    requireDraft();
    String expected = role == Role.CHAIR ? chairMemberId : secretaryMemberId;
    if (!expected.equals(signerMemberId)) {
      throw new ProblemException(
          org.springframework.http.HttpStatus.FORBIDDEN,
          "not-the-signer",
          "Only the meeting's " + role.wire() + " signs as " + role.wire() + ".");
    }
    if (signatures.stream().anyMatch(s -> s.role() == role)) {
      throw ProblemException.conflict(
          "already-signed", "The " + role.wire() + " has already signed these minutes.");
    }
    if (!Ed25519.verifies(publicKey, content.getBytes(StandardCharsets.UTF_8), signature)) {
      throw ProblemException.ruleViolated(
          "invalid-signature",
          "The signature does not verify against the signer's registered key for this content.");
    }
    signatures.add(
        new OfficerSignature(role, signerMemberId, publicKey, signature, Instant.now(clock)));
    if (signatures.size() == Role.values().length) {
      finalise(clock);
    }
  }

  private void finalise(Clock clock) {
    status = Status.FINALIZED;
    finalizedAt = Instant.now(clock);
    signatures.sort(Comparator.comparing(OfficerSignature::role));
    record(
        FINALIZED,
        new MinutesFinalized(
            meetingId,
            orgPath,
            content,
            sha256Hex(content),
            signatures.stream()
                .map(
                    s ->
                        new SignatureOnEvent(
                            s.role().wire(), s.signerMemberId(), s.publicKey(), s.signature()))
                .toList(),
            finalizedAt),
        clock);
  }

  /** Records the archive's seal; the same seal twice changes nothing. */
  boolean sealed(Seal value) {
    if (status == Status.DRAFT) {
      return false;
    }
    if (seal != null) {
      return false;
    }
    seal = value;
    status = Status.SEALED;
    return true;
  }

  private void requireDraft() {
    if (status != Status.DRAFT) {
      throw ProblemException.conflict(
          "minutes-finalized",
          "These minutes are final and cannot change; corrections are amendments.");
    }
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The id of a meeting's minutes. */
  public static String idOf(String meetingId) {
    return "minutes-" + meetingId;
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
    return sha256Hex(content);
  }

  public Status status() {
    return status;
  }

  public List<OfficerSignature> signatures() {
    return List.copyOf(signatures);
  }

  public Instant draftedAt() {
    return draftedAt;
  }

  public Instant editedAt() {
    return editedAt;
  }

  public Instant finalizedAt() {
    return finalizedAt;
  }

  public Seal seal() {
    return seal;
  }

  record SignatureOnEvent(String role, String signerMemberId, String publicKey, String signature) {}

  record MinutesFinalized(
      String meetingId,
      String orgPath,
      String content,
      String contentSha256,
      List<SignatureOnEvent> signatures,
      Instant finalizedAt) {}
}
