package vn.digicell.member.orgunit;

/** Units are never deleted: dissolved and merged ones stay, for history. */
public enum OrgUnitStatus {
  ACTIVE,
  MERGED,
  DISSOLVED
}
