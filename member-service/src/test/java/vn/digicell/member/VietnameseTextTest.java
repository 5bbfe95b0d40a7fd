package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.digicell.member.member.CitizenId;
import vn.digicell.member.member.Gender;
import vn.digicell.member.shared.VietnameseText;

class VietnameseTextTest {

  @Test
  void searchKeysIgnoreDiacriticsCaseAndTheUndecomposableD() {
    assertThat(VietnameseText.searchKey("  Nguyễn Thị  ĐÀO ")).isEqualTo("nguyen thi dao");
    assertThat(VietnameseText.searchKey("Đặng Văn Đức")).isEqualTo("dang van duc");
  }

  @Test
  void namesSortByGivenNameInTheVietnameseAlphabet() {
    List<String> names =
        List.of(
            "Lê Văn Đức", "Trần Thị Dung", "Phạm Văn Ánh", "Ngô Thị Ân", "Vũ Văn An", "Hồ Thị Ẩn");
    List<String> sorted =
        names.stream().sorted(Comparator.comparing(VietnameseText::nameSortKey)).toList();
    // a < ă < â, and within â the tones order ngang < huyền < hỏi < ngã < sắc < nặng;
    // d < đ although đ does not decompose
    assertThat(sorted)
        .containsExactly(
            "Vũ Văn An", "Phạm Văn Ánh", "Ngô Thị Ân", "Hồ Thị Ẩn", "Trần Thị Dung", "Lê Văn Đức");
  }

  @Test
  void citizenIdsAreCheckedAgainstProvinceCenturyGenderAndYear() {
    assertThat(CitizenId.problems("089190004321", LocalDate.of(1990, 4, 12), Gender.FEMALE))
        .isEmpty();
    assertThat(CitizenId.problems("001303001234", LocalDate.of(2003, 1, 1), Gender.FEMALE))
        .isEmpty();
    assertThat(CitizenId.problems("089090004321", LocalDate.of(1990, 4, 12), Gender.FEMALE))
        .singleElement()
        .asString()
        .contains("4th digit must be 1");
    assertThat(CitizenId.problems("089191004321", LocalDate.of(1990, 4, 12), Gender.FEMALE))
        .singleElement()
        .asString()
        .contains("year of birth");
    assertThat(CitizenId.problems("003190004321", LocalDate.of(1990, 4, 12), Gender.FEMALE))
        .singleElement()
        .asString()
        .contains("no province code");
    assertThat(CitizenId.problems("08919000432", LocalDate.of(1990, 4, 12), Gender.FEMALE))
        .containsExactly("must be exactly 12 digits");
  }
}
