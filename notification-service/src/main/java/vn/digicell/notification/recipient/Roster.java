package vn.digicell.notification.recipient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Keeps the roster projection in step with member.events and orgunit.events. Every change is an
 * upsert or an idempotent rewrite, so a redelivered event changes nothing more.
 */
@Service
public class Roster {

  static final int REWRITE_BATCH = 500;

  private final MongoTemplate mongo;
  private final Clock clock;

  Roster(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** A member joined (or is first seen) in a cell. */
  public void admitted(
      String memberId, String fullName, String orgPath, String cellId, String status) {
    Update update =
        new Update().set("orgPath", orgPath).set("cellId", cellId).set("status", status);
    if (fullName != null) {
      update.set("fullName", fullName);
    }
    mongo.upsert(byId(memberId), update, RosterEntry.class);
    rederive(memberId);
  }

  /** The member's status changed (recognised, exempted, removed…), possibly with their cell. */
  public void statusChanged(String memberId, String orgPath, String cellId, String status) {
    Update update = new Update().set("status", status);
    if (orgPath != null) {
      update.set("orgPath", orgPath);
    }
    if (cellId != null) {
      update.set("cellId", cellId);
    }
    mongo.upsert(byId(memberId), update, RosterEntry.class);
    rederive(memberId);
  }

  /** The member now belongs to another cell (transfer, reassignment after a merge or split). */
  public void movedTo(String memberId, String orgPath, String cellId, String status) {
    statusChanged(memberId, orgPath, cellId, status);
  }

  /** A position entry was recorded; a correction replaces the entry it supersedes. */
  public void positionRecorded(
      String memberId, String entryId, String classification, LocalDate to, String supersedes) {
    RosterEntry entry = mongo.findById(memberId, RosterEntry.class);
    if (entry == null) {
      entry = new RosterEntry();
      entry.id = memberId;
    }
    entry.positions.removeIf(
        p -> p.entryId().equals(entryId) || (supersedes != null && p.entryId().equals(supersedes)));
    if (classification != null) {
      entry.positions.add(new RosterEntry.Position(entryId, classification, to));
    }
    entry.deriveActsFor(LocalDate.now(clock));
    mongo.save(entry);
  }

  /** The member takes part in another cell's activities until {@code until}. */
  public void attached(String memberId, String attachedOrgPath, LocalDate until) {
    mongo.upsert(
        byId(memberId),
        new Update().set("attachedOrgPath", attachedOrgPath).set("attachedUntil", until),
        RosterEntry.class);
  }

  /**
   * The temporary attachment to {@code attachedOrgPath} ended (an attachment to another cell made
   * since stays).
   */
  public void attachmentEnded(String memberId, String attachedOrgPath) {
    Query query = byId(memberId);
    if (attachedOrgPath != null) {
      query =
          Query.query(
              Criteria.where("_id").is(memberId).and("attachedOrgPath").is(attachedOrgPath));
    }
    mongo.updateFirst(
        query, new Update().unset("attachedOrgPath").unset("attachedUntil"), RosterEntry.class);
  }

  /** Name and language as the restricted contacts topic carries them. */
  public void nameAndLanguage(String memberId, String fullName, String language) {
    Update update = new Update();
    if (fullName != null) {
      update.set("fullName", fullName);
    }
    if (language != null) {
      update.set("language", language);
    }
    if (!update.getUpdateObject().isEmpty()) {
      mongo.upsert(byId(memberId), update, RosterEntry.class);
    }
  }

  /** The member's chosen language (from their notification preferences). */
  public void language(String memberId, String language) {
    nameAndLanguage(memberId, null, language);
  }

  /**
   * A unit moved: every member under {@code oldPath} gets the new prefix, in keyset batches with
   * one bulk write each (a commune may hold tens of thousands of members). Re-running finds nobody
   * left under the old path.
   */
  public int unitMoved(String oldPath, String newPath) {
    if (oldPath == null || newPath == null || oldPath.equals(newPath)) {
      return 0;
    }
    Criteria under = Criteria.where("orgPath").regex("^" + Pattern.quote(oldPath) + "(/|$)");
    LocalDate today = LocalDate.now(clock);
    int moved = 0;
    while (true) {
      List<RosterEntry> page =
          mongo.find(
              Query.query(under).with(Sort.by("orgPath", "_id")).limit(REWRITE_BATCH),
              RosterEntry.class);
      if (page.isEmpty()) {
        return moved;
      }
      BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, RosterEntry.class);
      for (RosterEntry e : page) {
        e.orgPath = newPath + e.orgPath.substring(oldPath.length());
        e.deriveActsFor(today);
        bulk.updateOne(
            byId(e.id), new Update().set("orgPath", e.orgPath).set("actsFor", e.actsFor));
      }
      bulk.execute();
      moved += page.size();
    }
  }

  private void rederive(String memberId) {
    RosterEntry entry = mongo.findById(memberId, RosterEntry.class);
    if (entry != null) {
      entry.deriveActsFor(LocalDate.now(clock));
      mongo.updateFirst(
          byId(memberId), new Update().set("actsFor", entry.actsFor), RosterEntry.class);
    }
  }

  private static Query byId(String id) {
    return Query.query(Criteria.where("_id").is(id));
  }
}
