package vn.digicell.meeting.roster;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import vn.digicell.meeting.Roles;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/**
 * The local projection of cells and their members, built from {@code orgunit.events} and {@code
 * member.events}, so meetings can be prepared while member-service is down. Every change is an
 * upsert of the fields an event carries, so replaying an event changes nothing.
 */
@Service
public class Roster {

  private final MongoTemplate mongo;
  private final AccessGuard guard;
  private final Clock clock;
  private final ZoneId zone;

  Roster(
      MongoTemplate mongo,
      AccessGuard guard,
      Clock clock,
      @Value("${digicell.meeting.reminders.zone:Asia/Ho_Chi_Minh}") ZoneId zone) {
    this.mongo = mongo;
    this.guard = guard;
    this.clock = clock;
    this.zone = zone;
  }

  /** An org unit was created (or announced again). */
  public void unitCreated(String id, String code, String name, String kind, String path) {
    mongo.save(new RosterCell(id, code, name, kind, path, null, null));
  }

  public void unitRenamed(String id, String name) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update().set("name", name),
        RosterCell.class);
  }

  /** A dissolved unit holds no more meetings (and is not checked for regular ones). */
  public void unitDissolved(String id) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update().set("status", "DISSOLVED"),
        RosterCell.class);
  }

  /**
   * A unit merged into a survivor: it ends; its members arrive through {@code member.reassigned}
   * and its child units through {@code orgunit.moved}, each on its own.
   */
  public void unitMerged(String id, String survivorId) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update().set("status", "MERGED").set("mergedInto", survivorId),
        RosterCell.class);
  }

  /**
   * A unit moved under a new parent: the paths of its whole subtree change by prefix, for units,
   * members' cells and temporary attachments alike, in batches.
   */
  public void unitMoved(String oldPath, String newPath) {
    if (oldPath.equals(newPath)) {
      return;
    }
    rewritePrefix(mongo, "roster_units", "path", oldPath, newPath, null);
    rewritePrefix(mongo, "roster_members", "orgPath", oldPath, newPath, null);
    rewritePrefix(mongo, "roster_members", "attachedOrgPath", oldPath, newPath, null);
  }

  /**
   * Replaces the prefix {@code oldPath} by {@code newPath} in {@code field} of every document under
   * {@code oldPath} (whole segments), 500 at a time; documents rewritten no longer match, so the
   * loop ends. {@code extra} narrows the documents concerned.
   */
  public static int rewritePrefix(
      MongoTemplate mongo,
      String collection,
      String field,
      String oldPath,
      String newPath,
      Criteria extra) {
    int changed = 0;
    while (true) {
      Criteria under = Criteria.where(field).regex("^" + Pattern.quote(oldPath) + "(/|$)");
      Query query =
          Query.query(extra == null ? under : new Criteria().andOperator(under, extra)).limit(500);
      query.fields().include(field);
      List<org.bson.Document> page = mongo.find(query, org.bson.Document.class, collection);
      if (page.isEmpty()) {
        return changed;
      }
      org.springframework.data.mongodb.core.BulkOperations bulk =
          mongo.bulkOps(
              org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, collection);
      for (org.bson.Document doc : page) {
        String path = doc.getString(field);
        // with the old path in the filter: the full shard key where the collection is sharded
        bulk.updateOne(
            Query.query(Criteria.where("_id").is(doc.get("_id")).and(field).is(path)),
            new Update().set(field, newPath + path.substring(oldPath.length())));
      }
      bulk.execute();
      changed += page.size();
    }
  }

  /** A reorganisation moved the member to another cell (not a transfer). */
  public void memberReassigned(
      String memberId, String toOrgUnitId, String toOrgPath, String status) {
    Update update = new Update().set("orgUnitId", toOrgUnitId).set("orgPath", toOrgPath);
    if (status != null) {
      update.set("status", status);
    }
    mongo.upsert(Query.query(Criteria.where("_id").is(memberId)), update, RosterMember.class);
  }

  /** The member's temporary attachment to the cell at {@code attachedOrgPath} ended. */
  public void attachmentEnded(String memberId, String attachedOrgPath) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(memberId).and("attachedOrgPath").is(attachedOrgPath)),
        new Update().set("attachedOrgPath", null).set("attachedUntil", null),
        RosterMember.class);
  }

  /**
   * What a member event says about a member. Fields that are null were not in the event and keep
   * their value; {@code attachmentChanged} says whether {@code attachedOrgPath} was present (null
   * then ends a temporary attachment).
   */
  public record MemberChange(
      String memberId,
      String status,
      String fullName,
      String orgUnitId,
      String orgPath,
      boolean attachmentChanged,
      String attachedOrgPath,
      String attachedUntil) {}

  /** A corrected name; a member the roster has never seen stays unknown. */
  public void memberRenamed(String memberId, String fullName) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(memberId)),
        new Update().set("fullName", fullName),
        RosterMember.class);
  }

  public void memberChanged(MemberChange change) {
    Update update = new Update().set("status", change.status());
    if (change.fullName() != null) {
      update.set("fullName", change.fullName());
    }
    if (change.orgUnitId() != null) {
      update.set("orgUnitId", change.orgUnitId());
    }
    if (change.orgPath() != null) {
      update.set("orgPath", change.orgPath());
    }
    if (change.attachmentChanged()) {
      update.set("attachedOrgPath", change.attachedOrgPath());
      update.set("attachedUntil", change.attachedUntil());
    }
    mongo.upsert(
        Query.query(Criteria.where("_id").is(change.memberId())), update, RosterMember.class);
  }

  /** The cell with this id, when the roster knows it. */
  public Optional<RosterCell> cell(String cellId) {
    return Optional.ofNullable(mongo.findById(cellId, RosterCell.class));
  }

  /**
   * Everyone invited to the cell's meetings: its own active members and those temporarily attached
   * to it, ordered by id.
   */
  public List<RosterMember> invitees(String cellPath) {
    Query query =
        Query.query(
                new Criteria()
                    .orOperator(
                        Criteria.where("orgPath").is(cellPath),
                        Criteria.where("attachedOrgPath").is(cellPath)))
            .with(Sort.by("_id"));
    LocalDate today = LocalDate.now(clock.withZone(zone));
    return mongo.find(query, RosterMember.class).stream()
        .filter(RosterMember::isActive)
        .filter(m -> cellPath.equals(m.orgPath()) || m.attachedOn(today))
        .toList();
  }

  /** A cell and the people invited to its meetings. */
  public record CellRoster(RosterCell cell, List<RosterMember> members) {}

  /** The roster of a cell, for its secretary and the committees above it. */
  public CellRoster rosterOf(String cellId) {
    RosterCell cell =
        cell(cellId)
            .orElseThrow(
                () ->
                    ProblemException.notFound("cell-not-found", "No cell with id " + cellId + "."));
    guard.requireActOn(cell.path(), Roles.SECRETARY, Roles.COMMITTEE);
    return new CellRoster(cell, invitees(cell.path()));
  }

  /** Cells under a path the caller acts for. */
  public List<RosterCell> cellsUnder(String path) {
    guard.requireActOn(path, Roles.SECRETARY, Roles.COMMITTEE);
    Query query =
        Query.query(
                Criteria.where("kind")
                    .is("CELL")
                    .and("path")
                    .regex("^" + Pattern.quote(path) + "(/|$)"))
            .with(Sort.by("path"))
            .limit(500);
    return mongo.find(query, RosterCell.class);
  }
}
