package vn.digicell.notification.broadcast;

import com.mongodb.client.result.UpdateResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import vn.digicell.notification.inbox.InboxService;
import vn.digicell.notification.inbox.NoticesRead;
import vn.digicell.notification.notice.Notice;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.Cursor;
import vn.digicell.platform.web.ProblemException;

/**
 * Broadcasts: committees send and follow them, members receive, read and acknowledge them. Senders
 * are committee members or org admins whose scope covers every target; only a broadcast's
 * recipients see it from the member side, everyone else gets 404.
 */
@Service
public class BroadcastService {

  static final String[] SENDER_ROLES = {"committee", "org-admin"};
  private static final int TALLY_BATCH = 200;

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final FanOut fanOut;
  private final Reminders reminders;
  private final InboxService inbox;
  private final vn.digicell.notification.recipient.Units units;
  private final BroadcastProperties properties;
  private final Clock clock;

  BroadcastService(
      MongoTemplate mongo,
      Outbox outbox,
      AccessGuard guard,
      FanOut fanOut,
      Reminders reminders,
      InboxService inbox,
      vn.digicell.notification.recipient.Units units,
      BroadcastProperties properties,
      Clock clock) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.guard = guard;
    this.fanOut = fanOut;
    this.reminders = reminders;
    this.inbox = inbox;
    this.units = units;
    this.properties = properties;
    this.clock = clock;
  }

  /** What a sender asks for. */
  public record Send(
      Broadcast.Kind kind,
      String title,
      String body,
      List<String> targets,
      List<String> documentIds,
      LocalDate dueOn) {}

  /** A broadcast with its totals and the progress of its delivery. */
  public record Details(
      Broadcast broadcast, BroadcastTally tally, FanOutJob job, RemindRound lastRound) {}

  /** One broadcast as one recipient sees it. */
  public record Received(Broadcast broadcast, BroadcastRecipient copy) {}

  /** Which recipients to list. */
  public enum RecipientState {
    NOT_READ,
    READ,
    NOT_ACKNOWLEDGED,
    ACKNOWLEDGED
  }

  /** Saves the broadcast and starts its delivery in the background. */
  public Broadcast send(Send send) {
    if (send.targets().isEmpty()) {
      throw ProblemException.badRequest("targets-required", "Name at least one unit.");
    }
    if (send.targets().size() > properties.maxTargets()) {
      throw ProblemException.badRequest(
          "too-many-targets", "A broadcast names at most " + properties.maxTargets() + " units.");
    }
    send.targets().forEach(target -> guard.requireActOn(target, SENDER_ROLES));
    if (send.kind() != Broadcast.Kind.TASK && send.dueOn() != null) {
      throw ProblemException.badRequest(
          "due-date-for-tasks-only", "Only a task has a due date; an announcement has none.");
    }
    Broadcast broadcast =
        Broadcast.draft(
            send.kind(),
            send.title(),
            send.body(),
            send.targets(),
            send.documentIds(),
            send.dueOn(),
            guard.currentUser().username(),
            senderName(),
            units.nameOf(senderPath(send.targets())),
            clock);
    mongo.insert(BroadcastTally.empty(broadcast.id()));
    Broadcast saved = outbox.saveAndPublish(broadcast);
    fanOut.start(saved.id());
    return saved;
  }

  /** The sender's name from their token (family name first, as Vietnamese write it), or null. */
  private static String senderName() {
    if (org.springframework.security.core.context.SecurityContextHolder.getContext()
            .getAuthentication()
        instanceof
        org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken
            jwt) {
      String name = vn.digicell.platform.web.PersonName.of(jwt.getToken()::getClaim);
      // a login name is no person's name: the unit then speaks for the sender
      return name == null || name.equals(jwt.getToken().getClaimAsString("preferred_username"))
          ? null
          : name;
    }
    return null;
  }

  /** The sender's unit: the path of their grant covering the targets (the longest such). */
  private String senderPath(List<String> targets) {
    return guard.currentUser().pathsWith(SENDER_ROLES).stream()
        .filter(p -> targets.stream().allMatch(t -> t.equals(p) || t.startsWith(p + "/")))
        .max(java.util.Comparator.comparingInt(String::length))
        .orElse(TargetPaths.commonAncestor(TargetPaths.minimal(targets)));
  }

  /** The broadcasts sent to units under {@code under}, newest first. */
  public Cursor.Page<Details> sent(String under, String cursor, int size) {
    String path = under == null || under.isBlank() ? onlyScope() : under;
    if (!guard.mayActOn(path, SENDER_ROLES)) {
      throw new org.springframework.security.access.AccessDeniedException(
          "not a sender under " + path);
    }
    Criteria criteria =
        Criteria.where("orgPath")
            .regex("^" + Pattern.quote(path.equals("/") ? "" : path) + "(/|$)");
    String after = Cursor.decode(cursor);
    if (after != null) {
      String[] parts = after.split("\\|", 2);
      Instant at = instant(parts);
      criteria =
          new Criteria()
              .andOperator(
                  criteria,
                  new Criteria()
                      .orOperator(
                          Criteria.where("createdAt").lt(at),
                          new Criteria()
                              .andOperator(
                                  Criteria.where("createdAt").is(at),
                                  Criteria.where("_id").lt(parts[1]))));
    }
    List<Broadcast> fetched =
        mongo.find(
            Query.query(criteria)
                .with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
                .limit(size + 1),
            Broadcast.class);
    Map<String, BroadcastTally> tallies =
        byId(
            mongo.find(
                Query.query(Criteria.where("_id").in(fetched.stream().map(Broadcast::id).toList())),
                BroadcastTally.class),
            BroadcastTally::id);
    Map<String, FanOutJob> jobs =
        byId(
            mongo.find(
                Query.query(Criteria.where("_id").in(fetched.stream().map(Broadcast::id).toList())),
                FanOutJob.class),
            FanOutJob::id);
    return Cursor.Page.of(
        fetched,
        size,
        b -> new Details(b, tallies.get(b.id()), jobs.get(b.id()), null),
        b -> b.createdAt() + "|" + b.id());
  }

  /** One broadcast with its totals, for its senders. */
  public Details details(String id) {
    Broadcast broadcast = asSender(id);
    return new Details(
        broadcast,
        mongo.findById(id, BroadcastTally.class),
        mongo.findById(id, FanOutJob.class),
        broadcast.remindRound() == 0
            ? null
            : mongo.findById(RemindRound.idOf(id, broadcast.remindRound()), RemindRound.class));
  }

  /** Totals per cell, in path order. */
  public Cursor.Page<CellTally> cells(String id, String cursor, int size) {
    asSender(id);
    Criteria criteria = Criteria.where("broadcastId").is(id);
    String after = Cursor.decode(cursor);
    if (after != null) {
      criteria = criteria.and("cellPath").gt(after);
    }
    return Cursor.Page.of(
        mongo.find(
            Query.query(criteria).with(Sort.by("cellPath")).limit(size + 1), CellTally.class),
        size,
        c -> c,
        CellTally::cellPath);
  }

  /** Recipients of a broadcast, optionally of one cell and in one state. */
  public Cursor.Page<BroadcastRecipient> recipients(
      String id, String cellPath, RecipientState state, String cursor, int size) {
    asSender(id);
    String after = Cursor.decode(cursor);
    Criteria criteria =
        Criteria.where("_id")
            .gt(after != null ? after : id + ":")
            .lt(id + ";")
            .and("broadcastId")
            .is(id);
    if (cellPath != null && !cellPath.isBlank()) {
      criteria = criteria.and("cellPath").is(cellPath);
    }
    if (state != null) {
      criteria =
          switch (state) {
            case NOT_READ -> criteria.and("readAt").is(null);
            case READ -> criteria.and("readAt").ne(null);
            case NOT_ACKNOWLEDGED -> criteria.and("acknowledgedAt").is(null);
            case ACKNOWLEDGED -> criteria.and("acknowledgedAt").ne(null);
          };
    }
    return Cursor.Page.of(
        mongo.find(
            Query.query(criteria).with(Sort.by("_id")).limit(size + 1), BroadcastRecipient.class),
        size,
        r -> r,
        BroadcastRecipient::id);
  }

  /**
   * Opens the next remind round and re-notifies, in the background, everyone who has not yet read
   * (announcements) or acknowledged (tasks) it. A round's notices are idempotent per recipient.
   * Returns the round and how many are being reminded.
   */
  public Reminder remind(String id) {
    Broadcast broadcast = asSender(id);
    BroadcastTally tally = mongo.findById(id, BroadcastTally.class);
    long outstanding =
        tally == null
            ? 0
            : tally.recipients()
                - (broadcast.kind() == Broadcast.Kind.TASK ? tally.acknowledged() : tally.read());
    int round = broadcast.remind(properties.remindInterval(), outstanding, clock);
    try {
      reminders.open(id, round);
    } catch (DuplicateKeyException e) {
      throw remindConflict();
    }
    try {
      outbox.saveAndPublish(broadcast);
    } catch (OptimisticLockingFailureException e) {
      reminders.abandon(id, round);
      throw remindConflict();
    }
    reminders.start(id, round);
    return new Reminder(id, round, outstanding);
  }

  /** A remind round that was started. */
  public record Reminder(String broadcastId, int round, long outstanding) {}

  private static ProblemException remindConflict() {
    return ProblemException.conflict(
        "remind-too-soon", "Another reminder of this broadcast was just started.");
  }

  /** The caller's own broadcasts, newest first. */
  public Cursor.Page<Received> received(String cursor, int size) {
    String me = guard.currentUser().ownMemberId().orElse(null);
    if (me == null) {
      return new Cursor.Page<>(List.of(), null);
    }
    Criteria criteria = Criteria.where("memberId").is(me);
    String after = Cursor.decode(cursor);
    if (after != null) {
      String[] parts = after.split("\\|", 2);
      Instant at = instant(parts);
      criteria =
          criteria.orOperator(
              Criteria.where("receivedAt").lt(at),
              new Criteria()
                  .andOperator(
                      Criteria.where("receivedAt").is(at), Criteria.where("_id").lt(parts[1])));
    }
    List<BroadcastRecipient> copies =
        mongo.find(
            Query.query(criteria)
                .with(Sort.by(Sort.Direction.DESC, "receivedAt", "_id"))
                .limit(size + 1),
            BroadcastRecipient.class);
    Map<String, Broadcast> broadcasts =
        byId(
            mongo.find(
                Query.query(
                    Criteria.where("_id")
                        .in(copies.stream().map(BroadcastRecipient::broadcastId).toList())),
                Broadcast.class),
            Broadcast::id);
    return Cursor.Page.of(
        copies,
        size,
        c -> new Received(broadcasts.get(c.broadcastId()), c),
        c -> c.receivedAt() + "|" + c.id());
  }

  /** One received broadcast, for its recipient. */
  public Received receivedOne(String id) {
    BroadcastRecipient copy = ownCopy(id);
    return new Received(mongo.findById(id, Broadcast.class), copy);
  }

  /**
   * The recipient has read it; the first time counts, and marks its notices (the first and every
   * reminder) read in the inbox too.
   */
  public Received read(String id) {
    BroadcastRecipient copy = ownCopy(id);
    markRead(copy, mongo.findById(id, Broadcast.class));
    return receivedOne(id);
  }

  /**
   * A broadcast's notice was read in the inbox (one, or read-all): the broadcast counts as read by
   * that recipient, exactly once (the same conditional update as {@link #read}). Acknowledging a
   * task stays its own action.
   */
  @EventListener
  public void onNoticesRead(NoticesRead read) {
    Set<String> ids = new LinkedHashSet<>();
    for (NoticesRead.Read notice : read.notices()) {
      if (FanOut.NOTICE_KIND.equals(notice.kind()) && notice.causeId() != null) {
        ids.add(broadcastOf(notice.causeId()));
      }
    }
    if (ids.isEmpty()) {
      return;
    }
    List<BroadcastRecipient> copies =
        mongo.find(
            Query.query(
                Criteria.where("_id")
                    .in(
                        ids.stream()
                            .map(b -> BroadcastRecipient.idOf(b, read.recipientMemberId()))
                            .toList())
                    .and("readAt")
                    .is(null)),
            BroadcastRecipient.class);
    if (copies.isEmpty()) {
      return;
    }
    Map<String, Broadcast> broadcasts =
        byId(
            mongo.find(
                Query.query(
                    Criteria.where("_id")
                        .in(copies.stream().map(BroadcastRecipient::broadcastId).toList())),
                Broadcast.class),
            Broadcast::id);
    copies.forEach(copy -> markRead(copy, broadcasts.get(copy.broadcastId())));
  }

  /** A broadcast notice's cause is the broadcast id, or {@code <id>:remind:<round>}. */
  static String broadcastOf(String causeId) {
    int cut = causeId.indexOf(':');
    return cut < 0 ? causeId : causeId.substring(0, cut);
  }

  /** The recipient acknowledges a task (and so has read it); the first time counts. */
  public Received acknowledge(String id, String note) {
    return acknowledge(id, note, false);
  }

  /**
   * The recipient acknowledges a task ("received"), or reports it done ({@code completed}), which
   * acknowledges it too when it was not yet. Each counts once; the note is the latest one given.
   */
  public Received acknowledge(String id, String note, boolean completed) {
    BroadcastRecipient copy = ownCopy(id);
    Broadcast broadcast = mongo.findById(id, Broadcast.class);
    if (broadcast.kind() != Broadcast.Kind.TASK) {
      throw ProblemException.conflict(
          "broadcast-not-a-task", "Only a task is acknowledged; an announcement is only read.");
    }
    markRead(copy, broadcast);
    UpdateResult result =
        mongo.updateFirst(
            Query.query(Criteria.where("_id").is(copy.id()).and("acknowledgedAt").is(null)),
            new Update().set("acknowledgedAt", Instant.now(clock)).set("note", note),
            BroadcastRecipient.class);
    if (result.getModifiedCount() == 1) {
      Tallies.count(mongo, id, copy.cellPath(), "acknowledged");
    }
    if (completed) {
      Update done = new Update().set("completedAt", Instant.now(clock));
      if (note != null) {
        done.set("note", note);
      }
      mongo.updateFirst(
          Query.query(Criteria.where("_id").is(copy.id()).and("completedAt").is(null)),
          done,
          BroadcastRecipient.class);
    }
    return receivedOne(id);
  }

  private void markRead(BroadcastRecipient copy, Broadcast broadcast) {
    UpdateResult result =
        mongo.updateFirst(
            Query.query(Criteria.where("_id").is(copy.id()).and("readAt").is(null)),
            new Update().set("readAt", Instant.now(clock)),
            BroadcastRecipient.class);
    if (result.getModifiedCount() == 1) {
      Tallies.count(mongo, copy.broadcastId(), copy.cellPath(), "read");
      if (broadcast != null) {
        inbox.markReadFor(copy.memberId(), noticeIds(broadcast, copy.memberId()));
      }
    }
  }

  /** The ids of the notices this member got of the broadcast: the first and one per round. */
  private static List<String> noticeIds(Broadcast broadcast, String memberId) {
    List<String> ids = new ArrayList<>();
    ids.add(Notice.idFor(broadcast.id(), memberId));
    for (int round = 1; round <= broadcast.remindRound(); round++) {
      ids.add(Notice.idFor(broadcast.id() + ":remind:" + round, memberId));
    }
    return ids;
  }

  /**
   * Publishes a summary of read and acknowledgement totals for each delivered broadcast whose
   * totals changed since its last summary: analysts get rates without one event per reader.
   */
  @Scheduled(
      fixedDelayString = "${digicell.notification.broadcast.tally-every:PT1H}",
      initialDelayString = "${digicell.notification.broadcast.tally-every:PT1H}")
  @SchedulerLock(name = "notification.broadcast-tallies")
  public void scheduledTallies() {
    publishTallies();
  }

  /** Publishes changed tallies; for a caller that already runs alone (the job, a test). */
  public int publishTallies() {
    int published = 0;
    List<BroadcastTally> changed =
        mongo.find(
            Query.query(Criteria.where("dirty").is(true)).limit(TALLY_BATCH), BroadcastTally.class);
    for (BroadcastTally candidate : changed) {
      Broadcast broadcast = mongo.findById(candidate.id(), Broadcast.class);
      if (broadcast == null || broadcast.sentAt() == null) {
        continue; // still fanning out: its sent event carries the count first
      }
      BroadcastTally tally =
          mongo.findAndModify(
              Query.query(Criteria.where("_id").is(candidate.id()).and("dirty").is(true)),
              new Update().set("dirty", false),
              FindAndModifyOptions.options().returnNew(true),
              BroadcastTally.class);
      if (tally == null) {
        continue;
      }
      try {
        broadcast.tallied(tally, clock);
        outbox.saveAndPublish(broadcast);
        published++;
      } catch (OptimisticLockingFailureException e) {
        mongo.updateFirst(
            Query.query(Criteria.where("_id").is(tally.id())),
            new Update().set("dirty", true),
            BroadcastTally.class);
      }
    }
    return published;
  }

  private Broadcast asSender(String id) {
    Broadcast broadcast = mongo.findById(id, Broadcast.class);
    if (broadcast == null || !guard.mayActOn(broadcast.path(), SENDER_ROLES)) {
      throw notFound(id);
    }
    return broadcast;
  }

  private BroadcastRecipient ownCopy(String id) {
    String me = guard.currentUser().ownMemberId().orElse(null);
    BroadcastRecipient copy =
        me == null
            ? null
            : mongo.findById(BroadcastRecipient.idOf(id, me), BroadcastRecipient.class);
    if (copy == null) {
      throw notFound(id);
    }
    return copy;
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("broadcast-not-found", "No broadcast " + id + " for you.");
  }

  /** The one path where the caller may send broadcasts, when there is exactly one. */
  private String onlyScope() {
    List<String> sending = guard.currentUser().pathsWith(SENDER_ROLES);
    if (sending.size() != 1) {
      throw ProblemException.badRequest(
          "under-required", "Say which unit's broadcasts to list (the under parameter).");
    }
    return sending.get(0);
  }

  private static Instant instant(String[] parts) {
    try {
      if (parts.length == 2) {
        return Instant.parse(parts[0]);
      }
    } catch (java.time.format.DateTimeParseException e) {
      // falls through to the problem below
    }
    throw ProblemException.badRequest("invalid-cursor", "The paging cursor is not valid.");
  }

  private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
    Map<String, T> map = new java.util.HashMap<>();
    items.forEach(i -> map.put(id.apply(i), i));
    return map;
  }
}
