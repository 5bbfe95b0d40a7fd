package vn.digicell.document.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.digicell.platform.web.ProblemException;

class BoardTest {

  final Clock clock = Clock.systemUTC();

  static Board.SectionContent content(String title, Board.Audience audience, String path) {
    return new Board.SectionContent(
        title, null, audience, path, List.of(new Board.Item(null, "Video", "https://a.vn")));
  }

  @Test
  void codesAreEightBase32CharactersAndDoNotRepeat() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String code = SectionCode.next();
      assertThat(code).matches("[a-z2-7]{8}");
      codes.add(code);
    }
    assertThat(codes).hasSize(10_000);
  }

  @Test
  void aMembersSectionDefaultsToTheBoardsOrgAndStaysInsideIt() {
    Board board = Board.create("Bảng", "/AG/VB", Board.Audience.PUBLIC, clock);
    board.addSection("aaaaaaaa", content("Một", Board.Audience.MEMBERS, null), clock);
    assertThat(board.sections().getFirst().content().audiencePath()).isEqualTo("/AG/VB");
    assertThatThrownBy(
            () ->
                board.addSection(
                    "bbbbbbbb", content("Hai", Board.Audience.MEMBERS, "/AG/XX"), clock))
        .isInstanceOf(ProblemException.class);
    assertThat(board.sections()).hasSize(1);
  }

  @Test
  void anOrderMustNameEverySectionOnce() {
    Board board = Board.create("Bảng", "/AG/VB", Board.Audience.PUBLIC, clock);
    board.addSection("aaaaaaaa", content("Một", Board.Audience.PUBLIC, null), clock);
    board.addSection("bbbbbbbb", content("Hai", Board.Audience.PUBLIC, null), clock);
    assertThatThrownBy(() -> board.reorder(List.of("aaaaaaaa", "aaaaaaaa"), clock))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> board.reorder(List.of("bbbbbbbb"), clock))
        .isInstanceOf(ProblemException.class);
    board.reorder(List.of("bbbbbbbb", "aaaaaaaa"), clock);
    assertThat(board.sections())
        .extracting(Board.Section::code)
        .containsExactly("bbbbbbbb", "aaaaaaaa");
  }

  @Test
  void anUnchangedSectionRecordsNothing() {
    Board board = Board.create("Bảng", "/AG/VB", Board.Audience.PUBLIC, clock);
    board.addSection("aaaaaaaa", content("Một", Board.Audience.PUBLIC, null), clock);
    int recorded = board.pendingEvents().size();
    board.changeSection("aaaaaaaa", content("Một", Board.Audience.PUBLIC, null), clock);
    assertThat(board.pendingEvents()).hasSize(recorded);
    board.changeSection("aaaaaaaa", content("Một!", Board.Audience.PUBLIC, null), clock);
    assertThat(board.pendingEvents()).hasSize(recorded + 1);
    assertThat(board.sections().getFirst().code()).isEqualTo("aaaaaaaa");
  }
}
