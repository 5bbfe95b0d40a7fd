package vn.digicell.member.member;

/** Where a member stands in party life. */
public enum MemberStatus {
  PROBATIONARY,
  OFFICIAL,
  EXEMPTED,
  TRANSFERRED_OUT,
  REMOVED,
  EXPELLED,
  DECEASED
}
