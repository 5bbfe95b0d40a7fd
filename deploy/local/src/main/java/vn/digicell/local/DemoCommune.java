package vn.digicell.local;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The demo commune: the party committee of Vĩnh Bình commune (An Giang) with 33 cells and about a
 * thousand members. Everything is drawn from a fixed seed so every developer's data look the same,
 * and shaped like real records: surname shares of the national population, citizen ids with the
 * structure of the Law on Identification (province of birth registration, century/gender digit,
 * birth year, six random digits), admission after the 18th birthday.
 */
final class DemoCommune {

  record OrgUnit(String code, String name, String kind) {}

  record Cell(OrgUnit unit, int members) {}

  /** The request body of {@code POST /api/members}, minus the org unit id known only later. */
  record Member(
      String fullName,
      String gender,
      LocalDate dateOfBirth,
      String citizenId,
      LocalDate admittedOn,
      String phone,
      String email,
      String ethnicity,
      String hometown,
      String zaloId) {

    /** The same person, following the commune's Zalo Official Account with this user id. */
    Member withZaloId(String id) {
      return new Member(
          fullName,
          gender,
          dateOfBirth,
          citizenId,
          admittedOn,
          phone,
          email,
          ethnicity,
          hometown,
          id);
    }
  }

  static final OrgUnit PROVINCE = new OrgUnit("AG", "Đảng bộ tỉnh An Giang", "PROVINCE");
  static final OrgUnit COMMUNE = new OrgUnit("VB", "Đảng bộ xã Vĩnh Bình", "COMMUNE");

  /** The cell whose secretary and one member get demo logins linked to their records. */
  static final String DEMO_CELL = "C07";

  private static final long SEED = 20_250_701L;
  private static final LocalDate DATA_AS_OF = LocalDate.of(2025, 10, 31);
  // about two in five members follow the commune's Zalo Official Account
  private static final double ZALO_SHARE = 0.4;

  // Hamlet cells (the two named in the commune's reports first), then agency and school cells.
  private static final List<String> CELL_NAMES =
      List.of(
          "Chi bộ ấp Cái Nứa",
          "Chi bộ ấp Hiệp Hòa",
          "Chi bộ ấp Vĩnh Lộc",
          "Chi bộ ấp Vĩnh Thành",
          "Chi bộ ấp Vĩnh Phú",
          "Chi bộ ấp Vĩnh Quới",
          "Chi bộ ấp Vĩnh Hiệp",
          "Chi bộ ấp Bình Hòa",
          "Chi bộ ấp Bình Thạnh",
          "Chi bộ ấp Hòa Long",
          "Chi bộ ấp Hòa Bình",
          "Chi bộ ấp Tân Hiệp",
          "Chi bộ ấp Tân Lợi",
          "Chi bộ ấp Phú Hòa",
          "Chi bộ ấp Phú Thạnh",
          "Chi bộ ấp Kênh Đào",
          "Chi bộ ấp Thạnh Lợi",
          "Chi bộ ấp Mỹ Hòa",
          "Chi bộ ấp Trung Bình",
          "Chi bộ ấp An Lợi",
          "Chi bộ ấp Long Hòa",
          "Chi bộ ấp Thới Hòa",
          "Chi bộ ấp Bình An",
          "Chi bộ ấp Vĩnh Trung",
          "Chi bộ Cơ quan Đảng ủy xã",
          "Chi bộ Ủy ban nhân dân xã",
          "Chi bộ Mặt trận Tổ quốc và các đoàn thể xã",
          "Chi bộ Công an xã",
          "Chi bộ Quân sự xã",
          "Chi bộ Trạm Y tế xã",
          "Chi bộ Trường THCS Vĩnh Bình",
          "Chi bộ Trường Tiểu học Vĩnh Bình A",
          "Chi bộ Trường Mầm non Vĩnh Bình");

  // commonSurnamesApproxShare of vn-reference.json, with the southern form where a pair is
  // listed (Huỳnh for Hoàng, Võ for Vũ: An Giang is in the south); the rest share what is left
  private static final Map<String, Double> SURNAMES =
      Map.ofEntries(
          Map.entry("Nguyễn", 0.38),
          Map.entry("Trần", 0.11),
          Map.entry("Lê", 0.095),
          Map.entry("Phạm", 0.071),
          Map.entry("Huỳnh", 0.051),
          Map.entry("Phan", 0.045),
          Map.entry("Võ", 0.039),
          Map.entry("Đặng", 0.021),
          Map.entry("Bùi", 0.02),
          Map.entry("Đỗ", 0.014),
          Map.entry("Hồ", 0.013),
          Map.entry("Ngô", 0.013),
          Map.entry("Dương", 0.01),
          Map.entry("Lý", 0.005));
  private static final List<String> OTHER_SURNAMES =
      List.of("Trương", "Đinh", "Lâm", "Mai", "Châu", "Tô", "Thái", "Lưu", "La", "Quách", "Cao");

  private static final List<String> MALE_MIDDLE =
      List.of("Văn", "Văn", "Văn", "Hữu", "Minh", "Thanh", "Quốc", "Công", "Đức", "Hoàng", "Ngọc");
  private static final List<String> FEMALE_MIDDLE =
      List.of("Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Thu", "Bích", "Hồng");
  private static final List<String> MALE_GIVEN =
      List.of(
          "Hùng", "Dũng", "Tuấn", "Phúc", "Tài", "Lộc", "Hải", "Sơn", "Long", "Nam", "Thắng", "Tâm",
          "Bình", "Khánh", "Trung", "Hiếu", "Nghĩa", "Phong", "Quang", "Toàn", "Vinh", "Thành",
          "Hòa", "Đạt", "Cường", "Kiệt", "Nhân", "Tín", "Danh", "Lợi", "Thuận", "Phát");
  private static final List<String> FEMALE_GIVEN =
      List.of(
          "Lan", "Hoa", "Hương", "Mai", "Hạnh", "Thảo", "Trang", "Nga", "Linh", "Phương", "Yến",
          "Loan", "Hồng", "Tuyết", "Nhung", "Diễm", "Thủy", "Hằng", "Vân", "Ngân", "Trinh", "Xuân",
          "Cúc", "Đào", "Liên", "Oanh");
  // Khmer names in An Giang commonly carry Chau (men) or Néang (women) before the given name
  private static final List<String> KHMER_GIVEN =
      List.of("Sóc Kha", "Sa Ry", "Thi", "Ra Tha", "Sô Phal", "Kim Sang", "Ny", "Sen");

  // province of birth registration: mostly An Giang, some neighbours and people who moved in
  private static final List<String> OTHER_PROVINCES =
      List.of("091", "087", "092", "093", "094", "079", "086", "038", "040", "036", "001");
  private static final Map<String, String> PROVINCE_NAMES =
      Map.ofEntries(
          Map.entry("089", "An Giang"),
          Map.entry("091", "Kiên Giang"),
          Map.entry("087", "Đồng Tháp"),
          Map.entry("092", "Cần Thơ"),
          Map.entry("093", "Hậu Giang"),
          Map.entry("094", "Sóc Trăng"),
          Map.entry("079", "Hồ Chí Minh"),
          Map.entry("086", "Vĩnh Long"),
          Map.entry("038", "Thanh Hóa"),
          Map.entry("040", "Nghệ An"),
          Map.entry("036", "Nam Định"),
          Map.entry("001", "Hà Nội"));
  private static final List<String> MOBILE_PREFIXES =
      List.of(
          "090", "091", "093", "094", "096", "097", "098", "032", "033", "034", "035", "036", "037",
          "038", "039", "070", "076", "077", "078", "079", "081", "082", "083", "084", "085", "086",
          "088", "089");

  private final Random random = new Random(SEED);
  // a stream of its own, so adding Zalo ids left every other generated value as it was
  private final Random zalo = new Random(SEED + 2);
  private final Set<String> citizenIds = new HashSet<>();
  private final Set<String> phones = new HashSet<>();

  /** The 33 cells C01..C33 and how many members each gets (a little over 1,000 in all). */
  List<Cell> cells() {
    Random sizes = new Random(SEED + 1);
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < CELL_NAMES.size(); i++) {
      String name = CELL_NAMES.get(i);
      boolean hamlet = name.startsWith("Chi bộ ấp");
      int members = hamlet ? 30 + sizes.nextInt(17) : 9 + sizes.nextInt(12);
      cells.add(new Cell(new OrgUnit("C%02d".formatted(i + 1), name, "CELL"), members));
    }
    return cells;
  }

  /** The next member, drawn from the seeded sequence. */
  Member nextMember() {
    boolean male = random.nextDouble() < 0.64;
    double ethnic = random.nextDouble();
    String ethnicity =
        ethnic < 0.94 ? "Kinh" : ethnic < 0.975 ? "Khmer" : ethnic < 0.993 ? "Hoa" : "Chăm";
    String fullName = fullName(male, ethnicity);
    LocalDate dob = dateBetween(LocalDate.of(1950, 1, 1), LocalDate.of(2003, 12, 31));
    LocalDate adult = dob.plusYears(18);
    // most people are admitted in their twenties or thirties; never before 18, never in future
    LocalDate earliest = adult.plusDays(random.nextInt(365 * 2));
    LocalDate latest = min(dob.plusYears(45), DATA_AS_OF);
    LocalDate admitted = earliest.isBefore(latest) ? dateBetween(earliest, latest) : latest;
    String province = random.nextDouble() < 0.86 ? "089" : pick(OTHER_PROVINCES);
    String hometown =
        province.equals("089")
            ? pick(
                    List.of(
                        "xã Vĩnh Bình",
                        "xã Vĩnh Bình",
                        "xã Vĩnh Bình",
                        "xã Vĩnh Trạch",
                        "xã Định Mỹ",
                        "phường Long Xuyên"))
                + ", An Giang"
            : PROVINCE_NAMES.get(province);
    String email = random.nextDouble() < 0.35 ? email(fullName, dob) : null;
    return new Member(
        fullName,
        male ? "MALE" : "FEMALE",
        dob,
        citizenId(province, male, dob),
        admitted,
        phone(),
        email,
        ethnicity,
        hometown,
        zalo.nextDouble() < ZALO_SHARE ? zaloId() : null);
  }

  /**
   * A Zalo user id as the commune's Official Account knows its followers: 19 digits. Ids are drawn
   * from their own stream, so they are the same on every start.
   */
  String zaloId() {
    return Long.toString(
        1_000_000_000_000_000_000L + Math.floorMod(zalo.nextLong(), 8_000_000_000_000_000_000L));
  }

  private String fullName(boolean male, String ethnicity) {
    if (ethnicity.equals("Khmer")) {
      return (male ? "Chau " : "Néang ") + pick(KHMER_GIVEN);
    }
    String surname = surname();
    String middle = pick(male ? MALE_MIDDLE : FEMALE_MIDDLE);
    String given = pick(male ? MALE_GIVEN : FEMALE_GIVEN);
    return surname + " " + middle + " " + given;
  }

  private String surname() {
    double r = random.nextDouble();
    double cumulative = 0;
    // iterate in a fixed order: Map.ofEntries has none, and the seed must give the same names
    for (String name :
        List.of(
            "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý")) {
      cumulative += SURNAMES.get(name);
      if (r < cumulative) {
        return name;
      }
    }
    return pick(OTHER_SURNAMES);
  }

  /**
   * 3-digit province + century/gender digit (0/1 male/female born 1900–1999, 2/3 for 2000–2099) +
   * 2-digit birth year + 6 random digits; unique across the demo.
   */
  private String citizenId(String province, boolean male, LocalDate dob) {
    int centuryDigit = (dob.getYear() >= 2000 ? 2 : 0) + (male ? 0 : 1);
    String prefix = province + centuryDigit + "%02d".formatted(dob.getYear() % 100);
    String id;
    do {
      id = prefix + "%06d".formatted(random.nextInt(1_000_000));
    } while (!citizenIds.add(id));
    return id;
  }

  private String phone() {
    String phone;
    do {
      phone = pick(MOBILE_PREFIXES) + "%07d".formatted(random.nextInt(10_000_000));
    } while (!phones.add(phone));
    return phone;
  }

  private String email(String fullName, LocalDate dob) {
    String[] parts = ascii(fullName).split(" ");
    String local =
        parts[parts.length - 1] + "." + parts[0] + (dob.getYear() % 100) + random.nextInt(100);
    return local
        + "@"
        + pick(List.of("gmail.com", "gmail.com", "gmail.com", "yahoo.com", "angiang.gov.vn"));
  }

  /** Lower-case ASCII: strips the tone and vowel marks, and đ, which does not decompose. */
  static String ascii(String text) {
    String stripped = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return stripped.replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT);
  }

  private LocalDate dateBetween(LocalDate from, LocalDate to) {
    long days = to.toEpochDay() - from.toEpochDay();
    return from.plusDays(days <= 0 ? 0 : (long) (random.nextDouble() * days));
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
