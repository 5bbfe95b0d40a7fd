package vn.digicell.member.member;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventCatalogue;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.events.OutboxEvent;
import vn.digicell.platform.web.ProblemException;

/**
 * Moves many member records at once when the tree is reorganised (merge, split, move of an
 * ancestor): one bulk write per batch sets each member's new cell and path, bumps its version and
 * event sequence, appends a dated line to its status history and puts a {@code
 * member.reassigned.v1} into its embedded outbox — all in the member's own document, so no event is
 * lost. The events of a batch are then published together and pulled from the outboxes in one bulk
 * write; anything not acknowledged stays for the outbox relay.
 *
 * <p>Every update is conditional on the member still being where the batch found it (and on its
 * version), so running the same reassignment again — after a crash mid-way — moves only who is
 * left, and never twice.
 */
@Component
public class MemberReassignments {

  static final int BATCH = 500;
  private static final String COLLECTION = "members";
  private static final List<String> ACTIVE = List.of("PROBATIONARY", "OFFICIAL", "EXEMPTED");
  private static final JsonMapper JSON = JsonMapper.shared();

  private final MongoTemplate mongo;
  private final EventPublisher publisher;
  private final Clock clock;

  MemberReassignments(MongoTemplate mongo, EventPublisher publisher, Clock clock) {
    this.mongo = mongo;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** Where a member goes: a cell and its path. */
  public record Target(String orgUnitId, String orgPath) {}

  /** Why, when, on which decision, recorded by whom. */
  public record Cause(String reason, LocalDate effectiveOn, String decisionNumber, String by) {}

  /** Every member still active in party life in cell {@code fromUnitId} moves to {@code to}. */
  public long moveCell(String fromUnitId, Target to, Cause cause) {
    return run(
        () -> Criteria.where("orgUnitId").is(fromUnitId).and("status").in(ACTIVE), m -> to, cause);
  }

  /** The listed active members of cell {@code fromUnitId} move to {@code to} (a split). */
  public long moveListed(String fromUnitId, List<String> memberIds, Target to, Cause cause) {
    long moved = 0;
    for (int i = 0; i < memberIds.size(); i += BATCH) {
      List<String> chunk = memberIds.subList(i, Math.min(memberIds.size(), i + BATCH));
      moved +=
          run(
              () ->
                  Criteria.where("orgUnitId")
                      .is(fromUnitId)
                      .and("status")
                      .in(ACTIVE)
                      .and("_id")
                      .in(chunk),
              m -> to,
              cause);
    }
    return moved;
  }

  /**
   * Every member (in any status: records of members who left keep a true path too) whose path is
   * {@code oldPath} or under it now stands under {@code newPath}; cells stay the same.
   */
  public long rewritePaths(String oldPath, String newPath, Cause cause) {
    Pattern under = Pattern.compile("^" + Pattern.quote(oldPath + "/"));
    return run(
        () ->
            new Criteria()
                .orOperator(
                    Criteria.where("orgPath").is(oldPath), Criteria.where("orgPath").regex(under)),
        m ->
            new Target(
                m.getString("orgUnitId"),
                newPath + m.getString("orgPath").substring(oldPath.length())),
        cause);
  }

  /**
   * Temporary attachments follow a reorganisation: attachments to a cell under {@code oldPath} now
   * point under {@code newPath}; with {@code fromUnitId} set (a merge), attachments to that cell
   * point to {@code to}. Bulk updates a batch at a time; idempotent.
   */
  public long followAttachments(String oldPath, String newPath, String fromUnitId, Target to) {
    long changed = 0;
    Pattern under = Pattern.compile("^" + Pattern.quote(oldPath) + "(/|$)");
    while (!oldPath.equals(newPath)) {
      Query query = Query.query(Criteria.where("attachedTo.orgPath").regex(under)).limit(BATCH);
      query.fields().include("_id", "attachedTo");
      List<Document> batch = mongo.find(query, Document.class, COLLECTION);
      if (batch.isEmpty()) {
        break;
      }
      BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
      for (Document m : batch) {
        String was = m.get("attachedTo", Document.class).getString("orgPath");
        bulk.updateOne(
            Query.query(Criteria.where("_id").is(m.get("_id")).and("attachedTo.orgPath").is(was)),
            new Update().set("attachedTo.orgPath", newPath + was.substring(oldPath.length())));
      }
      changed += bulk.execute().getModifiedCount();
    }
    if (fromUnitId != null) {
      changed +=
          mongo
              .updateMulti(
                  Query.query(Criteria.where("attachedTo.orgUnitId").is(fromUnitId)),
                  new Update()
                      .set("attachedTo.orgUnitId", to.orgUnitId())
                      .set("attachedTo.orgPath", to.orgPath()),
                  COLLECTION)
              .getModifiedCount();
    }
    return changed;
  }

  /**
   * How many member records (any status) stand at or under {@code path}, counting to {@code limit}.
   */
  public long countUnder(String path, int limit) {
    Pattern under = Pattern.compile("^" + Pattern.quote(path + "/"));
    return mongo.count(
        Query.query(
                new Criteria()
                    .orOperator(
                        Criteria.where("orgPath").is(path), Criteria.where("orgPath").regex(under)))
            .limit(limit),
        COLLECTION);
  }

  /** The ids of the active members of a cell, at most {@code limit} (a split checks its plan). */
  public List<String> activeMemberIds(String cellId, int limit) {
    Query query =
        Query.query(Criteria.where("orgUnitId").is(cellId).and("status").in(ACTIVE))
            .with(Sort.by("_id"))
            .limit(limit);
    query.fields().include("_id");
    return mongo.find(query, Document.class, COLLECTION).stream()
        .map(d -> d.get("_id").toString())
        .toList();
  }

  private long run(
      java.util.function.Supplier<Criteria> who, Function<Document, Target> where, Cause cause) {
    long moved = 0;
    int fruitless = 0;
    String after = null;
    while (true) {
      Criteria criteria = who.get();
      if (after != null) {
        criteria = new Criteria().andOperator(criteria, Criteria.where("_id").gt(after));
      }
      Query query = Query.query(criteria).with(Sort.by("_id")).limit(BATCH);
      query
          .fields()
          .include("_id", "orgUnitId", "orgPath", "status", "sequence", "version", "attachedTo");
      List<Document> batch = mongo.find(query, Document.class, COLLECTION);
      if (batch.isEmpty()) {
        if (after == null) {
          return moved;
        }
        after = null; // a second pass picks up members a concurrent change made us skip
        if (++fruitless > 3) {
          throw ProblemException.conflict(
              "members-changing",
              "Some members kept changing during the reorganisation; run it again to finish.");
        }
        continue;
      }
      moved += apply(batch, where, cause);
      after = batch.get(batch.size() - 1).get("_id").toString();
    }
  }

  private long apply(List<Document> batch, Function<Document, Target> where, Cause cause) {
    Instant now = clock.instant();
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
    Map<String, OutboxEvent> events = new HashMap<>();
    for (Document m : batch) {
      String id = m.get("_id").toString();
      Target to = where.apply(m);
      String fromUnit = m.getString("orgUnitId");
      String fromPath = m.getString("orgPath");
      MemberStatus status = MemberStatus.valueOf(m.getString("status"));
      long sequence = m.get("sequence") == null ? 0 : ((Number) m.get("sequence")).longValue();
      OutboxEvent event =
          new OutboxEvent(
              UUID.randomUUID().toString(),
              Member.REASSIGNED,
              id,
              sequence + 1,
              to.orgPath(),
              EventCatalogue.topicOf(Member.REASSIGNED),
              JSON.writeValueAsString(
                  new Member.Reassigned(
                      id,
                      fromUnit,
                      fromPath,
                      to.orgUnitId(),
                      to.orgPath(),
                      cause.reason(),
                      cause.effectiveOn(),
                      status.name())),
              now,
              null);
      Member.StatusChange line =
          new Member.StatusChange(
              status,
              status,
              cause.effectiveOn(),
              cause.decisionNumber(),
              "reassigned (" + cause.reason() + ") from " + fromPath + " to " + to.orgPath(),
              cause.by(),
              now);
      Criteria still =
          Criteria.where("_id")
              .is(m.get("_id"))
              .and("orgPath")
              .is(fromPath)
              .and("orgUnitId")
              .is(fromUnit);
      still =
          m.get("version") == null
              ? still.and("version").exists(false)
              : still.and("version").is(m.get("version"));
      bulk.updateOne(
          Query.query(still),
          new Update()
              .set("orgUnitId", to.orgUnitId())
              .set("orgPath", to.orgPath())
              .inc("sequence", 1L)
              .inc("version", 1L)
              .push("statusHistory", document(line))
              .push("outbox", document(event)));
      events.put(event.eventId(), event);
    }
    if (bulk.execute().getModifiedCount() == 0) {
      return 0;
    }
    // only the events whose member was actually updated (one might have changed meanwhile)
    Query written = Query.query(Criteria.where("outbox.eventId").in(events.keySet()));
    written.fields().include("_id", "outbox.eventId");
    List<OutboxEvent> stored = new ArrayList<>();
    for (Document d : mongo.find(written, Document.class, COLLECTION)) {
      for (Object o : d.getList("outbox", Object.class, List.of())) {
        OutboxEvent e = events.get(((Document) o).getString("eventId"));
        if (e != null) {
          stored.add(e);
        }
      }
    }
    Set<String> published = publisher.publishAll(stored);
    if (!published.isEmpty()) {
      BulkOperations pull = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
      for (OutboxEvent e : stored) {
        if (published.contains(e.eventId())) {
          pull.updateOne(
              Query.query(Criteria.where("_id").is(e.subject())),
              new Update().pull("outbox", new Document("eventId", e.eventId())));
        }
      }
      pull.execute();
    }
    return stored.size();
  }

  private Document document(Object value) {
    Document written = new Document();
    mongo.getConverter().write(value, written);
    written.remove("_class");
    return written;
  }
}
