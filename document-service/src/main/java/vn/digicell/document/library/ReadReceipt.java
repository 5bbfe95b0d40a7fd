package vn.digicell.document.library;

import java.time.Clock;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;

/**
 * That a member opened a document, for "read before the meeting" figures: one per document and
 * member, the first read announced as an event, later reads only counted.
 */
@Document("read_receipts")
public class ReadReceipt extends AggregateRoot {

  static final String READ = "vn.digicell.document.read.v1";

  @Id private final String id;
  @Indexed private final String documentId;
  private final String memberId;
  private final String orgPath;
  private final Instant firstReadAt;
  private final Instant lastReadAt;
  private final long reads;
  @Version private Long version;

  @PersistenceCreator
  ReadReceipt(
      String id,
      String documentId,
      String memberId,
      String orgPath,
      Instant firstReadAt,
      Instant lastReadAt,
      long reads) {
    this.id = id;
    this.documentId = documentId;
    this.memberId = memberId;
    this.orgPath = orgPath;
    this.firstReadAt = firstReadAt;
    this.lastReadAt = lastReadAt;
    this.reads = reads;
  }

  static String idOf(String documentId, String memberId) {
    return documentId + ":" + memberId;
  }

  static ReadReceipt first(LibraryDocument doc, String memberId, int version, Clock clock) {
    Instant now = Instant.now(clock);
    ReadReceipt receipt =
        new ReadReceipt(idOf(doc.id(), memberId), doc.id(), memberId, doc.path(), now, now, 1);
    receipt.record(READ, new DocumentRead(doc.id(), memberId, doc.path(), version, now), clock);
    return receipt;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return orgPath;
  }

  public String documentId() {
    return documentId;
  }

  public String memberId() {
    return memberId;
  }

  public Instant firstReadAt() {
    return firstReadAt;
  }

  public Instant lastReadAt() {
    return lastReadAt;
  }

  public long reads() {
    return reads;
  }

  /** Payload of {@code vn.digicell.document.read.v1}. */
  record DocumentRead(
      String documentId, String memberId, String orgPath, int version, Instant readAt) {}
}
