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
  static final String FINALIZED_FACTS = "vn.digicell.meeting.minutes-finalized.v2";

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

  /**
   * One verified signature: base64 Ed25519 over what its scheme says (absent: the content's UTF-8
   * bytes, as the first release signed), the key used and its id (absent on signatures stored by
   * the first release: derived from the key).
   */
  public record OfficerSignature(
      Role role,
      String signerMemberId,
      String publicKey,
      String signature,
      Instant signedAt,
      String keyId,
      String scheme) {

    public String keyIdOrDerived() {
      return keyId != null ? keyId : SigningKeys.keyIdOf(publicKey);
    }

    public SignedMessage.Scheme schemeOrRaw() {
      return SignedMessage.Scheme.of(scheme);
    }

    /** Whether this stored signature verifies over {@code content} as it was made. */
    boolean verifies(SignedMessage.Kind kind, String meetingId, long version, String content) {
      return SignedMessage.verifies(
          schemeOrRaw(), kind, meetingId, version, content, publicKey, signature);
    }

    SignatureOnEvent onEvent() {
      return new SignatureOnEvent(
          role.wire(),
          signerMemberId,
          publicKey,
          signature,
          keyIdOrDerived(),
          schemeOrRaw().wire(),
          signedAt);
    }

    SignatureFact fact() {
      return new SignatureFact(
          role.wire(), signerMemberId, keyIdOrDerived(), schemeOrRaw().wire(), signedAt);
    }
  }

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
  private Integer revision;
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
      Seal seal,
      Integer revision) {
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
    this.revision = revision;
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
        null,
        1);
  }

  /** Generates the draft again (the meeting's record may have changed); signatures are void. */
  void redraft(String chair, String secretary, String text, Clock clock) {
    requireDraft();
    chairMemberId = chair;
    secretaryMemberId = secretary;
    content = MinutesText.canonical(text);
    signatures.clear();
    revision = version() + 1;
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
      revision = version() + 1;
    }
    editedAt = Instant.now(clock);
  }

  /**
   * Adds an officer's signature after checking it, under {@code digicell-signing-v2} (this meeting,
   * this draft's version, this content), against their key valid now; when both the chair and the
   * secretary have signed, the minutes are final and published.
   */
  void sign(Role role, String signerMemberId, SigningKeys.Key key, String signature, Clock clock) {
    requireDraft();
    requireSigner(role, role == Role.CHAIR ? chairMemberId : secretaryMemberId, signerMemberId);
    if (signatures.stream().anyMatch(s -> s.role() == role)) {
      throw ProblemException.conflict(
          "already-signed", "The " + role.wire() + " has already signed these minutes.");
    }
    if (!SignedMessage.verifies(
        SignedMessage.Scheme.DIGICELL_SIGNING_V2,
        SignedMessage.Kind.MINUTES,
        meetingId,
        version(),
        content,
        key.publicKey(),
        signature)) {
      throw ProblemException.ruleViolated(
          "invalid-signature",
          "The signature does not verify against the signer's registered key for this content.");
    }
    signatures.add(
        new OfficerSignature(
            role,
            signerMemberId,
            key.publicKey(),
            signature,
            Instant.now(clock),
            key.keyId(),
            SignedMessage.Scheme.DIGICELL_SIGNING_V2.wire()));
    if (signatures.size() == Role.values().length) {
      finalise(clock);
    }
  }

  /** Refuses (403) anyone but the officer {@code expected} signing as {@code role}. */
  static void requireSigner(Role role, String expected, String signerMemberId) {
    if (expected == null || !expected.equals(signerMemberId)) {
      throw new ProblemException(
          org.springframework.http.HttpStatus.FORBIDDEN,
          "not-the-signer",
          "Only the meeting's " + role.wire() + " signs as " + role.wire() + ".");
    }
  }

  private void finalise(Clock clock) {
    status = Status.FINALIZED;
    finalizedAt = Instant.now(clock);
    signatures.sort(Comparator.comparing(OfficerSignature::role));
    // the text to the archive on the restricted topic, the fact on the general one
    record(
        FINALIZED,
        new MinutesFinalized(
            meetingId,
            orgPath,
            version(),
            content,
            sha256Hex(content),
            signatures.stream().map(OfficerSignature::onEvent).toList(),
            finalizedAt),
        clock);
    record(
        FINALIZED_FACTS,
        new MinutesFinalizedFacts(
            meetingId,
            orgPath,
            version(),
            sha256Hex(content),
            finalizedAt,
            signatures.stream().map(OfficerSignature::fact).toList()),
        clock);
  }

  /** Whether every stored signature verifies as it was made (any scheme). */
  public boolean signaturesVerify() {
    return signatures.stream()
        .allMatch(s -> s.verifies(SignedMessage.Kind.MINUTES, meetingId, version(), content));
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

  /**
   * The draft's version, which signatures name: 1 when drafted, one more at each change of text
   * (drafts stored before versions were kept are version 1).
   */
  public int version() {
    return revision == null ? 1 : revision;
  }

  /** What an officer signs now: the {@code digicell-signing-v2} message of this draft. */
  public String signedMessage() {
    return SignedMessage.v2(SignedMessage.Kind.MINUTES, meetingId, version(), contentSha256());
  }

  record SignatureOnEvent(
      String role,
      String signerMemberId,
      String publicKey,
      String signature,
      String keyId,
      String scheme,
      Instant signedAt) {}

  record SignatureFact(
      String role, String signerMemberId, String keyId, String scheme, Instant signedAt) {}

  record MinutesFinalized(
      String meetingId,
      String orgPath,
      int version,
      String content,
      String contentSha256,
      List<SignatureOnEvent> signatures,
      Instant finalizedAt) {}

  record MinutesFinalizedFacts(
      String meetingId,
      String orgPath,
      int version,
      String contentSha256,
      Instant finalizedAt,
      List<SignatureFact> signatures) {}
}
