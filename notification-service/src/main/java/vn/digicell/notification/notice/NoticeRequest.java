package vn.digicell.notification.notice;

import java.util.Map;

/**
 * Asks for one notice to one member.
 *
 * @param recipientMemberId who receives it
 * @param kind category driving preferences: MEETING, DOCUMENT, TRANSFER, MINUTES, ALERT, POSITION,
 *     BROADCAST, FEEDBACK, WELCOME…
 * @param templateKey texts are {@code notice.<templateKey>.title} and {@code .body} (and optional
 *     {@code .sms}) in the messages bundles, with {@code {name}} placeholders filled from args
 * @param args placeholder values (null values become ""; no personal data beyond names)
 * @param causeId what caused it (usually the event id): with the recipient it fixes the notice id
 * @param link portal path to open, or null
 * @param orgPath the unit the notice is about (for audit and the issued event)
 * @param inboxOnly the notice stays in the inbox: no e-mail, SMS or Zalo whatever the member's
 *     preferences (e.g. the note to members carried over from a legacy register)
 */
public record NoticeRequest(
    String recipientMemberId,
    String kind,
    String templateKey,
    Map<String, String> args,
    String causeId,
    String link,
    String orgPath,
    boolean inboxOnly) {

  /** A notice delivered on the member's channels. */
  public NoticeRequest(
      String recipientMemberId,
      String kind,
      String templateKey,
      Map<String, String> args,
      String causeId,
      String link,
      String orgPath) {
    this(recipientMemberId, kind, templateKey, args, causeId, link, orgPath, false);
  }

  public NoticeRequest {
    java.util.Map<String, String> copy = new java.util.LinkedHashMap<>();
    if (args != null) {
      args.forEach((k, v) -> copy.put(k, v == null ? "" : v));
    }
    args = java.util.Collections.unmodifiableMap(copy);
  }

  /** The same request, kept in the inbox only when {@code inboxOnly} holds. */
  public NoticeRequest inboxOnlyIf(boolean inboxOnly) {
    return inboxOnly == this.inboxOnly
        ? this
        : new NoticeRequest(
            recipientMemberId, kind, templateKey, args, causeId, link, orgPath, inboxOnly);
  }

  /** The id the notice for this request always has. */
  public String noticeId() {
    return Notice.idFor(causeId, recipientMemberId);
  }
}
