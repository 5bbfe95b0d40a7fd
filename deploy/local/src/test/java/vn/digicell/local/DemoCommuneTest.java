package vn.digicell.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoCommuneTest {

  private static List<DemoCommune.Member> allMembers(DemoCommune commune) {
    int count = commune.cells().stream().mapToInt(DemoCommune.Cell::members).sum();
    List<DemoCommune.Member> members = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      members.add(commune.nextMember());
    }
    return members;
  }

  @Test
  void communeHasThirtyThreeCellsIncludingTheHamletsNamedInReports() {
    List<DemoCommune.Cell> cells = new DemoCommune().cells();

    assertThat(cells).hasSize(33);
    assertThat(cells.getFirst().unit().code()).isEqualTo("C01");
    assertThat(cells.getLast().unit().code()).isEqualTo("C33");
    assertThat(cells).allMatch(c -> c.unit().kind().equals("CELL"));
    assertThat(cells.stream().map(c -> c.unit().name()))
        .contains("Chi bộ ấp Cái Nứa", "Chi bộ ấp Hiệp Hòa")
        .anyMatch(name -> name.contains("Trường"));
    assertThat(cells.stream().mapToInt(DemoCommune.Cell::members).sum()).isBetween(1000, 1200);
  }

  @Test
  void citizenIdsFollowTheStructureOfTheLawOnIdentification() {
    Set<String> ids = new HashSet<>();
    for (DemoCommune.Member m : allMembers(new DemoCommune())) {
      String id = m.citizenId();
      assertThat(id).matches("\\d{12}");
      int year = m.dateOfBirth().getYear();
      int expectedDigit = (year >= 2000 ? 2 : 0) + (m.gender().equals("MALE") ? 0 : 1);
      assertThat(id.charAt(3) - '0').as(id).isEqualTo(expectedDigit);
      assertThat(id.substring(4, 6)).isEqualTo("%02d".formatted(year % 100));
      assertThat(ids.add(id)).as("unique " + id).isTrue();
    }
    long anGiang = ids.stream().filter(id -> id.startsWith("089")).count();
    assertThat(anGiang).isGreaterThan(ids.size() * 3L / 4);
  }

  @Test
  void membersAreAdultsWhenAdmittedAndBornBetween1950And2003() {
    for (DemoCommune.Member m : allMembers(new DemoCommune())) {
      assertThat(m.dateOfBirth().getYear()).isBetween(1950, 2003);
      assertThat(m.admittedOn()).isAfterOrEqualTo(m.dateOfBirth().plusYears(18));
      assertThat(m.admittedOn()).isBeforeOrEqualTo(LocalDate.of(2025, 10, 31));
      assertThat(m.phone()).matches("0\\d{9}");
      assertThat(m.fullName().split(" ")).hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void theSameSeedGivesTheSameCommune() {
    assertThat(allMembers(new DemoCommune())).isEqualTo(allMembers(new DemoCommune()));
  }

  @Test
  void asciiFoldsVietnameseIncludingDWithStroke() {
    assertThat(DemoCommune.ascii("Đặng Thị Hường")).isEqualTo("dang thi huong");
  }
}
