package vn.digicell.member.orgunit;

import java.time.Clock;
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
    OrgUnit unit;
    if (command.parentId() == null) {
      unit = OrgUnit.createRoot(command.code(), command.name().strip(), command.kind(), clock);
    } else {
      OrgUnit parent = get(command.parentId());
      unit = parent.createChild(command.code(), command.name().strip(), command.kind(), clock);
    }
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
          user.orgScope().stream()
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
