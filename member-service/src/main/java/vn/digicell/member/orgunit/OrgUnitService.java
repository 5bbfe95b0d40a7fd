package vn.digicell.member.orgunit;

import java.time.Clock;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import vn.digicell.member.shared.Roles;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.security.CurrentUser;
import vn.digicell.platform.web.Cursor;
import vn.digicell.platform.web.ProblemException;

/** Shapes the org tree; every change is checked against the caller's org scope. */
@Service
public class OrgUnitService {

  private final OrgUnits units;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final Clock clock;

  OrgUnitService(OrgUnits units, Outbox outbox, AccessGuard guard, Clock clock) {
    this.units = units;
    this.outbox = outbox;
    this.guard = guard;
    this.clock = clock;
  }

  /** Command: create a unit under {@code parentId} (or a province, without a parent). */
  public record CreateOrgUnit(String code, String name, OrgUnitKind kind, String parentId) {}

  public OrgUnit create(CreateOrgUnit command) {
    OrgUnit parent = command.parentId() == null ? null : get(command.parentId());
    // access first, on the path the unit would take: the tree's rules are none of a stranger's
    guard.requireActOn(
        (parent == null ? "" : parent.path()) + "/" + command.code(), Roles.MANAGE_ORG_TREE);
    OrgUnit unit =
        parent == null
            ? OrgUnit.createRoot(command.code(), command.name().strip(), command.kind(), clock)
            : parent.createChild(command.code(), command.name().strip(), command.kind(), clock);
    guard.requireActOn(unit.path(), Roles.MANAGE_ORG_TREE);
    if (units.existsByPath(unit.path())) {
      throw duplicate(unit.path());
    }
    try {
      return outbox.saveAndPublish(unit);
    } catch (DuplicateKeyException e) {
      throw duplicate(unit.path());
    }
  }

  /** Renames a unit (e.g. after the reform); the old name stays in its history. */
  public OrgUnit rename(String id, String name, java.time.LocalDate effectiveOn, String decision) {
    OrgUnit unit = get(id);
    guard.requireActOn(unit.path(), Roles.MANAGE_ORG_TREE);
    requireNotFuture(effectiveOn);
    unit.rename(name, effectiveOn, decision, guard.currentUser().username(), clock);
    return outbox.saveAndPublish(unit);
  }

  /** Dissolves a unit that has no active members and no active units under it. */
  public OrgUnit dissolve(String id, java.time.LocalDate effectiveOn, String decision) {
    OrgUnit unit = get(id);
    guard.requireActOn(unit.path(), Roles.MANAGE_ORG_TREE);
    requireNotFuture(effectiveOn);
    if (units.hasActiveChildren(id) || units.hasActiveMembers(id)) {
      throw ProblemException.ruleViolated(
          "org-unit-not-empty",
          "Unit " + unit.path() + " still has active members or units; move or merge them first.");
    }
    unit.dissolve(effectiveOn, decision, guard.currentUser().username(), clock);
    return outbox.saveAndPublish(unit);
  }

  private void requireNotFuture(java.time.LocalDate effectiveOn) {
    if (effectiveOn.isAfter(java.time.LocalDate.now(clock))) {
      throw ProblemException.ruleViolated(
          "decision-in-future", "A decision cannot take effect in the future.");
    }
  }

  /** Saves a unit changed by a reorganisation (which checked access), publishing its events. */
  public OrgUnit save(OrgUnit unit) {
    return outbox.saveAndPublish(unit);
  }

  /** Whether any unit (in any status) stands at {@code path}. */
  public boolean pathTaken(String path) {
    return units.existsByPath(path);
  }

  public java.util.Optional<OrgUnit> find(String id) {
    return units.findById(id);
  }

  /** Active units directly under a unit, a bounded batch by id after {@code afterId}. */
  public java.util.List<OrgUnit> activeChildren(String parentId, String afterId, int limit) {
    return units.activeChildren(parentId, afterId, limit);
  }

  /** See {@link OrgUnits#rewriteDescendants}; the caller checked access. */
  public long rewriteDescendants(
      String oldPath, String newPath, java.time.LocalDate on, String decision, String by) {
    return units.rewriteDescendants(oldPath, newPath, on, decision, by);
  }

  /** A unit the caller acts for. */
  public OrgUnit read(String id) {
    OrgUnit unit = get(id);
    guard.requireActOn(unit.path());
    return unit;
  }

  /** Units under {@code root} (default: the caller's first scope), a page at a time. */
  public Cursor.Page<OrgUnit> list(String root, String cursor, int size) {
    CurrentUser user = guard.currentUser();
    String from = root;
    if (from == null) {
      from =
          user.pathsWith().stream()
              .findFirst()
              .orElseThrow(
                  () ->
                      ProblemException.ruleViolated(
                          "no-org-scope", "Your account acts for no org unit."));
    }
    guard.requireActOn(from);
    return Cursor.Page.of(
        units.under(from, Cursor.decode(cursor), size + 1), size, u -> u, OrgUnit::path);
  }

  /** A unit as it stood on a date. */
  public record StateOn(OrgUnit unit, OrgUnit.Change state) {}

  /**
   * The tree under {@code root} as it stood on {@code date}: units that existed then and stood at
   * or under {@code root} then (moves, merges and splits taken into account), each with its name,
   * status and path of that day. Keyset paged on id; a page may hold fewer than {@code size} units
   * (candidates that stood elsewhere that day are left out), the cursor tells whether more follow.
   */
  public Cursor.Page<StateOn> treeAsOf(
      String root, java.time.LocalDate date, String cursor, int size) {
    guard.requireActOn(root);
    CurrentUser user = guard.currentUser();
    List<OrgUnit> candidates = units.everUnder(root, Cursor.decode(cursor), size);
    List<StateOn> states = new java.util.ArrayList<>();
    for (OrgUnit u : candidates) {
      // within the caller's grants on that date (where the unit stood then) AND today (where it
      // stands now): a unit that has since left the caller's scope is no longer theirs to see
      u.asOf(date)
          .filter(
              c -> c.path() != null && (c.path().equals(root) || c.path().startsWith(root + "/")))
          .filter(c -> user.holds(c.path()) && user.holds(u.path()))
          .ifPresent(c -> states.add(new StateOn(u, c)));
    }
    states.sort(java.util.Comparator.comparing(s -> s.state().path()));
    String next =
        candidates.size() < size ? null : Cursor.encode(candidates.get(candidates.size() - 1).id());
    return new Cursor.Page<>(states, next);
  }

  /**
   * Refuses (403) unless the caller holds one of {@code roles} on a path covering every root of the
   * tree (every province): for an action on all data of this deployment, e.g. a rebuild.
   */
  public void requireOverWholeTree(String... roles) {
    List<OrgUnit> roots = units.roots();
    if (roots.isEmpty()) {
      guard.requireActOn("/", roles);
    }
    roots.forEach(root -> guard.requireActOn(root.path(), roles));
  }

  /** The unit at a path, without an access check (callers check the subtree). */
  public java.util.Optional<OrgUnit> findByPath(String path) {
    return units.findByPath(path);
  }

  public OrgUnit get(String id) {
    return units
        .findById(id)
        .orElseThrow(
            () ->
                ProblemException.notFound("org-unit-not-found", "No org unit with id " + id + "."));
  }

  private static ProblemException duplicate(String path) {
    return ProblemException.conflict(
        "org-unit-exists", "An org unit with path " + path + " already exists.");
  }
}
