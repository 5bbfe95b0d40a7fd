package vn.digicell.meeting.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.digicell.meeting.meeting.Fraction;
import vn.digicell.platform.web.ProblemException;

class MotionTest {

  static final Clock CLOCK = Clock.systemUTC();

  static Motion motion(Motion.BallotKind kind, String... options) {
    return Motion.open("m-1", "/AG/VB/C07", "Bầu tổ trưởng", List.of(options), kind, CLOCK);
  }

  @Test
  void aTieAdoptsNothingEvenAboveTheThreshold() {
    Motion motion = motion(Motion.BallotKind.OPEN, "A", "B", "C");
    motion.cast("1", "A");
    motion.cast("2", "A");
    motion.cast("3", "B");
    motion.cast("4", "B");
    motion.close(10, Fraction.parse("1/10"), CLOCK);
    assertThat(motion.result().orElseThrow().adopted()).isNull();
  }

  @Test
  void theMajorityIsMeasuredAgainstTheBaseNotTheVotesCast() {
    Motion motion = motion(Motion.BallotKind.SECRET, "Tán thành", "Không tán thành");
    motion.cast("1", "Tán thành");
    motion.cast("2", "Tán thành");
    motion.close(4, Fraction.parse("1/2"), CLOCK);
    assertThat(motion.result().orElseThrow().adopted()).isNull();

    Motion twoThirds = motion(Motion.BallotKind.SECRET, "Tán thành", "Không tán thành");
    for (String voter : List.of("1", "2", "3")) {
      twoThirds.cast(voter, "Tán thành");
    }
    twoThirds.close(4, Fraction.parse("2/3"), CLOCK);
    assertThat(twoThirds.result().orElseThrow().adopted()).isEqualTo("Tán thành");
  }

  @Test
  void aReceiptIsCheckableOnlyAfterCloseAndOnlyForTheOptionItWasCastFor() {
    Motion motion = motion(Motion.BallotKind.SECRET, "A", "B");
    String receipt = motion.cast("1", "B");
    assertThatThrownBy(() -> motion.optionOfReceipt(receipt)).isInstanceOf(ProblemException.class);
    motion.close(1, Fraction.parse("1/2"), CLOCK);
    assertThat(motion.optionOfReceipt(receipt)).contains("B");
    assertThat(motion.optionOfReceipt(receipt + "x")).isEmpty();
    assertThat(motion.result().orElseThrow().tallies().get(1).receiptHashes())
        .containsExactly(Motion.receiptHash(receipt));
  }

  @Test
  void optionsMustBeAtLeastTwoAndDifferent() {
    assertThatThrownBy(() -> motion(Motion.BallotKind.OPEN, "A"))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> motion(Motion.BallotKind.OPEN, "A", " A"))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void aSecondVoteAndAVoteAfterCloseAreRefused() {
    Motion motion = motion(Motion.BallotKind.OPEN, "A", "B");
    motion.cast("1", "A");
    assertThatThrownBy(() -> motion.cast("1", "B"))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).isEqualTo("already-voted"));
    motion.close(1, Fraction.parse("1/2"), CLOCK);
    assertThatThrownBy(() -> motion.cast("2", "B"))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).isEqualTo("vote-closed"));
  }
}
