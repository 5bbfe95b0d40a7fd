package vn.digicell.notification.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.digicell.platform.web.ProblemException;

class TargetPathsTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);

  @Test
  void targetsCoveredByAnotherTargetAreDroppedOnWholeSegments() {
    assertThat(TargetPaths.minimal(List.of("/AG/VB/C01", "/AG/VB", "/AG/VBX/C01", "/AG/VB")))
        .containsExactly("/AG/VB", "/AG/VBX/C01");
  }

  @Test
  void theBroadcastBelongsToTheDeepestUnitCoveringAllTargets() {
    assertThat(TargetPaths.commonAncestor(List.of("/AG/VB/C01", "/AG/VB/C02"))).isEqualTo("/AG/VB");
    assertThat(TargetPaths.commonAncestor(List.of("/AG/VB/C01"))).isEqualTo("/AG/VB/C01");
    assertThat(TargetPaths.commonAncestor(List.of("/AG/VB", "/AG/VBX"))).isEqualTo("/AG");
    assertThat(TargetPaths.commonAncestor(List.of("/AG/VB", "/HN/BD"))).isEqualTo("/");
  }

  @Test
  void aBroadcastIsSentOnceAndRemindedNoSoonerThanTheInterval() {
    Broadcast task =
        Broadcast.draft(
            Broadcast.Kind.TASK,
            "T",
            "B",
            List.of("/AG/VB/C01", "/AG/VB/C02"),
            List.of(),
            LocalDate.parse("2026-12-01"),
            "commune",
            CLOCK);
    assertThatThrownBy(() -> task.remind(java.time.Duration.ofHours(1), 2, CLOCK))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("still being delivered");
    task.sent(2, CLOCK);
    task.sent(5, CLOCK);
    assertThat(task.recipientCount()).isEqualTo(2);
    assertThat(task.pendingEvents()).hasSize(1);
    assertThat(task.remind(java.time.Duration.ofHours(1), 2, CLOCK)).isEqualTo(1);
    assertThatThrownBy(() -> task.remind(java.time.Duration.ofHours(1), 2, CLOCK))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("reminded at");
    Clock later = Clock.offset(CLOCK, java.time.Duration.ofMinutes(61));
    assertThat(task.remind(java.time.Duration.ofHours(1), 1, later)).isEqualTo(2);
  }

  @Test
  void aDueDateInThePastIsRefused() {
    assertThatThrownBy(
            () ->
                Broadcast.draft(
                    Broadcast.Kind.TASK,
                    "T",
                    "B",
                    List.of("/AG/VB"),
                    null,
                    LocalDate.parse("2026-11-21"),
                    "commune",
                    CLOCK))
        .isInstanceOf(ProblemException.class);
  }
}
