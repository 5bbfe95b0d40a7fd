package vn.digicell.member.orgunit;

/** Units are never deleted: dissolved, merged and split ones stay, for history. */
public enum OrgUnitStatus {
  ACTIVE,
  MERGED,
  SPLIT,
  DISSOLVED
}
