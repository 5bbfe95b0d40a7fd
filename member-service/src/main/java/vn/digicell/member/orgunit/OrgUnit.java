package vn.digicell.member.orgunit;

import java.time.Clock;
import java.time.Instant;
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
  private final String name;
  private final OrgUnitKind kind;
  private final String parentId;

  @Indexed(unique = true)
  private final String path;

  private final OrgUnitStatus status;
  private final Instant createdAt;
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
      Instant createdAt) {
    this.id = id;
    this.code = code;
    this.name = name;
    this.kind = kind;
    this.parentId = parentId;
    this.path = path;
    this.status = status;
    this.createdAt = createdAt;
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
            Instant.now(clock));
    unit.record(
        CREATED, new OrgUnitCreated(unit.id, code, name, kind.name(), parentId, path), clock);
    return unit;
  }

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
