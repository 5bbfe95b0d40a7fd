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
import vn.digicell.document.ledger.LogHashes;
import vn.digicell.document.ledger.NoteVerifier;
import vn.digicell.document.ledger.VerifiableLog;
import vn.digicell.platform.events.AggregateRoot;

/**
 * An immutable archive record of finalised minutes: the signed content exactly as received, and
 * once appended, its seal (where it sits in the verifiable log and the first checkpoint holding
 * it). Nothing of the content ever changes; the seal is set once.
 */
@Document("archive_records")
public class ArchiveRecord extends AggregateRoot {

  static final String MINUTES_SEALED = "vn.digicell.document.minutes-sealed.v1";
  static final List<String> REQUIRED_ROLES = List.of("chair", "secretary");

  @Id private final String id;
  @Indexed private final String meetingId;
  @Indexed private final String orgPath;
  private final String content;
  private final String contentSha256;
  private final List<FinalizedMinutes.MinutesSignature> signatures;
  private final Instant finalizedAt;
  private final String sourceEventId;
  private final Instant archivedAt;
  private Seal seal;
  @Version private Long version;

  @PersistenceCreator
  ArchiveRecord(
      String id,
      String meetingId,
      String orgPath,
      String content,
      String contentSha256,
      List<FinalizedMinutes.MinutesSignature> signatures,
      Instant finalizedAt,
      String sourceEventId,
      Instant archivedAt,
      Seal seal) {
    this.id = id;
    this.meetingId = meetingId;
    this.orgPath = orgPath;
    this.content = content;
    this.contentSha256 = contentSha256;
    this.signatures = signatures == null ? List.of() : List.copyOf(signatures);
    this.finalizedAt = finalizedAt;
    this.sourceEventId = sourceEventId;
    this.archivedAt = archivedAt;
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
    List<String> problems = problems(minutes);
    if (!problems.isEmpty()) {
      throw new InvalidMinutesException(
          "minutes of meeting " + minutes.meetingId() + ": " + String.join("; ", problems));
    }
    String id =
        UUID.nameUUIDFromBytes(
                ("minutes|" + minutes.meetingId() + "|" + minutes.contentSha256())
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    return new ArchiveRecord(
        id,
        minutes.meetingId(),
        minutes.orgPath(),
        minutes.content(),
        minutes.contentSha256(),
        minutes.signatures(),
        minutes.finalizedAt(),
        sourceEventId,
        Instant.now(clock),
        null);
  }

  /** Why these minutes cannot be archived; empty when they can. */
  static List<String> problems(FinalizedMinutes minutes) {
    List<String> problems = new ArrayList<>();
    byte[] content = minutes.content().getBytes(StandardCharsets.UTF_8);
    if (!HexFormat.of().formatHex(LogHashes.sha256(content)).equals(minutes.contentSha256())) {
      problems.add("the content does not match its SHA-256");
    }
    for (String role : REQUIRED_ROLES) {
      List<FinalizedMinutes.MinutesSignature> byRole =
          minutes.signatures().stream().filter(s -> role.equals(s.role())).toList();
      if (byRole.size() != 1) {
        problems.add("expected exactly one " + role + " signature, found " + byRole.size());
      } else if (!verifies(byRole.getFirst(), content)) {
        problems.add("the " + role + "'s signature does not verify");
      }
    }
    return problems;
  }

  private static boolean verifies(FinalizedMinutes.MinutesSignature signature, byte[] content) {
    try {
      return NoteVerifier.ed25519Verifies(
          Base64.getDecoder().decode(signature.publicKey()),
          content,
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
    StringBuilder entry =
        new StringBuilder("digicell-archive-entry/v1\n")
            .append("record ")
            .append(id)
            .append('\n')
            .append("kind minutes\n")
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
    }
    return entry.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Seals the record at its place in the log and records {@code minutes-sealed}. */
  void seal(VerifiableLog.Appended appended, Clock clock) {
    if (seal != null) {
      return;
    }
    Base64.Encoder b64 = Base64.getEncoder();
    VerifiableLog.SignedCheckpoint cp = appended.checkpoint();
    seal =
        new Seal(
            appended.index(),
            b64.encodeToString(appended.leafHash()),
            cp.size(),
            b64.encodeToString(cp.rootHash()),
            cp.signedNote());
    record(
        MINUTES_SEALED,
        new MinutesSealed(
            meetingId,
            id,
            orgPath,
            seal.logIndex(),
            seal.leafHash(),
            new MinutesSealed.SealCheckpoint(cp.size(), seal.rootHash(), cp.signedNote())),
        clock);
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

  /** Payload of {@code vn.digicell.document.minutes-sealed.v1}. */
  record MinutesSealed(
      String meetingId,
      String archiveRecordId,
      String orgPath,
      long logIndex,
      String leafHash,
      SealCheckpoint checkpoint) {
    record SealCheckpoint(long size, String rootHash, String signedNote) {}
  }

  /** The minutes' hash or signatures do not verify: they are not archived. */
  public static class InvalidMinutesException extends RuntimeException {
    InvalidMinutesException(String message) {
      super(message);
    }
  }
}
