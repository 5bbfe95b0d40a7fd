package vn.digicell.document.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;

/**
 * The head of the log: how many entries it holds, and its latest signed checkpoint, which may cover
 * fewer (appends are cheap; checkpoints are signed periodically). Every checkpoint records a {@code
 * checkpoint-issued} event (key = the log's origin, so checkpoints stay in order), and the
 * optimistic version makes two writers unable to move the head from the same state.
 */
@Document("ledger_heads")
class LogHead extends AggregateRoot {

  static final String CHECKPOINT_ISSUED = "vn.digicell.ledger.checkpoint-issued.v1";

  @Id private String id;
  private long size;
  private Long signedSize;
  private String rootHash;
  private String signedNote;
  private Instant issuedAt;
  @Version private Long version;

  LogHead() {}

  static LogHead empty(String origin) {
    LogHead head = new LogHead();
    head.id = origin;
    head.rootHash = Base64.getEncoder().encodeToString(LogHashes.emptyRoot());
    return head;
  }

  /** Counts an appended entry; no checkpoint is signed for it yet. */
  void grow(long newSize) {
    if (newSize < size) {
      throw new IllegalStateException("a log only grows");
    }
    if (signedSize == null) {
      signedSize = size;
    }
    size = newSize;
  }

  /** Moves the signed checkpoint to a newly signed, larger tree (at most the appended size). */
  void advance(Checkpoint checkpoint, String note, Clock clock) {
    if (!checkpoint.origin().equals(id)
        || checkpoint.size() < signedSize()
        || checkpoint.size() > size) {
      throw new IllegalStateException("a log head only moves forward on its own log");
    }
    signedSize = checkpoint.size();
    rootHash = Base64.getEncoder().encodeToString(checkpoint.rootHash());
    signedNote = note;
    issuedAt = Instant.now(clock);
    record(
        CHECKPOINT_ISSUED,
        new CheckpointIssued(id, signedSize, rootHash, signedNote, issuedAt),
        clock);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return null;
  }

  /** Entries appended. */
  long size() {
    return size;
  }

  /** The size of the latest signed checkpoint (heads written before periodic checkpoints: all). */
  long signedSize() {
    return signedSize == null ? size : signedSize;
  }

  byte[] rootHash() {
    return Base64.getDecoder().decode(rootHash);
  }

  String signedNote() {
    return signedNote;
  }

  Instant issuedAt() {
    return issuedAt;
  }

  /** Payload of {@code vn.digicell.ledger.checkpoint-issued.v1}. */
  record CheckpointIssued(
      String origin, long size, String rootHash, String signedNote, Instant issuedAt) {}
}
