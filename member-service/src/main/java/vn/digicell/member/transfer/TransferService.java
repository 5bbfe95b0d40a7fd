package vn.digicell.member.transfer;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.digicell.member.member.Member;
import vn.digicell.member.member.MemberService;
import vn.digicell.member.orgunit.OrgUnit;
import vn.digicell.member.orgunit.OrgUnitService;
import vn.digicell.member.shared.Roles;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/**
 * Runs transfers step by step, each step by the side that owns it. Completion changes two documents
 * without a transaction: the member moves first (idempotently, per transfer), then the transfer is
 * marked complete — a crash in between leaves a transfer that completes on retry.
 */
@Service
public class TransferService {

  private final MongoTemplate mongo;
  private final MemberService members;
  private final OrgUnitService orgUnits;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final Clock clock;
  private final int reportWithinDays;

  TransferService(
      MongoTemplate mongo,
      MemberService members,
      OrgUnitService orgUnits,
      Outbox outbox,
      AccessGuard guard,
      Clock clock,
      @Value("${digicell.member.transfer.report-within-days:30}") int reportWithinDays) {
    this.mongo = mongo;
    this.members = members;
    this.orgUnits = orgUnits;
    this.outbox = outbox;
    this.guard = guard;
    this.clock = clock;
    this.reportWithinDays = reportWithinDays;
  }

  /** The source cell (or its committee) asks to transfer one of its members. */
  public Transfer request(
      String memberId, Transfer.Kind kind, String toOrgUnitId, LocalDate until, String reason) {
    Member member = members.get(memberId);
    guard.requireActOn(member.path(), Roles.CELL_SECRETARY, Roles.COMMITTEE, Roles.ORG_ADMIN);
    OrgUnit destination = orgUnits.get(toOrgUnitId);
    if (!destination.isActiveCell()) {
      throw ProblemException.ruleViolated(
          "not-an-active-cell", "Members are transferred into an active party cell.");
    }
    boolean open =
        mongo.exists(
            Query.query(
                Criteria.where("memberId")
                    .is(memberId)
                    .and("state")
                    .in(
                        Transfer.State.REQUESTED,
                        Transfer.State.APPROVED,
                        Transfer.State.RECEIVED)),
            Transfer.class);
    if (open) {
      throw ProblemException.conflict(
          "transfer-already-open", "This member already has a transfer in progress.");
    }
    return outbox.saveAndPublish(
        Transfer.request(
            memberId,
            kind,
            member.orgUnitId(),
            member.path(),
            destination.id(),
            destination.path(),
            until,
            reason,
            guard.currentUser().username(),
            clock));
  }

  /** The source committee approves and issues the introduction letter. */
  public Transfer approve(String id, String letterNumber) {
    Transfer t = get(id);
    guard.requireActOn(t.fromPath(), Roles.COMMITTEE, Roles.ORG_ADMIN);
    t.approve(letterNumber, reportWithinDays, guard.currentUser().username(), clock);
    return outbox.saveAndPublish(t);
  }

  /** The destination committee receives the member's file. */
  public Transfer receive(String id) {
    Transfer t = get(id);
    guard.requireActOn(t.toPath(), Roles.COMMITTEE, Roles.ORG_ADMIN);
    t.receive(guard.currentUser().username(), clock);
    return outbox.saveAndPublish(t);
  }

  /** The destination cell accepts the member: the record moves (or the attachment starts). */
  public Transfer complete(String id) {
    Transfer t = get(id);
    guard.requireActOn(t.toPath(), Roles.CELL_SECRETARY, Roles.COMMITTEE, Roles.ORG_ADMIN);
    if (t.state() != Transfer.State.RECEIVED) {
      t.complete(guard.currentUser().username(), clock); // throws the out-of-order problem
    }
    OrgUnit destination = orgUnits.get(t.toOrgUnitId());
    Member member = members.get(t.memberId());
    String by = guard.currentUser().username();
    if (t.kind() == Transfer.Kind.OFFICIAL) {
      member.transferTo(destination, t.id(), LocalDate.now(clock), by, clock);
    } else {
      member.attachTemporarily(destination, t.id(), t.temporaryUntil(), by, clock);
    }
    members.save(member);
    t.complete(by, clock);
    return outbox.saveAndPublish(t);
  }

  /** Either side's committee (or the destination cell once received) stops the transfer. */
  public Transfer reject(String id, String reason) {
    Transfer t = get(id);
    boolean source = guard.mayActOn(t.fromPath(), Roles.COMMITTEE, Roles.ORG_ADMIN);
    boolean destination =
        guard.mayActOn(t.toPath(), Roles.COMMITTEE, Roles.ORG_ADMIN)
            || (t.state() == Transfer.State.RECEIVED
                && guard.mayActOn(t.toPath(), Roles.CELL_SECRETARY));
    if (!source && !destination) {
      throw new org.springframework.security.access.AccessDeniedException("not a party to it");
    }
    t.reject(reason, guard.currentUser().username(), clock);
    return outbox.saveAndPublish(t);
  }

  /** Who reads transfers (their reasons included) of the cells they act for. */
  static final String[] READ_TRANSFERS = {Roles.CELL_SECRETARY, Roles.COMMITTEE, Roles.ORG_ADMIN};

  /**
   * A transfer, for a staff role acting for either side, or the member concerned (their own member
   * id, with {@code member} held on either side).
   */
  public Transfer read(String id) {
    Transfer t = get(id);
    var user = guard.currentUser();
    boolean staff =
        guard.mayActOn(t.fromPath(), READ_TRANSFERS) || guard.mayActOn(t.toPath(), READ_TRANSFERS);
    boolean concerned =
        user.isMember(t.memberId())
            && (user.holds(t.fromPath(), Roles.MEMBER) || user.holds(t.toPath(), Roles.MEMBER));
    if (!staff && !concerned) {
      throw new org.springframework.security.access.AccessDeniedException("not a party to it");
    }
    return t;
  }

  /**
   * Transfers leaving or entering {@code under} in a state, newest first, at most 200: for a staff
   * role acting for {@code under}.
   */
  public List<Transfer> list(String under, Transfer.State state) {
    guard.requireActOn(under, READ_TRANSFERS);
    Pattern prefix = Pattern.compile("^" + Pattern.quote(under) + "(/|$)");
    Criteria where =
        new Criteria()
            .orOperator(
                Criteria.where("fromPath").regex(prefix), Criteria.where("toPath").regex(prefix));
    if (state != null) {
      where = new Criteria().andOperator(where, Criteria.where("state").is(state));
    }
    return mongo.find(
        Query.query(where).with(Sort.by(Sort.Direction.DESC, "_id")).limit(200), Transfer.class);
  }

  /**
   * Open transfers follow a reorganisation of the tree: paths under {@code oldPath} now stand under
   * {@code newPath}; with {@code fromUnitId} set (a merge), transfers heading to that unit head to
   * {@code toUnitId} instead. Bulk updates a batch at a time; idempotent.
   */
  public long followReorganisation(
      String oldPath, String newPath, String fromUnitId, String toUnitId) {
    long changed = 0;
    List<Transfer.State> open =
        List.of(Transfer.State.REQUESTED, Transfer.State.APPROVED, Transfer.State.RECEIVED);
    Pattern under = Pattern.compile("^" + Pattern.quote(oldPath) + "(/|$)");
    for (String field : List.of("fromPath", "toPath")) {
      while (!oldPath.equals(newPath)) {
        Query query =
            Query.query(Criteria.where(field).regex(under).and("state").in(open)).limit(500);
        query.fields().include("_id", field);
        List<org.bson.Document> batch = mongo.find(query, org.bson.Document.class, "transfers");
        if (batch.isEmpty()) {
          break;
        }
        var bulk =
            mongo.bulkOps(
                org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED,
                "transfers");
        for (org.bson.Document t : batch) {
          String was = t.getString(field);
          bulk.updateOne(
              Query.query(Criteria.where("_id").is(t.get("_id")).and(field).is(was)),
              new org.springframework.data.mongodb.core.query.Update()
                  .set(field, newPath + was.substring(oldPath.length())));
        }
        changed += bulk.execute().getModifiedCount();
      }
    }
    if (fromUnitId != null) {
      changed +=
          mongo
              .updateMulti(
                  Query.query(Criteria.where("toOrgUnitId").is(fromUnitId).and("state").in(open)),
                  new org.springframework.data.mongodb.core.query.Update()
                      .set("toOrgUnitId", toUnitId)
                      .set("toPath", newPath),
                  Transfer.class)
              .getModifiedCount();
    }
    return changed;
  }

  private Transfer get(String id) {
    Transfer t = mongo.findById(id, Transfer.class);
    if (t == null) {
      throw ProblemException.notFound("transfer-not-found", "No transfer with id " + id + ".");
    }
    return t;
  }
}
