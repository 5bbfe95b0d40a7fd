package vn.digicell.notification.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.Cursor;
import vn.digicell.platform.web.ProblemException;

/** Members' inboxes: notices are issued from events and read only by their recipient. */
@Service
public class InboxService {

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final MessageSource messages;
  private final AccessGuard guard;
  private final Clock clock;

  InboxService(
      MongoTemplate mongo, Outbox outbox, MessageSource messages, AccessGuard guard, Clock clock) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.messages = messages;
    this.guard = guard;
    this.clock = clock;
  }

  /** What caused a notice: the event id and type, for the deterministic id and the audit. */
  public record Cause(String eventId, String eventType) {}

  /**
   * Puts a welcome notice in a newly admitted member's inbox, in their language. Idempotent: a
   * second call for the same event finds the notice already there.
   */
  public void welcome(
      String memberId, String fullName, String orgPath, Locale language, Cause cause) {
    if (mongo.exists(
        Query.query(Criteria.where("_id").is(Notice.idFor(cause.eventId(), memberId))),
        Notice.class)) {
      return;
    }
    String title = messages.getMessage("notice.welcome.title", null, language);
    String body = messages.getMessage("notice.welcome.body", new Object[] {fullName}, language);
    outbox.saveAndPublish(
        Notice.issue(
            memberId, orgPath, "welcome", title, body, cause.eventId(), cause.eventType(), clock));
  }

  /** A page of the caller's own inbox, newest first. */
  public Page inbox(String cursor, int size) {
    Optional<String> member = guard.currentUser().ownMemberId();
    if (member.isEmpty()) {
      // staff accounts without a member record (admins, analysts) simply have no notices yet
      return new Page(List.of(), null, 0);
    }
    String me = member.get();
    Criteria criteria = Criteria.where("recipientMemberId").is(me);
    if (cursor != null && !cursor.isBlank()) {
      String[] parts = Cursor.decode(cursor).split("\\|", 2);
      Instant at = parseCursorTime(parts);
      criteria =
          criteria.orOperator(
              Criteria.where("createdAt").lt(at),
              new Criteria()
                  .andOperator(
                      Criteria.where("createdAt").is(at), Criteria.where("_id").lt(parts[1])));
    }
    List<Notice> fetched =
        mongo.find(
            Query.query(criteria)
                .with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
                .limit(size + 1),
            Notice.class);
    Cursor.Page<Notice> page =
        Cursor.Page.of(fetched, size, n -> n, n -> n.createdAt() + "|" + n.id());
    long unread =
        mongo.count(
            Query.query(Criteria.where("recipientMemberId").is(me).and("readAt").isNull()),
            Notice.class);
    return new Page(page.items(), page.nextCursor(), unread);
  }

  /** The caller marks one of their own notices read. */
  public Notice markRead(String noticeId) {
    Optional<String> me = guard.currentUser().ownMemberId();
    Notice notice = mongo.findById(noticeId, Notice.class);
    if (notice == null || me.isEmpty() || !notice.recipientMemberId().equals(me.get())) {
      // someone else's notice is as invisible as a missing one
      throw ProblemException.notFound(
          "notice-not-found", "No notice " + noticeId + " in your inbox.");
    }
    notice.markRead(clock);
    return outbox.saveAndPublish(notice);
  }

  /** A page of notices, the next page's cursor and how many are unread in all. */
  public record Page(List<Notice> items, String nextCursor, long unread) {}

  private static Instant parseCursorTime(String[] parts) {
    try {
      if (parts.length == 2) {
        return Instant.parse(parts[0]);
      }
    } catch (java.time.format.DateTimeParseException e) {
      // falls through to the problem below
    }
    throw ProblemException.badRequest("invalid-cursor", "The paging cursor is not valid.");
  }
}
