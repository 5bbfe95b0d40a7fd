package vn.digicell.member.orgunit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;
import vn.digicell.platform.web.ProblemException;

/**
 * A node of the org tree. Its materialised path ({@code /AG/VB/C07}) makes "everything under X" a
 * prefix query; the path is unique among units.
 */
@Document("org_units")
public class OrgUnit extends AggregateRoot {

  static final String CREATED = "vn.digicell.orgunit.created.v1";

  @Id private final String id;
  private final String code;
  private String name;
  private final OrgUnitKind kind;
  private final String parentId;

  @Indexed(unique = true)
  private final String path;

  private OrgUnitStatus status;
  private final Instant createdAt;

  /** Every name and status the unit has had, from when: the tree as of a past date. */
  private final List<Change> changes;

  @Version private Long version;

  @PersistenceCreator
  OrgUnit(
      String id,
      String code,
      String name,
      OrgUnitKind kind,
      String parentId,
      String path,
      OrgUnitStatus status,
      Instant createdAt,
      List<Change> changes) {
    this.id = id;
    this.code = code;
    this.name = name;
    this.kind = kind;
    this.parentId = parentId;
    this.path = path;
    this.status = status;
    this.createdAt = createdAt;
    this.changes = changes == null ? new ArrayList<>() : new ArrayList<>(changes);
  }

  /** A new top-level unit (a province). */
  static OrgUnit createRoot(String code, String name, OrgUnitKind kind, Clock clock) {
    if (kind != OrgUnitKind.PROVINCE) {
      throw ProblemException.ruleViolated(
          "parent-required", "Only a province can stand without a parent unit.");
    }
    return created(code, name, kind, null, "/" + code, clock);
  }

  /** A new unit under this one. */
  OrgUnit createChild(String childCode, String childName, OrgUnitKind childKind, Clock clock) {
    if (status != OrgUnitStatus.ACTIVE) {
      throw ProblemException.ruleViolated(
          "parent-not-active", "Unit " + path + " is " + status + "; nothing can be added to it.");
    }
    if (!kind.children().contains(childKind)) {
      throw ProblemException.ruleViolated(
          "kind-not-allowed-here", "A " + childKind + " cannot be placed under a " + kind + ".");
    }
    return created(childCode, childName, childKind, id, path + "/" + childCode, clock);
  }

  private static OrgUnit created(
      String code, String name, OrgUnitKind kind, String parentId, String path, Clock clock) {
    OrgUnit unit =
        new OrgUnit(
            UUID.randomUUID().toString(),
            code,
            name,
            kind,
            parentId,
            path,
            OrgUnitStatus.ACTIVE,
            Instant.now(clock),
            List.of(
                new Change(
                    LocalDate.now(clock), name, OrgUnitStatus.ACTIVE, "created", null, null)));
    unit.record(
        CREATED, new OrgUnitCreated(unit.id, code, name, kind.name(), parentId, path), clock);
    return unit;
  }

  static final String RENAMED = "vn.digicell.orgunit.renamed.v1";
  static final String DISSOLVED = "vn.digicell.orgunit.dissolved.v1";

  /** One dated change of name or status, with its decision and who recorded it. */
  public record Change(
      LocalDate effectiveOn,
      String name,
      OrgUnitStatus status,
      String what,
      String decisionNumber,
      String recordedBy) {}

  void rename(
      String newName, LocalDate effectiveOn, String decisionNumber, String by, Clock clock) {
    requireActive("renamed");
    String previous = name;
    name = newName.strip();
    changes.add(new Change(effectiveOn, name, status, "renamed", decisionNumber, by));
    record(RENAMED, new OrgUnitRenamed(id, path, previous, name, effectiveOn), clock);
  }

  /** Dissolves an empty unit; the caller has checked it has no active members or children. */
  void dissolve(LocalDate effectiveOn, String decisionNumber, String by, Clock clock) {
    requireActive("dissolved");
    status = OrgUnitStatus.DISSOLVED;
    changes.add(new Change(effectiveOn, name, status, "dissolved", decisionNumber, by));
    record(DISSOLVED, new OrgUnitDissolved(id, path, effectiveOn, decisionNumber), clock);
  }

  /** The name and status the unit had on {@code date}, if it existed then. */
  public java.util.Optional<Change> asOf(LocalDate date) {
    Change found = null;
    for (Change c : changes) {
      if (!c.effectiveOn().isAfter(date)) {
        found = c;
      }
    }
    return java.util.Optional.ofNullable(found);
  }

  public List<Change> changes() {
    return List.copyOf(changes);
  }

  private void requireActive(String what) {
    if (status != OrgUnitStatus.ACTIVE) {
      throw ProblemException.ruleViolated(
          "org-unit-not-active", "Unit " + path + " is " + status + " and cannot be " + what + ".");
    }
  }

  /** Payload of {@code vn.digicell.orgunit.renamed.v1}. */
  record OrgUnitRenamed(
      String orgUnitId, String path, String previousName, String name, LocalDate effectiveOn) {}

  /** Payload of {@code vn.digicell.orgunit.dissolved.v1}. */
  record OrgUnitDissolved(
      String orgUnitId, String path, LocalDate effectiveOn, String decisionNumber) {}

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return path;
  }

  public String code() {
    return code;
  }

  public String name() {
    return name;
  }

  public OrgUnitKind kind() {
    return kind;
  }

  public String parentId() {
    return parentId;
  }

  public String path() {
    return path;
  }

  public OrgUnitStatus status() {
    return status;
  }

  public boolean isActiveCell() {
    return kind == OrgUnitKind.CELL && status == OrgUnitStatus.ACTIVE;
  }

  /** Payload of {@code vn.digicell.orgunit.created.v1}. */
  record OrgUnitCreated(
      String orgUnitId, String code, String name, String kind, String parentId, String path) {}
}
