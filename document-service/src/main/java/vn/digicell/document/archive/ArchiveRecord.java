package vn.digicell.document.archive;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.document.ledger.Checkpoint;
import vn.digicell.document.ledger.LogHashes;
import vn.digicell.document.ledger.NoteVerifier;
import vn.digicell.document.ledger.VerifiableLog;
import vn.digicell.platform.events.AggregateRoot;

/**
 * An immutable archive record: finalised minutes (the content both officers signed, exactly as
 * received) or an adopted resolution (its text). Once appended it knows where it sits in the
 * verifiable log; once a signed checkpoint covers it, its seal. Nothing of the content ever
 * changes; the entry and the seal are each set once.
 */
@Document("archive_records")
public class ArchiveRecord extends AggregateRoot {

  static final String MINUTES_SEALED = "vn.digicell.document.minutes-sealed.v1";
  static final String RESOLUTION_SEALED = "vn.digicell.document.resolution-sealed.v1";

  /** What a record holds. */
  public enum Kind {
    /** Finalised minutes, with the chair's and the secretary's signatures. */
    MINUTES,
    /**
     * A resolution as adopted by a meeting's vote. It carries no signatures: meeting-service
     * publishes it when the vote closes, before any minutes exist; what the archive attests is that
     * this text was received for this meeting at this time, and the signed minutes later record the
     * same decision.
     */
    RESOLUTION,
    /**
     * A correction of sealed minutes, signed like minutes, linked to the original record. The
     * original is never changed.
     */
    AMENDMENT
  }

  /** What an amendment corrects and why. */
  public record Amends(String archiveRecordId, long logIndex, int amendmentNumber, String reason) {}

  /** Where the record's entry sits in the log. */
  public record Entry(long logIndex, String leafHash) {}

  static final List<String> REQUIRED_ROLES = List.of("chair", "secretary");

  @Id private final String id;
  private final Kind kind;
  @Indexed private final String meetingId;
  @Indexed private final String orgPath;
  private final String content;
  private final String contentSha256;
  private final List<FinalizedMinutes.MinutesSignature> signatures;
  private final Instant finalizedAt;
  private final String resolutionId;
  private final String motionId;
  private final Amends amends;

  /** The version of the signed draft, when the producer sends it (part of v2 signatures). */
  private final Integer signedVersion;

  private final String sourceEventId;
  private final Instant archivedAt;
  private Entry entry;

  /** Set while appended but not yet covered by a checkpoint, so the checkpointer finds it. */
  @Indexed(sparse = true)
  private Long pendingLogIndex;

  private Seal seal;

  /**
   * Where the record's org sits now, once the org moved (the org path above stays: the log entry
   * commits to it). Set in bulk by {@code reorg.OrgMoves}; access checks use it.
   */
  @Indexed(sparse = true)
  private String currentOrgPath;

  @Version private Long version;

  @PersistenceCreator
  ArchiveRecord(
      String id,
      Kind kind,
      String meetingId,
      String orgPath,
      String content,
      String contentSha256,
      List<FinalizedMinutes.MinutesSignature> signatures,
      Instant finalizedAt,
      String resolutionId,
      String motionId,
      Amends amends,
      Integer signedVersion,
      String sourceEventId,
      Instant archivedAt,
      Entry entry,
      Long pendingLogIndex,
      Seal seal) {
    this.id = id;
    this.kind = kind == null ? Kind.MINUTES : kind;
    this.meetingId = meetingId;
    this.orgPath = orgPath;
    this.content = content;
    this.contentSha256 = contentSha256;
    this.signatures = signatures == null ? List.of() : List.copyOf(signatures);
    this.finalizedAt = finalizedAt;
    this.resolutionId = resolutionId;
    this.motionId = motionId;
    this.amends = amends;
    this.signedVersion = signedVersion;
    this.sourceEventId = sourceEventId;
    this.archivedAt = archivedAt;
    // records sealed before entries were kept apart carry their entry in the seal
    this.entry =
        entry != null || seal == null ? entry : new Entry(seal.logIndex(), seal.leafHash());
    this.pendingLogIndex = pendingLogIndex;
    this.seal = seal;
  }

  /** Where the record sits in the log, and the first signed checkpoint that holds it. */
  public record Seal(
      long logIndex, String leafHash, long treeSize, String rootHash, String signedNote) {}

  /**
   * Accepts finalised minutes as a record once their content hash and both officers' signatures
   * verify; the id is derived from the meeting and the content, so a redelivery maps to the same
   * record.
   */
  static ArchiveRecord of(FinalizedMinutes minutes, String sourceEventId, Clock clock) {
    List<String> problems = problems(minutes, SignedMessage.MINUTES, minutes.version());
    if (!problems.isEmpty()) {
      throw new InvalidMinutesException(
          "minutes of meeting " + minutes.meetingId() + ": " + String.join("; ", problems));
    }
    return minutes(minutes, Kind.MINUTES, null, sourceEventId, clock);
  }

  private static ArchiveRecord minutes(
      FinalizedMinutes minutes, Kind kind, Amends amends, String sourceEventId, Clock clock) {
    String id =
        UUID.nameUUIDFromBytes(
                ("minutes|" + minutes.meetingId() + "|" + minutes.contentSha256())
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    return new ArchiveRecord(
        id,
        kind,
        minutes.meetingId(),
        minutes.orgPath(),
        minutes.content(),
        minutes.contentSha256(),
        minutes.signatures().stream().map(ArchiveRecord::stored).toList(),
        // stored as a BSON date (milliseconds): the log entry must commit to what is stored
        minutes.finalizedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
        null,
        null,
        amends,
        minutes.version(),
        sourceEventId,
        Instant.now(clock),
        null,
        null,
        null);
  }

  /**
   * Accepts an adopted resolution of a meeting of {@code orgPath}; the id is derived from the
   * meeting and resolution ids, so a redelivery maps to the same record.
   */
  static ArchiveRecord resolution(
      AdoptedResolution resolution,
      String orgPath,
      Instant adoptedAt,
      String sourceEventId,
      Clock clock) {
    if (orgPath == null || !orgPath.matches("(/[A-Z0-9][A-Z0-9-]*)+")) {
      throw new InvalidMinutesException(
          "resolution " + resolution.resolutionId() + " has no org path in its envelope");
    }
    String id =
        UUID.nameUUIDFromBytes(
                ("resolution|" + resolution.meetingId() + "|" + resolution.resolutionId())
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    return new ArchiveRecord(
        id,
        Kind.RESOLUTION,
        resolution.meetingId(),
        orgPath,
        resolution.text(),
        HexFormat.of()
            .formatHex(LogHashes.sha256(resolution.text().getBytes(StandardCharsets.UTF_8))),
        List.of(),
        // stored as a BSON date: keep what survives the round trip, the log entry commits to it
        adoptedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
        resolution.resolutionId(),
        resolution.motionId(),
        null,
        null,
        sourceEventId,
        Instant.now(clock),
        null,
        null,
        null);
  }

  /**
   * Accepts an amendment of the sealed minutes {@code original} once its content hash and both
   * officers' signatures verify and it names the original's meeting and log index. The id follows
   * the rule for minutes (meeting + content hash), which meeting-service also derives.
   */
  static ArchiveRecord amendment(
      AmendedMinutes amendment, ArchiveRecord original, String sourceEventId, Clock clock) {
    List<String> problems =
        new ArrayList<>(
            problems(amendment.asMinutes(), SignedMessage.AMENDMENT, amendment.amendmentNumber()));
    if (!amendment.meetingId().equals(amendment.amendsMeetingId())) {
      problems.add("it amends meeting " + amendment.amendsMeetingId() + ", not its own");
    }
    if (original == null) {
      problems.add("no archived minutes at log index " + amendment.amendsLogIndex());
    } else if (!original.meetingId.equals(amendment.amendsMeetingId())
        || original.kind != Kind.MINUTES) {
      problems.add("log index " + amendment.amendsLogIndex() + " holds no minutes of that meeting");
    }
    if (!problems.isEmpty()) {
      throw new InvalidMinutesException(
          "amendment "
              + amendment.amendmentNumber()
              + " of meeting "
              + amendment.meetingId()
              + ": "
              + String.join("; ", problems));
    }
    return minutes(
        amendment.asMinutes(),
        Kind.AMENDMENT,
        new Amends(
            original.id,
            amendment.amendsLogIndex(),
            amendment.amendmentNumber(),
            amendment.reason()),
        sourceEventId,
        clock);
  }

  /** A signature as stored: its signing time as a BSON date keeps it (milliseconds). */
  private static FinalizedMinutes.MinutesSignature stored(FinalizedMinutes.MinutesSignature s) {
    return s.signedAt() == null
        ? s
        : new FinalizedMinutes.MinutesSignature(
            s.role(),
            s.signerMemberId(),
            s.publicKey(),
            s.signature(),
            s.keyId(),
            s.scheme(),
            s.signedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  /** Why this stored record does not verify (content hash; for minutes, both signatures). */
  List<String> problems() {
    if (kind != Kind.RESOLUTION) {
      FinalizedMinutes minutes =
          new FinalizedMinutes(
              meetingId, orgPath, content, contentSha256, signatures, finalizedAt, signedVersion);
      return kind == Kind.AMENDMENT && amends != null
          ? problems(minutes, SignedMessage.AMENDMENT, amends.amendmentNumber())
          : problems(minutes, SignedMessage.MINUTES, signedVersion);
    }
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(LogHashes.sha256(bytes)).equals(contentSha256)
        ? List.of()
        : List.of("the content does not match its SHA-256");
  }

  /**
   * Why this appended record disagrees with the log: {@code logged} is what the log holds at the
   * record's index (empty when nothing), {@code checkpoints} opens a signed note with the log's
   * keys. The log must hold exactly the record's entry, filed under its id, with the leaf hash the
   * record keeps; a seal must repeat the entry and carry a checkpoint the log signed that covers
   * it.
   */
  List<String> problemsWith(
      java.util.Optional<VerifiableLog.LoggedEntry> logged,
      java.util.function.Function<String, java.util.Optional<Checkpoint>> checkpoints) {
    List<String> problems = new ArrayList<>();
    long index = entry.logIndex();
    byte[] expected = logEntry();
    if (logged.isEmpty() || !java.util.Arrays.equals(logged.get().data(), expected)) {
      problems.add("differs from log entry " + index);
    } else if (!id.equals(logged.get().entryId())) {
      problems.add("log entry " + index + " is filed under another entry id");
    }
    if (!Base64.getEncoder()
        .encodeToString(LogHashes.leafHash(expected))
        .equals(entry.leafHash())) {
      problems.add("its leaf hash does not match log entry " + index);
    }
    if (seal != null) {
      if (seal.logIndex() != index || !entry.leafHash().equals(seal.leafHash())) {
        problems.add("its seal does not match its log entry " + index);
      }
      java.util.Optional<Checkpoint> checkpoint = checkpoints.apply(seal.signedNote());
      if (checkpoint.isEmpty()
          || checkpoint.get().size() != seal.treeSize()
          || !Base64.getEncoder()
              .encodeToString(checkpoint.get().rootHash())
              .equals(seal.rootHash())) {
        problems.add(
            "its seal's checkpoint of size "
                + seal.treeSize()
                + " does not verify or does not match the seal");
      } else if (seal.treeSize() <= seal.logIndex()) {
        problems.add(
            "its seal's checkpoint of size "
                + seal.treeSize()
                + " does not cover log entry "
                + seal.logIndex());
      }
    }
    return problems;
  }

  /** The org path a log entry commits to (its {@code org} line), if it has one. */
  static java.util.Optional<String> orgPathOf(byte[] logEntry) {
    return new String(logEntry, StandardCharsets.UTF_8)
        .lines()
        .filter(line -> line.startsWith("org "))
        .findFirst()
        .map(line -> line.substring("org ".length()));
  }

  /** Why these minutes cannot be archived; empty when they can. */
  static List<String> problems(FinalizedMinutes minutes) {
    return problems(minutes, SignedMessage.MINUTES, minutes.version());
  }

  /**
   * Why these minutes (or an amendment, {@code kind}) cannot be archived; empty when they can. Each
   * signature is checked by its scheme against the public key it carries, which the archive set
   * from its key projection before (never the one the record came with).
   */
  static List<String> problems(FinalizedMinutes minutes, String kind, Integer version) {
    List<String> problems = new ArrayList<>();
    if (minutes.content() == null
        || minutes.meetingId() == null
        || minutes.finalizedAt() == null
        || minutes.signatures() == null) {
      return List.of("meeting id, content, signatures and finalisation time are required");
    }
    byte[] content = minutes.content().getBytes(StandardCharsets.UTF_8);
    if (!HexFormat.of().formatHex(LogHashes.sha256(content)).equals(minutes.contentSha256())) {
      problems.add("the content does not match its SHA-256");
    }
    for (String role : REQUIRED_ROLES) {
      List<FinalizedMinutes.MinutesSignature> byRole =
          minutes.signatures().stream().filter(s -> role.equals(s.role())).toList();
      if (byRole.size() != 1) {
        problems.add("expected exactly one " + role + " signature, found " + byRole.size());
      } else if (!verifies(byRole.getFirst(), minutes, kind, version)) {
        problems.add("the " + role + "'s signature does not verify");
      }
    }
    return problems;
  }

  private static boolean verifies(
      FinalizedMinutes.MinutesSignature signature,
      FinalizedMinutes minutes,
      String kind,
      Integer version) {
    java.util.Optional<byte[]> message =
        SignedMessage.of(signature.scheme(), kind, minutes.meetingId(), version, minutes.content());
    if (message.isEmpty() || signature.publicKey() == null || signature.signature() == null) {
      return false;
    }
    try {
      return NoteVerifier.ed25519Verifies(
          Base64.getDecoder().decode(signature.publicKey()),
          message.get(),
          Base64.getDecoder().decode(signature.signature()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The log entry of this record: a canonical text committing to the record's id, meeting, org,
   * content hash, finalisation time and every signature. Recomputed from the record by audits.
   */
  byte[] logEntry() {
    if (kind == Kind.RESOLUTION) {
      return ("digicell-archive-entry/v1\n"
              + "record "
              + id
              + "\nkind resolution\nmeeting "
              + meetingId
              + "\norg "
              + orgPath
              + "\nresolution "
              + resolutionId
              + "\nmotion "
              + motionId
              + "\ncontent-sha256 "
              + contentSha256
              + "\nadopted "
              + finalizedAt
              + "\n")
          .getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder entry =
        new StringBuilder("digicell-archive-entry/v1\n")
            .append("record ")
            .append(id)
            .append('\n')
            .append(kind == Kind.AMENDMENT ? "kind amendment\n" : "kind minutes\n")
            .append("meeting ")
            .append(meetingId)
            .append('\n')
            .append("org ")
            .append(orgPath)
            .append('\n')
            .append("content-sha256 ")
            .append(contentSha256)
            .append('\n')
            .append("finalized ")
            .append(finalizedAt)
            .append('\n');
    if (signedVersion != null) {
      entry.append("version ").append(signedVersion).append('\n');
    }
    if (amends != null) {
      entry
          .append("amends ")
          .append(amends.archiveRecordId())
          .append(' ')
          .append(amends.logIndex())
          .append('\n')
          .append("amendment ")
          .append(amends.amendmentNumber())
          .append('\n')
          .append("reason-sha256 ")
          .append(
              HexFormat.of()
                  .formatHex(
                      LogHashes.sha256(
                          (amends.reason() == null ? "" : amends.reason())
                              .getBytes(StandardCharsets.UTF_8))))
          .append('\n');
    }
    for (FinalizedMinutes.MinutesSignature s : signatures) {
      entry
          .append("signature ")
          .append(s.role())
          .append(' ')
          .append(s.signerMemberId())
          .append(' ')
          .append(s.publicKey())
          .append(' ')
          .append(s.signature())
          .append('\n');
      // signatures with a key id, scheme or signing time (v2 producers) commit to them too;
      // legacy records keep the entry they were appended with
      if (s.hasContext()) {
        entry
            .append("signature-key ")
            .append(s.role())
            .append(' ')
            .append(s.keyId() == null ? "-" : s.keyId())
            .append(' ')
            .append(s.schemeOrDefault())
            .append(' ')
            .append(s.signedAt() == null ? "-" : s.signedAt())
            .append('\n');
      }
    }
    return entry.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Notes where the log appended the record's entry; a checkpoint will seal it later. */
  void appended(VerifiableLog.Appended appended) {
    if (entry != null) {
      return;
    }
    entry = new Entry(appended.index(), Base64.getEncoder().encodeToString(appended.leafHash()));
    pendingLogIndex = seal == null ? appended.index() : null;
  }

  /**
   * Seals the record with the first signed checkpoint that covers its entry and records {@code
   * minutes-sealed} or {@code resolution-sealed}.
   */
  void seal(VerifiableLog.SignedCheckpoint cp, Clock clock) {
    if (seal != null) {
      return;
    }
    if (entry == null || cp.size() <= entry.logIndex()) {
      throw new IllegalStateException("checkpoint of size " + cp.size() + " does not cover " + id);
    }
    String root = Base64.getEncoder().encodeToString(cp.rootHash());
    seal = new Seal(entry.logIndex(), entry.leafHash(), cp.size(), root, cp.signedNote());
    pendingLogIndex = null;
    SealCheckpoint checkpoint = new SealCheckpoint(cp.size(), root, cp.signedNote());
    if (kind == Kind.RESOLUTION) {
      record(
          RESOLUTION_SEALED,
          new ResolutionSealed(
              meetingId,
              resolutionId,
              motionId,
              id,
              orgPath,
              seal.logIndex(),
              seal.leafHash(),
              checkpoint),
          clock);
    } else {
      record(
          MINUTES_SEALED,
          new MinutesSealed(
              meetingId,
              id,
              orgPath,
              seal.logIndex(),
              seal.leafHash(),
              checkpoint,
              kind.name(),
              contentSha256,
              amends == null ? null : amends.amendmentNumber(),
              amends == null ? null : amends.archiveRecordId(),
              amends == null ? null : amends.logIndex()),
          clock);
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

  public String path() {
    return orgPath;
  }

  /** The path access is checked against: the org's current path. */
  public String accessPath() {
    return currentOrgPath != null ? currentOrgPath : orgPath;
  }

  public String meetingId() {
    return meetingId;
  }

  public String content() {
    return content;
  }

  public String contentSha256() {
    return contentSha256;
  }

  public List<FinalizedMinutes.MinutesSignature> signatures() {
    return signatures;
  }

  public Instant finalizedAt() {
    return finalizedAt;
  }

  public Instant archivedAt() {
    return archivedAt;
  }

  public java.util.Optional<Seal> sealed() {
    return java.util.Optional.ofNullable(seal);
  }

  public java.util.Optional<Entry> entry() {
    return java.util.Optional.ofNullable(entry);
  }

  public Kind kind() {
    return kind;
  }

  public String resolutionId() {
    return resolutionId;
  }

  public String motionId() {
    return motionId;
  }

  public java.util.Optional<Amends> amends() {
    return java.util.Optional.ofNullable(amends);
  }

  /** The signed draft's version, when the producer sent it. */
  public Integer signedVersion() {
    return signedVersion;
  }

  /** Payload of {@code vn.digicell.document.minutes-sealed.v1}. */
  record MinutesSealed(
      String meetingId,
      String archiveRecordId,
      String orgPath,
      long logIndex,
      String leafHash,
      SealCheckpoint checkpoint,
      String kind,
      String contentSha256,
      Integer amendmentNumber,
      String amendsArchiveRecordId,
      Long amendsLogIndex) {}

  /** Payload of {@code vn.digicell.document.resolution-sealed.v1}. */
  record ResolutionSealed(
      String meetingId,
      String resolutionId,
      String motionId,
      String archiveRecordId,
      String orgPath,
      long logIndex,
      String leafHash,
      SealCheckpoint checkpoint) {}

  /** The checkpoint in a seal event. */
  record SealCheckpoint(long size, String rootHash, String signedNote) {}

  /** The minutes' hash or signatures (or a resolution's envelope) do not verify: not archived. */
  public static class InvalidMinutesException extends RuntimeException {
    InvalidMinutesException(String message) {
      super(message);
    }
  }
}
