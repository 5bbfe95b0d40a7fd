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
@org.springframework.data.mongodb.core.index.CompoundIndex(
    name = "history_path",
    def = "{'changes.path': 1, '_id': 1}")
public class OrgUnit extends AggregateRoot {

  static final String CREATED = "vn.digicell.orgunit.created.v1";

  @Id private final String id;
  private final String code;
  private String name;
  private final OrgUnitKind kind;
  @Indexed private String parentId;

  @Indexed(unique = true)
  private String path;

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

  /** A new province with an id chosen beforehand (a province split plans its parts' ids). */
  public static OrgUnit createRoot(
      String id, String code, String name, OrgUnitKind kind, Clock clock) {
    if (kind != OrgUnitKind.PROVINCE) {
      throw ProblemException.ruleViolated(
          "parent-required", "Only a province can stand without a parent unit.");
    }
    return created(id, code, name, kind, null, "/" + code, clock);
  }

  /** A new unit under this one. */
  OrgUnit createChild(String childCode, String childName, OrgUnitKind childKind, Clock clock) {
    return createChild(UUID.randomUUID().toString(), childCode, childName, childKind, clock);
  }

  /** A new unit under this one, with an id chosen beforehand (a split plans its parts' ids). */
  public OrgUnit createChild(
      String childId, String childCode, String childName, OrgUnitKind childKind, Clock clock) {
    if (status != OrgUnitStatus.ACTIVE) {
      throw ProblemException.ruleViolated(
          "parent-not-active", "Unit " + path + " is " + status + "; nothing can be added to it.");
    }
    if (!kind.children().contains(childKind)) {
      throw ProblemException.ruleViolated(
          "kind-not-allowed-here", "A " + childKind + " cannot be placed under a " + kind + ".");
    }
    return created(childId, childCode, childName, childKind, id, path + "/" + childCode, clock);
  }

  private static OrgUnit created(
      String code, String name, OrgUnitKind kind, String parentId, String path, Clock clock) {
    return created(UUID.randomUUID().toString(), code, name, kind, parentId, path, clock);
  }

  private static OrgUnit created(
      String id,
      String code,
      String name,
      OrgUnitKind kind,
      String parentId,
      String path,
      Clock clock) {
    OrgUnit unit =
        new OrgUnit(
            id,
            code,
            name,
            kind,
            parentId,
            path,
            OrgUnitStatus.ACTIVE,
            Instant.now(clock),
            List.of(
                new Change(
                    LocalDate.now(clock),
                    name,
                    OrgUnitStatus.ACTIVE,
                    "created",
                    null,
                    null,
                    path,
                    parentId,
                    null,
                    null)));
    unit.record(
        CREATED, new OrgUnitCreated(unit.id, code, name, kind.name(), parentId, path), clock);
    return unit;
  }

  static final String RENAMED = "vn.digicell.orgunit.renamed.v1";
  static final String DISSOLVED = "vn.digicell.orgunit.dissolved.v1";

  static final String MOVED = "vn.digicell.orgunit.moved.v1";
  static final String MERGED = "vn.digicell.orgunit.merged.v1";
  static final String SPLIT = "vn.digicell.orgunit.split.v1";

  /**
   * One dated change of name, status or place in the tree, with its decision and who recorded it.
   * {@code path} and {@code parentId} are where the unit stood from that date ({@code null} on
   * entries written before moves existed: see {@link #asOf}); {@code previousPath} is set on moves;
   * {@code related} names the survivor of a merge or the parts of a split.
   */
  public record Change(
      LocalDate effectiveOn,
      String name,
      OrgUnitStatus status,
      String what,
      String decisionNumber,
      String recordedBy,
      String path,
      String parentId,
      String previousPath,
      String related) {}

  private Change change(String what, LocalDate on, String decision, String by, String related) {
    return new Change(on, name, status, what, decision, by, path, parentId, null, related);
  }

  /** Whether a unit of {@code childKind} may stand directly under this one, now. */
  public void requireCanHold(OrgUnitKind childKind) {
    if (status != OrgUnitStatus.ACTIVE) {
      throw ProblemException.ruleViolated(
          "parent-not-active", "Unit " + path + " is " + status + "; nothing can be added to it.");
    }
    if (!kind.children().contains(childKind)) {
      throw ProblemException.ruleViolated(
          "kind-not-allowed-here", "A " + childKind + " cannot be placed under a " + kind + ".");
    }
  }

  /** Whether {@code other} is this unit or stands somewhere under it. */
  public boolean contains(String otherPath) {
    return otherPath.equals(path) || otherPath.startsWith(path + "/");
  }

  /**
   * Moves the unit (and, by prefix, its subtree: the caller rewrites the descendants) under {@code
   * newParent}; the caller has checked kinds, scope and that the new path is free.
   */
  public void moveUnder(
      OrgUnit newParent,
      String reason,
      LocalDate effectiveOn,
      String decisionNumber,
      String by,
      Clock clock) {
    requireActive("moved");
    newParent.requireCanHold(kind);
    String oldPath = path;
    String oldParent = parentId;
    // entries from before moves existed carry no path: they were all at the old one
    changes.replaceAll(
        c ->
            c.path() != null
                ? c
                : new Change(
                    c.effectiveOn(),
                    c.name(),
                    c.status(),
                    c.what(),
                    c.decisionNumber(),
                    c.recordedBy(),
                    oldPath,
                    oldParent,
                    null,
                    c.related()));
    path = newParent.path() + "/" + code;
    parentId = newParent.id();
    changes.add(
        new Change(
            effectiveOn, name, status, "moved", decisionNumber, by, path, parentId, oldPath, null));
    record(
        MOVED,
        new OrgUnitMoved(
            id, code, oldPath, path, oldParent, parentId, reason, effectiveOn, decisionNumber),
        clock);
  }

  /** Ends the unit as absorbed by {@code survivor}; its members and children have been moved. */
  public void mergeInto(
      OrgUnit survivor,
      long membersMoved,
      long childUnitsMoved,
      LocalDate effectiveOn,
      String decisionNumber,
      String by,
      Clock clock) {
    requireActive("merged");
    status = OrgUnitStatus.MERGED;
    changes.add(
        change("merged into " + survivor.path(), effectiveOn, decisionNumber, by, survivor.id()));
    record(
        MERGED,
        new OrgUnitMerged(
            id,
            path,
            survivor.id(),
            survivor.path(),
            membersMoved,
            childUnitsMoved,
            effectiveOn,
            decisionNumber),
        clock);
  }

  /** One new unit a split created, and how many members went to it. */
  public record SplitPart(String orgUnitId, String code, String name, String path, long members) {}

  /** Ends the unit as split into {@code parts}; its members and children have been moved. */
  public void splitInto(
      List<SplitPart> parts, LocalDate effectiveOn, String decisionNumber, String by, Clock clock) {
    requireActive("split");
    status = OrgUnitStatus.SPLIT;
    changes.add(
        change(
            "split into " + parts.stream().map(SplitPart::path).toList(),
            effectiveOn,
            decisionNumber,
            by,
            String.join(",", parts.stream().map(SplitPart::orgUnitId).toList())));
    record(
        SPLIT, new OrgUnitSplit(id, path, List.copyOf(parts), effectiveOn, decisionNumber), clock);
  }

  /** Payload of {@code vn.digicell.orgunit.moved.v1}. */
  record OrgUnitMoved(
      String orgUnitId,
      String code,
      String oldPath,
      String newPath,
      String oldParentId,
      String newParentId,
      String reason,
      LocalDate effectiveOn,
      String decisionNumber) {}

  /** Payload of {@code vn.digicell.orgunit.merged.v1}. */
  record OrgUnitMerged(
      String orgUnitId,
      String oldPath,
      String survivorId,
      String survivorPath,
      long membersMoved,
      long childUnitsMoved,
      LocalDate effectiveOn,
      String decisionNumber) {}

  /** Payload of {@code vn.digicell.orgunit.split.v1}. */
  record OrgUnitSplit(
      String orgUnitId,
      String path,
      List<SplitPart> parts,
      LocalDate effectiveOn,
      String decisionNumber) {}

  void rename(
      String newName, LocalDate effectiveOn, String decisionNumber, String by, Clock clock) {
    requireActive("renamed");
    String previous = name;
    name = newName.strip();
    changes.add(change("renamed", effectiveOn, decisionNumber, by, null));
    record(RENAMED, new OrgUnitRenamed(id, path, previous, name, effectiveOn), clock);
  }

  /** Dissolves an empty unit; the caller has checked it has no active members or children. */
  void dissolve(LocalDate effectiveOn, String decisionNumber, String by, Clock clock) {
    requireActive("dissolved");
    status = OrgUnitStatus.DISSOLVED;
    changes.add(change("dissolved", effectiveOn, decisionNumber, by, null));
    record(DISSOLVED, new OrgUnitDissolved(id, path, effectiveOn, decisionNumber), clock);
  }

  /**
   * The name, status and place in the tree the unit had on {@code date}, if it existed then. An
   * entry without a path (written before moves existed) stood at the path the next move left, or at
   * today's path when it never moved since.
   */
  public java.util.Optional<Change> asOf(LocalDate date) {
    Change found = null;
    int at = -1;
    for (int i = 0; i < changes.size(); i++) {
      if (!changes.get(i).effectiveOn().isAfter(date)) {
        found = changes.get(i);
        at = i;
      }
    }
    if (found == null || found.path() != null) {
      return java.util.Optional.ofNullable(found);
    }
    String then = path;
    String parentThen = parentId;
    for (int i = at + 1; i < changes.size(); i++) {
      if (changes.get(i).previousPath() != null) {
        then = changes.get(i).previousPath();
        parentThen = null;
        break;
      }
    }
    Change f = found;
    return java.util.Optional.of(
        new Change(
            f.effectiveOn(),
            f.name(),
            f.status(),
            f.what(),
            f.decisionNumber(),
            f.recordedBy(),
            then,
            parentThen,
            null,
            f.related()));
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
