package vn.digicell.member.member;

/**
 * A member's political theory level (trình độ lý luận chính trị), as party records grade it. The
 * codes are what the API, the import and the statistics use; the labels are what people read.
 */
public enum PoliticalTheoryLevel {
  CAO_CAP("Cao cấp"),
  CU_NHAN("Cử nhân"),
  TRUNG_CAP("Trung cấp"),
  SO_CAP("Sơ cấp"),
  NONE("Chưa qua đào tạo");

  /** The codes, as a pattern the request validation and the import share. */
  public static final String CODES = "CAO_CAP|CU_NHAN|TRUNG_CAP|SO_CAP|NONE";

  public final String label;

  PoliticalTheoryLevel(String label) {
    this.label = label;
  }
}
