package vn.digicell.member.member;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The 12-digit personal identification number (số định danh cá nhân, on the CCCD card): 3 digits of
 * the province where the birth was registered, one digit for century and gender, two for the year
 * of birth, six random. Checked against the date of birth and gender the record claims.
 */
public final class CitizenId {

  /** The 63 pre-2025 province codes used in identification numbers. */
  static final Set<String> PROVINCE_CODES =
      Set.of(
          "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
          "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
          "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
          "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
          "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096");

  private CitizenId() {}

  /** Whether the three digits are a province code of identification numbers. */
  public static boolean isProvinceCode(String digits) {
    return PROVINCE_CODES.contains(digits);
  }

  /** What is wrong with {@code id} for a person of this birth date and gender; empty if fine. */
  public static List<String> problems(String id, LocalDate dateOfBirth, Gender gender) {
    List<String> problems = new ArrayList<>();
    if (id == null || !id.matches("\\d{12}")) {
      problems.add("must be exactly 12 digits");
      return problems;
    }
    if (!PROVINCE_CODES.contains(id.substring(0, 3))) {
      problems.add("starts with " + id.substring(0, 3) + ", which is no province code");
    }
    if (dateOfBirth != null && gender != null) {
      int year = dateOfBirth.getYear();
      int centuryIndex = (year / 100) - 19; // 1900s → 0, 2000s → 1, 2100s → 2, 2200s → 3
      int expectedDigit =
          year >= 1800 && year < 1900
              ? (gender == Gender.MALE ? 8 : 9)
              : centuryIndex * 2 + (gender == Gender.MALE ? 0 : 1);
      if (id.charAt(3) - '0' != expectedDigit) {
        problems.add(
            "4th digit must be "
                + expectedDigit
                + " for a "
                + gender.name().toLowerCase()
                + " born in "
                + year);
      }
      if (!id.substring(4, 6).equals(String.format("%02d", year % 100))) {
        problems.add("5th and 6th digits must be the year of birth, " + year % 100);
      }
    }
    return problems;
  }
}
