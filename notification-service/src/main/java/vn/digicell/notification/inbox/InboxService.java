package vn.digicell.notification.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import vn.digicell.notification.notice.Notice;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.Cursor;
import vn.digicell.platform.web.ProblemException;

/** Members' inboxes: notices are read and marked read only by their recipient. */
@Service
public class InboxService {

  static final int READ_ALL_PAGE = 500;

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  InboxService(
      MongoTemplate mongo,
      Outbox outbox,
      AccessGuard guard,
      ApplicationEventPublisher events,
      Clock clock) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.guard = guard;
    this.events = events;
    this.clock = clock;
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
    long unread = unreadOf(me);
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
    Notice saved = outbox.saveAndPublish(notice);
    // also when it was already read: a broadcast read whose count failed is counted now
    events.publishEvent(new NoticesRead(me.get(), List.of(readOf(saved))));
    return saved;
  }

  /**
   * Marks these notices of this member read on another feature's behalf (a broadcast opened in its
   * own view); returns how many changed. Notices of other members are left alone.
   */
  public long markReadFor(String memberId, Collection<String> noticeIds) {
    if (noticeIds.isEmpty()) {
      return 0;
    }
    long marked =
        mongo
            .updateMulti(
                Query.query(
                    Criteria.where("_id")
                        .in(noticeIds)
                        .and("recipientMemberId")
                        .is(memberId)
                        .and("readAt")
                        .isNull()),
                new Update().set("readAt", Instant.now(clock)).inc("version", 1),
                Notice.class)
            .getModifiedCount();
    if (marked > 0) {
      events.publishEvent(new NoticesRead(memberId, List.of()));
    }
    return marked;
  }

  /** A notice by id (no access check: for pushing to its recipient's own streams). */
  public Optional<Notice> find(String noticeId) {
    return Optional.ofNullable(mongo.findById(noticeId, Notice.class));
  }

  /** How many of the caller's notices are unread (0 for staff without a member record). */
  public long unreadCount() {
    return guard.currentUser().ownMemberId().map(this::unreadOf).orElse(0L);
  }

  /** How many of this member's notices are unread. */
  public long unreadOf(String memberId) {
    return mongo.count(
        Query.query(Criteria.where("recipientMemberId").is(memberId).and("readAt").isNull()),
        Notice.class);
  }

  /**
   * How many notices each of these members has unread, in one grouped count over the {@code unread}
   * index (members without any are left out). For the live streams' refresh: at most a few hundred
   * members at a time.
   */
  public java.util.Map<String, Long> unreadOf(java.util.Collection<String> memberIds) {
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    if (memberIds.isEmpty()) {
      return counts;
    }
    var grouped =
        org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation(
            org.springframework.data.mongodb.core.aggregation.Aggregation.match(
                Criteria.where("recipientMemberId").in(memberIds).and("readAt").isNull()),
            org.springframework.data.mongodb.core.aggregation.Aggregation.group("recipientMemberId")
                .count()
                .as("unread"));
    for (org.bson.Document row :
        mongo.aggregate(grouped, Notice.class, org.bson.Document.class).getMappedResults()) {
      counts.put(row.getString("_id"), ((Number) row.get("unread")).longValue());
    }
    return counts;
  }

  /**
   * Marks all the caller's notices read, a page of 500 at a time (one {@code updateMulti} each);
   * returns how many changed. Once all are marked, the read notices are announced ({@link
   * NoticesRead}) so broadcasts count them.
   */
  public long readAll() {
    Optional<String> me = guard.currentUser().ownMemberId();
    if (me.isEmpty()) {
      return 0;
    }
    Instant now = Instant.now(clock);
    List<NoticesRead.Read> read = new ArrayList<>();
    long marked = 0;
    String after = null;
    while (true) {
      Criteria unread = Criteria.where("recipientMemberId").is(me.get()).and("readAt").isNull();
      if (after != null) {
        unread = unread.and("_id").gt(after);
      }
      Query page = Query.query(unread).with(Sort.by("_id")).limit(READ_ALL_PAGE);
      page.fields().include("_id", "kind", "causeEventId");
      List<org.bson.Document> ids =
          mongo.find(page, org.bson.Document.class, mongo.getCollectionName(Notice.class));
      if (ids.isEmpty()) {
        break;
      }
      List<String> pageIds = ids.stream().map(d -> d.getString("_id")).toList();
      marked +=
          mongo
              .updateMulti(
                  Query.query(Criteria.where("_id").in(pageIds).and("readAt").isNull()),
                  new Update().set("readAt", now).inc("version", 1),
                  Notice.class)
              .getModifiedCount();
      ids.forEach(
          d ->
              read.add(
                  new NoticesRead.Read(
                      d.getString("_id"), d.getString("kind"), d.getString("causeEventId"))));
      after = pageIds.get(pageIds.size() - 1);
    }
    if (!read.isEmpty()) {
      events.publishEvent(new NoticesRead(me.get(), read));
    }
    return marked;
  }

  /** The signed-in member's id, if the account has a member record. */
  public Optional<String> currentMemberIfAny() {
    return guard.currentUser().ownMemberId();
  }

  /** The signed-in member's id, or 404 for accounts without a member record. */
  public String currentMember() {
    return guard
        .currentUser()
        .ownMemberId()
        .orElseThrow(
            () -> ProblemException.notFound("no-member-record", "Only members have an inbox."));
  }

  private static NoticesRead.Read readOf(Notice notice) {
    return new NoticesRead.Read(notice.id(), notice.kind(), notice.causeId());
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
