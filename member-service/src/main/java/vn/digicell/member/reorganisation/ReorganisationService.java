package vn.digicell.member.reorganisation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import vn.digicell.member.member.MemberReassignments;
import vn.digicell.member.orgunit.OrgUnit;
import vn.digicell.member.orgunit.OrgUnitService;
import vn.digicell.member.orgunit.OrgUnitStatus;
import vn.digicell.member.shared.Roles;
import vn.digicell.member.transfer.TransferService;
import vn.digicell.platform.jobs.EveryReplica;
import vn.digicell.platform.jobs.Leases;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/**
 * Moves, merges and splits org units (the two-level local-government reform). Each runs from a plan
 * written first ({@link Reorganisation}); every step is idempotent — units and members are selected
 * by where they still are — so a plan interrupted by a crash completes when the same request is
 * sent again, or by the periodic {@link #resumeUnfinished}. Nothing is deleted: merged and split
 * units stay, with their dated history.
 */
@Service
public class ReorganisationService {

  private static final Logger log = LoggerFactory.getLogger(ReorganisationService.class);

  /** The largest cell a split can plan member by member. */
  static final int MAX_SPLIT_MEMBERS = 20_000;

  static final int MAX_SPLIT_CHILDREN = 2_000;
  private static final int CHILD_BATCH = 100;

  private final OrgUnitService units;
  private final MemberReassignments members;
  private final TransferService transfers;
  private final MongoTemplate mongo;
  private final ReorganisationLocks locks;
  private final AccessGuard guard;
  private final Clock clock;
  private final int syncLimit;
  private final java.time.Duration lease;
  private final Leases<Reorganisation> leases;
  private final java.util.concurrent.ExecutorService workers =
      java.util.concurrent.Executors.newSingleThreadExecutor();
  private final Set<String> inProgress = java.util.concurrent.ConcurrentHashMap.newKeySet();

  ReorganisationService(
      OrgUnitService units,
      MemberReassignments members,
      TransferService transfers,
      MongoTemplate mongo,
      ReorganisationLocks locks,
      AccessGuard guard,
      Clock clock,
      @org.springframework.beans.factory.annotation.Value(
              "${digicell.member.reorganisation.sync-limit:2000}")
          int syncLimit,
      @org.springframework.beans.factory.annotation.Value(
              "${digicell.member.reorganisation.lease:PT2M}")
          java.time.Duration lease) {
    this.lease = lease;
    this.leases = new Leases<>(mongo, Reorganisation.class, lease, clock);
    this.units = units;
    this.members = members;
    this.transfers = transfers;
    this.mongo = mongo;
    this.locks = locks;
    this.guard = guard;
    this.clock = clock;
    this.syncLimit = syncLimit;
  }

  /** One part a split asks for: the new unit and which members and units go to it. */
  public record PartRequest(
      String code, String name, List<String> memberIds, List<String> childUnitIds) {}

  /** Moves a unit, with its subtree and members, under another parent. */
  public Outcome move(String unitId, String newParentId, LocalDate on, String decision) {
    OrgUnit unit = units.get(unitId);
    OrgUnit parent = units.get(newParentId);
    requireNotFuture(on);
    if (unit.parentId() == null) {
      throw ProblemException.ruleViolated(
          "cannot-move-root", "A province stands at the top of the tree; it cannot be moved.");
    }
    guard.requireActOn(units.get(unit.parentId()).path(), Roles.REORGANISE);
    guard.requireActOn(parent.path(), Roles.REORGANISE);
    Optional<Reorganisation> running = running(unitId, Reorganisation.Kind.MOVE, newParentId);
    if (running.isPresent()) {
      return resume(running.get());
    }
    requireActive(unit);
    if (unit.parentId().equals(parent.id())) {
      throw ProblemException.ruleViolated(
          "already-there", "Unit " + unit.path() + " already stands under " + parent.path() + ".");
    }
    if (unit.contains(parent.path())) {
      throw ProblemException.ruleViolated(
          "move-into-own-subtree",
          "Unit "
              + unit.path()
              + " cannot be moved under "
              + parent.path()
              + ", which is inside it.");
    }
    parent.requireCanHold(unit.kind());
    requireFree(parent.path() + "/" + unit.code());
    return start(plan(Reorganisation.Kind.MOVE, unit, parent.id(), List.of(), on, decision), true);
  }

  /** Merges a unit into a survivor of the same kind: members and child units go to it. */
  public Outcome merge(String unitId, String survivorId, LocalDate on, String decision) {
    OrgUnit absorbed = units.get(unitId);
    OrgUnit survivor = units.get(survivorId);
    requireNotFuture(on);
    guard.requireActOn(parentPath(absorbed), Roles.REORGANISE);
    guard.requireActOn(parentPath(survivor), Roles.REORGANISE);
    Optional<Reorganisation> running = running(unitId, Reorganisation.Kind.MERGE, survivorId);
    if (running.isPresent()) {
      return resume(running.get());
    }
    if (absorbed.id().equals(survivor.id())) {
      throw ProblemException.ruleViolated("same-unit", "A unit cannot be merged into itself.");
    }
    if (absorbed.kind() != survivor.kind()) {
      throw ProblemException.ruleViolated(
          "kind-mismatch",
          "A " + absorbed.kind() + " can only be merged into another " + absorbed.kind() + ".");
    }
    requireActive(absorbed);
    requireActive(survivor);
    if (absorbed.contains(survivor.path()) || survivor.contains(absorbed.path())) {
      throw ProblemException.ruleViolated(
          "merge-within-subtree", "A unit cannot be merged into a unit above or below it.");
    }
    List<String> taken = new ArrayList<>();
    String after = null;
    List<OrgUnit> children;
    do {
      children = units.activeChildren(absorbed.id(), after, CHILD_BATCH);
      for (OrgUnit child : children) {
        if (units.pathTaken(survivor.path() + "/" + child.code())) {
          taken.add(child.code());
        }
        after = child.id();
      }
    } while (children.size() == CHILD_BATCH);
    if (!taken.isEmpty()) {
      throw ProblemException.conflict(
          "child-code-taken",
          "Units under "
              + survivor.path()
              + " already use the codes "
              + taken
              + "; rename or move those units first.");
    }
    return start(
        plan(Reorganisation.Kind.MERGE, absorbed, survivor.id(), List.of(), on, decision), true);
  }

  /**
   * Splits a unit into new units under the same parent; every active member and every active child
   * unit of it is assigned to exactly one part. The unit ends SPLIT. A province splits into new
   * provinces (roots, like any province created): only someone who may manage the org tree of the
   * province and of every new province ({@code org-admin} acting for each path, in practice a
   * national scope) may do it; its communes and grassroots committees go to the parts.
   */
  public Outcome split(String unitId, List<PartRequest> parts, LocalDate on, String decision) {
    OrgUnit source = units.get(unitId);
    requireNotFuture(on);
    OrgUnit parent = source.parentId() == null ? null : units.get(source.parentId());
    String base = parent == null ? "" : parent.path();
    if (parent == null) {
      guard.requireActOn(source.path(), Roles.MANAGE_ORG_TREE);
      for (PartRequest part : parts) {
        guard.requireActOn("/" + part.code(), Roles.MANAGE_ORG_TREE);
      }
    } else {
      guard.requireActOn(parent.path(), Roles.REORGANISE);
    }
    Optional<Reorganisation> running = running(unitId, Reorganisation.Kind.SPLIT, null);
    if (running.isPresent()) {
      return resume(running.get());
    }
    requireActive(source);
    if (parent != null) {
      parent.requireCanHold(source.kind());
    }
    Set<String> codes = new HashSet<>();
    for (PartRequest part : parts) {
      if (!codes.add(part.code())) {
        throw ProblemException.ruleViolated(
            "duplicate-part-code", "Two parts cannot share the code " + part.code() + ".");
      }
      requireFree(base + "/" + part.code());
    }
    List<String> active = members.activeMemberIds(source.id(), MAX_SPLIT_MEMBERS + 1);
    if (active.size() > MAX_SPLIT_MEMBERS) {
      throw ProblemException.ruleViolated(
          "split-too-large", "A split plans at most " + MAX_SPLIT_MEMBERS + " members.");
    }
    requireEachOnce("member", active, parts.stream().map(p -> listOrEmpty(p.memberIds())).toList());
    List<String> children = new ArrayList<>();
    String after = null;
    List<OrgUnit> batch;
    do {
      batch = units.activeChildren(source.id(), after, CHILD_BATCH);
      for (OrgUnit child : batch) {
        children.add(child.id());
        after = child.id();
      }
      if (children.size() > MAX_SPLIT_CHILDREN) {
        throw ProblemException.ruleViolated(
            "split-too-large", "A split plans at most " + MAX_SPLIT_CHILDREN + " units.");
      }
    } while (batch.size() == CHILD_BATCH);
    requireEachOnce(
        "unit", children, parts.stream().map(p -> listOrEmpty(p.childUnitIds())).toList());
    List<Reorganisation.Part> planned =
        parts.stream()
            .map(
                p ->
                    new Reorganisation.Part(
                        UUID.randomUUID().toString(),
                        p.code(),
                        p.name().strip(),
                        listOrEmpty(p.memberIds()),
                        listOrEmpty(p.childUnitIds())))
            .toList();
    return start(plan(Reorganisation.Kind.SPLIT, source, null, planned, on, decision), true);
  }

  /**
   * What a request got: the unit after the change when it completed within the request ({@code
   * done}), or — for a reorganisation touching more than {@code
   * digicell.member.reorganisation.sync-limit} members — the plan that runs in the background.
   */
  public record Outcome(OrgUnit unit, Reorganisation plan, boolean done) {
    public String reorganisationId() {
      return plan.id();
    }
  }

  /** A plan and its state, for the caller acting for its unit. */
  public Reorganisation read(String reorganisationId) {
    Reorganisation plan = mongo.findById(reorganisationId, Reorganisation.class);
    if (plan == null) {
      throw ProblemException.notFound(
          "reorganisation-not-found", "No reorganisation with id " + reorganisationId + ".");
    }
    guard.requireActOn(units.get(plan.unitId()).path());
    return plan;
  }

  /**
   * Claims the plan's part of the tree, then runs it (within the request or in the background). A
   * plan of this request that cannot claim is withdrawn: 409 naming the reorganisation that holds
   * the part.
   */
  private Outcome start(Reorganisation plan, boolean fresh) {
    Optional<ReorganisationLocks.Conflict> conflict = locks.acquire(plan.id(), claim(plan));
    if (conflict.isPresent()) {
      if (fresh) {
        mongo.remove(Query.query(Criteria.where("_id").is(plan.id())), Reorganisation.class);
      }
      throw inProgress(conflict.get());
    }
    String path = units.get(plan.unitId()).path();
    if (members.countUnder(path, syncLimit + 1) <= syncLimit) {
      inProgress.add(plan.id());
      try {
        beat(List.of(plan.id()));
        return new Outcome(execute(plan), plan, true);
      } finally {
        inProgress.remove(plan.id());
      }
    }
    inBackground(plan);
    return new Outcome(units.get(plan.unitId()), plan, false);
  }

  /**
   * The same request again, on whichever replica: finishes a plan a crash left, or reports one
   * still running — here, or on a replica that still renews its lease.
   */
  private Outcome resume(Reorganisation plan) {
    if (inProgress.contains(plan.id())
        || takeOver(unfinished().and("_id").is(plan.id())).isEmpty()) {
      return new Outcome(units.get(plan.unitId()), plan, false);
    }
    return start(plan, false);
  }

  /**
   * What a plan claims: its unit with everything under it; the units above it, and the unit it
   * moves or merges into with the units above that, as holding work inside.
   */
  private ReorganisationLocks.Claim claim(Reorganisation plan) {
    OrgUnit unit = units.get(plan.unitId());
    Set<String> within = new LinkedHashSet<>(ancestors(unit));
    if (plan.targetId() != null) {
      OrgUnit target = units.get(plan.targetId());
      within.addAll(ancestors(target));
      within.add(target.id());
    }
    within.remove(unit.id());
    // a split's parts are claimed too (their ids are planned): nothing moves into them meanwhile
    Set<String> exclusive = new LinkedHashSet<>();
    exclusive.add(unit.id());
    if (plan.parts() != null) {
      plan.parts().forEach(p -> exclusive.add(p.orgUnitId()));
    }
    return new ReorganisationLocks.Claim(exclusive, within);
  }

  /** The ids of the units above {@code unit}, the root first. */
  private List<String> ancestors(OrgUnit unit) {
    List<String> out = new ArrayList<>();
    String parentId = unit.parentId();
    while (parentId != null && out.size() < 16) {
      out.add(0, parentId);
      parentId = units.get(parentId).parentId();
    }
    return out;
  }

  private ProblemException inProgress(ReorganisationLocks.Conflict conflict) {
    Reorganisation holder = mongo.findById(conflict.planId(), Reorganisation.class);
    String running =
        holder == null
            ? "Another reorganisation (" + conflict.planId() + ")"
            : "A "
                + holder.kind()
                + " of "
                + units.find(holder.unitId()).map(OrgUnit::path).orElse(holder.unitId())
                + " (reorganisation "
                + holder.id()
                + ", started "
                + holder.startedAt()
                + ")";
    return ProblemException.conflict(
        "reorganisation-in-progress",
        running
            + " is still running and touches "
            + units.find(conflict.unitId()).map(OrgUnit::path).orElse(conflict.unitId())
            + "; send this request again when it is done (GET /api/org-units/reorganisations/"
            + conflict.planId()
            + ").");
  }

  private void inBackground(Reorganisation plan) {
    if (!inProgress.add(plan.id())) {
      return;
    }
    beat(List.of(plan.id()));
    workers.submit(
        () -> {
          try {
            execute(plan);
          } catch (RuntimeException e) {
            log.warn("{} of unit {} stopped; it resumes later", plan.kind(), plan.unitId(), e);
            // no longer run here: its lease is given up, the next resume check takes it over
            leases.release(plan.id(), new Update().set("lastError", e.getMessage()));
          } finally {
            inProgress.remove(plan.id());
          }
        });
  }

  /**
   * Every 20 s, on every replica: renews the lease of each plan running here, so no other replica
   * takes over a plan, however long it runs, while its replica is alive.
   */
  @Scheduled(fixedDelayString = "${digicell.member.reorganisation.heartbeat-every:PT20S}")
  @EveryReplica("each replica renews the leases of the plans it runs itself")
  public void heartbeat() {
    if (!inProgress.isEmpty()) {
      beat(List.copyOf(inProgress));
    }
  }

  private void beat(List<String> planIds) {
    for (String planId : planIds) {
      if (!leases.renew(planId, unfinished(), new Update())) {
        log.warn("plan {} is no longer this replica's to run: its lease was taken over", planId);
      }
    }
  }

  private static Criteria unfinished() {
    return Criteria.where("state").is(Reorganisation.State.RUNNING);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    workers.shutdownNow();
  }

  /** Completes plans a crash left running (their lease ran out; not running here). */
  @Scheduled(
      fixedDelayString = "${digicell.member.reorganisation.resume-every:PT5M}",
      initialDelayString = "${digicell.member.reorganisation.resume-every:PT5M}")
  @SchedulerLock(name = "member.reorganisation-resume")
  public void scheduledResume() {
    resumeUnfinished();
  }

  /** Resumes plans left running; for a caller that already runs alone (the job, a test). */
  public int resumeUnfinished() {
    int resumed = 0;
    for (int i = 0; i < 20; i++) {
      Optional<Reorganisation> stale = takeOver(unfinished());
      if (stale.isEmpty()) {
        break;
      }
      Reorganisation plan = stale.get();
      if (!inProgress.contains(plan.id()) && locks.acquire(plan.id(), claim(plan)).isEmpty()) {
        log.info("resuming {} of unit {} (plan {})", plan.kind(), plan.unitId(), plan.id());
        inBackground(plan);
        resumed++;
      }
    }
    return resumed;
  }

  /**
   * One instance takes over a plan among the unfinished {@code which} whose lease ran out (of
   * instances racing for it, one wins) and holds the lease from then on; it is due again if that
   * run stops too. A plan from before leases (no heartbeat) is due once it started longer than the
   * lease ago.
   */
  private Optional<Reorganisation> takeOver(Criteria which) {
    Instant now = clock.instant();
    Criteria leasedOrOld =
        new Criteria()
            .orOperator(
                Criteria.where(Leases.HEARTBEAT).exists(true),
                Criteria.where("startedAt").lt(now.minus(lease)));
    return leases.claimStaleOrUnbeaten(
        new Criteria().andOperator(which, leasedOrOld),
        Sort.unsorted(),
        new Update().set("resumedAt", now));
  }

  private OrgUnit execute(Reorganisation plan) {
    OrgUnit unit = units.get(plan.unitId());
    MemberReassignments.Cause cause =
        new MemberReassignments.Cause(
            plan.kind().name(), plan.effectiveOn(), plan.decisionNumber(), plan.requestedBy());
    OrgUnit result =
        switch (plan.kind()) {
          case MOVE -> relocate(unit, units.get(plan.targetId()), cause);
          case MERGE -> mergeSteps(unit, units.get(plan.targetId()), cause);
          case SPLIT -> splitSteps(unit, plan, cause);
        };
    mongo.save(plan.done(clock.instant()));
    locks.release(plan.id());
    return result;
  }

  /**
   * Moves {@code unit} under {@code parent}: descendants' paths first, then the members' paths,
   * then the unit itself with its event. Each step selects by the old path, so it resumes.
   */
  private OrgUnit relocate(OrgUnit unit, OrgUnit parent, MemberReassignments.Cause cause) {
    if (parent.id().equals(unit.parentId())) {
      return unit; // done by an earlier run
    }
    String oldPath = unit.path();
    String newPath = parent.path() + "/" + unit.code();
    units.rewriteDescendants(
        oldPath, newPath, cause.effectiveOn(), cause.decisionNumber(), cause.by());
    members.rewritePaths(oldPath, newPath, cause);
    members.followAttachments(oldPath, newPath, null, null);
    transfers.followReorganisation(oldPath, newPath, null, null);
    unit.moveUnder(
        parent, cause.reason(), cause.effectiveOn(), cause.decisionNumber(), cause.by(), clock);
    return units.save(unit);
  }

  private OrgUnit mergeSteps(OrgUnit absorbed, OrgUnit survivor, MemberReassignments.Cause cause) {
    if (absorbed.status() == OrgUnitStatus.MERGED) {
      return absorbed;
    }
    long moved =
        members.moveCell(
            absorbed.id(), new MemberReassignments.Target(survivor.id(), survivor.path()), cause);
    // attachments to the absorbed cell and transfers heading to it now go to the survivor
    members.followAttachments(
        absorbed.path(),
        survivor.path(),
        absorbed.id(),
        new MemberReassignments.Target(survivor.id(), survivor.path()));
    transfers.followReorganisation(absorbed.path(), survivor.path(), absorbed.id(), survivor.id());
    long childrenMoved = 0;
    List<OrgUnit> children;
    do {
      // moved children no longer stand under the absorbed unit, so each batch is the next one
      children = units.activeChildren(absorbed.id(), null, CHILD_BATCH);
      for (OrgUnit child : children) {
        relocate(child, survivor, cause);
        childrenMoved++;
      }
    } while (!children.isEmpty());
    absorbed.mergeInto(
        survivor,
        moved,
        childrenMoved,
        cause.effectiveOn(),
        cause.decisionNumber(),
        cause.by(),
        clock);
    return units.save(absorbed);
  }

  private OrgUnit splitSteps(OrgUnit source, Reorganisation plan, MemberReassignments.Cause cause) {
    if (source.status() == OrgUnitStatus.SPLIT) {
      return source;
    }
    List<OrgUnit.SplitPart> done = new ArrayList<>();
    for (Reorganisation.Part part : plan.parts()) {
      OrgUnit created =
          units
              .find(part.orgUnitId())
              .orElseGet(
                  () ->
                      units.save(
                          source.parentId() == null
                              ? OrgUnit.createRoot(
                                  part.orgUnitId(), part.code(), part.name(), source.kind(), clock)
                              : units
                                  .get(source.parentId())
                                  .createChild(
                                      part.orgUnitId(),
                                      part.code(),
                                      part.name(),
                                      source.kind(),
                                      clock)));
      long moved =
          members.moveListed(
              source.id(),
              part.memberIds(),
              new MemberReassignments.Target(created.id(), created.path()),
              cause);
      for (String childId : part.childUnitIds()) {
        OrgUnit child = units.get(childId);
        if (source.id().equals(child.parentId())) {
          relocate(child, created, cause);
        }
      }
      done.add(
          new OrgUnit.SplitPart(
              created.id(), created.code(), created.name(), created.path(), moved));
    }
    source.splitInto(done, cause.effectiveOn(), cause.decisionNumber(), cause.by(), clock);
    return units.save(source);
  }

  private Reorganisation plan(
      Reorganisation.Kind kind,
      OrgUnit unit,
      String targetId,
      List<Reorganisation.Part> parts,
      LocalDate on,
      String decision) {
    Reorganisation plan =
        new Reorganisation(
            UUID.randomUUID().toString(),
            kind,
            unit.id(),
            targetId,
            parts,
            on,
            decision,
            guard.currentUser().username(),
            Reorganisation.State.RUNNING,
            clock.instant(),
            null,
            null,
            // the lease is held from the first moment: no other replica takes a new plan over
            leases.owner(),
            clock.instant());
    return mongo.insert(plan);
  }

  /** A plan for this unit still running: resumed when the request is the same, else refused. */
  private Optional<Reorganisation> running(
      String unitId, Reorganisation.Kind kind, String targetId) {
    Reorganisation plan =
        mongo.findOne(
            Query.query(
                Criteria.where("unitId").is(unitId).and("state").is(Reorganisation.State.RUNNING)),
            Reorganisation.class);
    if (plan == null) {
      return Optional.empty();
    }
    if (plan.kind() != kind || (targetId != null && !targetId.equals(plan.targetId()))) {
      throw ProblemException.conflict(
          "reorganisation-in-progress",
          "A "
              + plan.kind()
              + " of this unit (reorganisation "
              + plan.id()
              + ", started "
              + plan.startedAt()
              + ") is still in progress; send that request again to finish it.");
    }
    return Optional.of(plan);
  }

  private static void requireEachOnce(
      String what, List<String> expected, List<List<String>> parts) {
    Map<String, Integer> seen = new HashMap<>();
    parts.forEach(ids -> ids.forEach(id -> seen.merge(id, 1, Integer::sum)));
    Set<String> known = new HashSet<>(expected);
    Set<String> unknown = new LinkedHashSet<>();
    Set<String> twice = new LinkedHashSet<>();
    seen.forEach(
        (id, n) -> {
          if (!known.contains(id)) {
            unknown.add(id);
          } else if (n > 1) {
            twice.add(id);
          }
        });
    long missing = expected.stream().filter(id -> !seen.containsKey(id)).count();
    if (!unknown.isEmpty() || !twice.isEmpty() || missing > 0) {
      throw ProblemException.ruleViolated(
          "split-assignment-incomplete",
          "Every active "
              + what
              + " of the unit must go to exactly one part: "
              + missing
              + " not assigned"
              + (twice.isEmpty() ? "" : ", assigned twice: " + first(twice))
              + (unknown.isEmpty()
                  ? ""
                  : ", not active " + what + "s of this unit: " + first(unknown))
              + ".");
    }
  }

  private static List<String> first(Set<String> ids) {
    return ids.stream().limit(10).toList();
  }

  private static List<String> listOrEmpty(List<String> ids) {
    return ids == null ? List.of() : List.copyOf(ids);
  }

  private String parentPath(OrgUnit unit) {
    return unit.parentId() == null ? unit.path() : units.get(unit.parentId()).path();
  }

  private void requireFree(String path) {
    if (units.pathTaken(path)) {
      throw ProblemException.conflict(
          "org-unit-exists", "An org unit with path " + path + " already exists.");
    }
  }

  private static void requireActive(OrgUnit unit) {
    if (unit.status() != OrgUnitStatus.ACTIVE) {
      throw ProblemException.ruleViolated(
          "org-unit-not-active", "Unit " + unit.path() + " is " + unit.status() + ".");
    }
  }

  private void requireNotFuture(LocalDate on) {
    if (on.isAfter(LocalDate.now(clock))) {
      throw ProblemException.ruleViolated(
          "decision-in-future", "A decision cannot take effect in the future.");
    }
  }
}
