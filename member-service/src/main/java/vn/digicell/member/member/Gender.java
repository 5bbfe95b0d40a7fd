package vn.digicell.member.member;

public enum Gender {
  MALE,
  FEMALE
}
