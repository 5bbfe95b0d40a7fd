package vn.digicell.member.orgunit;

import java.util.Set;

/** The levels of the org tree (two-level local government: no district level). */
public enum OrgUnitKind {
  PROVINCE,
  COMMUNE,
  GRASSROOTS_COMMITTEE,
  CELL;

  /** Which kinds may sit directly under this one. */
  Set<OrgUnitKind> children() {
    return switch (this) {
      case PROVINCE -> Set.of(COMMUNE, GRASSROOTS_COMMITTEE);
      case COMMUNE -> Set.of(GRASSROOTS_COMMITTEE, CELL);
      case GRASSROOTS_COMMITTEE -> Set.of(CELL);
      case CELL -> Set.of();
    };
  }
}
