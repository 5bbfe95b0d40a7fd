package vn.digicell.notification.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;

/**
 * One notice in one member's inbox. Its id is derived from the event that caused it and the
 * recipient, so a redelivered event can never give anyone a second copy.
 */
@Document("notices")
@CompoundIndex(name = "inbox_order", def = "{'recipientMemberId': 1, 'createdAt': -1, '_id': -1}")
public class Notice extends AggregateRoot {

  static final String ISSUED = "vn.digicell.notification.notice-issued.v1";

  @Id private final String id;
  private final String recipientMemberId;
  private final String orgPath;
  private final String kind;
  private final String title;
  private final String body;
  private final String causeEventId;
  private final String causeEventType;
  private final Instant createdAt;
  private Instant readAt;
  @Version private Long version;

  @PersistenceCreator
  Notice(
      String id,
      String recipientMemberId,
      String orgPath,
      String kind,
      String title,
      String body,
      String causeEventId,
      String causeEventType,
      Instant createdAt,
      Instant readAt) {
    this.id = id;
    this.recipientMemberId = recipientMemberId;
    this.orgPath = orgPath;
    this.kind = kind;
    this.title = title;
    this.body = body;
    this.causeEventId = causeEventId;
    this.causeEventType = causeEventType;
    this.createdAt = createdAt;
    this.readAt = readAt;
  }

  /** The id a notice for this recipient, caused by this event, always has. */
  static String idFor(String causeEventId, String recipientMemberId) {
    return UUID.nameUUIDFromBytes(
            (causeEventId + "|" + recipientMemberId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  static Notice issue(
      String recipientMemberId,
      String orgPath,
      String kind,
      String title,
      String body,
      String causeEventId,
      String causeEventType,
      Clock clock) {
    Notice notice =
        new Notice(
            idFor(causeEventId, recipientMemberId),
            recipientMemberId,
            orgPath,
            kind,
            title,
            body,
            causeEventId,
            causeEventType,
            Instant.now(clock),
            null);
    notice.record(
        ISSUED,
        new NoticeIssued(notice.id, recipientMemberId, kind, causeEventId, causeEventType),
        clock);
    return notice;
  }

  /** Marks the notice read; reading twice keeps the first time. */
  void markRead(Clock clock) {
    if (readAt == null) {
      readAt = Instant.now(clock);
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

  public String recipientMemberId() {
    return recipientMemberId;
  }

  public String kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  public String body() {
    return body;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public boolean isRead() {
    return readAt != null;
  }

  /** Payload of {@code vn.digicell.notification.notice-issued.v1}: no text, no personal data. */
  record NoticeIssued(
      String noticeId,
      String recipientMemberId,
      String kind,
      String causeEventId,
      String causeEventType) {}
}
