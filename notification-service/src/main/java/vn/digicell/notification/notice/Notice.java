package vn.digicell.notification.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;

/**
 * One notice in one member's inbox, its texts rendered in the recipient's language when issued. Its
 * id is derived from what caused it and the recipient, so a redelivered event can never give anyone
 * a second copy.
 */
@Document("notices")
@CompoundIndexes({
  @CompoundIndex(
      name = "inbox_order",
      def = "{'recipientMemberId': 1, 'createdAt': -1, '_id': -1}"),
  @CompoundIndex(name = "unread", def = "{'recipientMemberId': 1, 'readAt': 1}")
})
public class Notice extends AggregateRoot {

  static final String ISSUED = "vn.digicell.notification.notice-issued.v1";

  @Id private final String id;
  private final String recipientMemberId;
  private final String orgPath;
  private final String kind;
  private final String templateKey;
  private final String language;
  private final String title;
  private final String body;
  private final String shortText;
  private final String link;
  private final String causeEventId;
  private final String causeEventType;
  private final Instant createdAt;
  private final Boolean inboxOnly;
  private Instant readAt;
  @Version private Long version;

  @PersistenceCreator
  Notice(
      String id,
      String recipientMemberId,
      String orgPath,
      String kind,
      String templateKey,
      String language,
      String title,
      String body,
      String shortText,
      String link,
      String causeEventId,
      String causeEventType,
      Instant createdAt,
      Boolean inboxOnly,
      Instant readAt) {
    this.id = id;
    this.recipientMemberId = recipientMemberId;
    this.orgPath = orgPath;
    this.kind = kind;
    this.templateKey = templateKey;
    this.language = language;
    this.title = title;
    this.body = body;
    this.shortText = shortText;
    this.link = link;
    this.causeEventId = causeEventId;
    this.causeEventType = causeEventType;
    this.createdAt = createdAt;
    this.inboxOnly = inboxOnly;
    this.readAt = readAt;
  }

  /** The id a notice for this recipient, caused by this event, always has. */
  public static String idFor(String causeEventId, String recipientMemberId) {
    return UUID.nameUUIDFromBytes(
            (causeEventId + "|" + recipientMemberId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  static Notice issue(
      NoticeRequest request, String language, Texts texts, String causeEventType, Clock clock) {
    Notice notice =
        new Notice(
            request.noticeId(),
            request.recipientMemberId(),
            request.orgPath(),
            request.kind(),
            request.templateKey(),
            language,
            texts.title(),
            texts.body(),
            texts.shortText(),
            request.link(),
            request.causeId(),
            causeEventType,
            Instant.now(clock),
            request.inboxOnly() ? Boolean.TRUE : null,
            null);
    notice.version = 0L; // bulk inserts keep it, so the first save updates instead of inserting
    notice.record(
        ISSUED,
        new NoticeIssued(
            notice.id,
            notice.recipientMemberId,
            request.kind().toLowerCase(Locale.ROOT).replace('_', '-'),
            request.causeId(),
            causeEventType),
        clock);
    return notice;
  }

  /** Rendered texts: inbox title and body, and a short form for SMS and Zalo. */
  record Texts(String title, String body, String shortText) {}

  /** Marks the notice read; reading twice keeps the first time. */
  public void markRead(Clock clock) {
    if (readAt == null) {
      readAt = Instant.now(clock);
    }
  }

  @Override
  public String id() {
    return id;
  }

  /** The unit the notice concerns (the recipient's, for a personal notice). */
  @Override
  public String orgPath() {
    return orgPath;
  }

  public String recipientMemberId() {
    return recipientMemberId;
  }

  public String kind() {
    return kind;
  }

  public String templateKey() {
    return templateKey;
  }

  public String language() {
    return language == null ? "vi" : language;
  }

  public String title() {
    return title;
  }

  public String body() {
    return body;
  }

  /** The text for SMS: the short template when there is one, else title and body. */
  public String shortText() {
    return shortText != null ? shortText : title + ": " + body;
  }

  public String link() {
    return link;
  }

  /** What caused the notice (an event id, a broadcast id or its remind round…). */
  public String causeId() {
    return causeEventId;
  }

  /** Whether the notice stays in the inbox only (no e-mail, SMS or Zalo). */
  public boolean inboxOnly() {
    return Boolean.TRUE.equals(inboxOnly);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant readAt() {
    return readAt;
  }

  public boolean isRead() {
    return readAt != null;
  }

  /**
   * Payload of {@code vn.digicell.notification.notice-issued.v1}: no text, no personal data. A
   * notice with no cause event (a broadcast's, a feedback step's) leaves {@code causeEventType}
   * out: the schema allows it absent, never null.
   */
  record NoticeIssued(
      String noticeId,
      String recipientMemberId,
      String kind,
      String causeEventId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String causeEventType) {}
}
