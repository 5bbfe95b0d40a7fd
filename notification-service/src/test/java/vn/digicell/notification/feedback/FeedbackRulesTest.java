package vn.digicell.notification.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import vn.digicell.platform.web.ProblemException;

class FeedbackRulesTest {

  static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Duration ESCALATE = Duration.ofDays(30);

  static Feedback fromCell(String path) {
    return Feedback.submit(
        Feedback.Category.LAND,
        "text",
        "Ấp Tây",
        false,
        "m1",
        "Nguyễn Thị Hoa",
        false,
        path,
        ESCALATE,
        CLOCK);
  }

  static Clock at(Duration later) {
    return Clock.fixed(NOW.plus(later), ZoneOffset.UTC);
  }

  @Test
  void itGoesToTheCommitteeOneLevelUpAndEscalatesUntilTheTop() {
    Feedback f = fromCell("/AG/VB/C07");
    assertThat(f.routedTo()).isEqualTo("/AG/VB");
    // the deadline the item shows is the one it escalates by
    assertThat(f.escalateAt()).isEqualTo(f.resolveBy()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    assertThat(f.escalate(ESCALATE, at(Duration.ofDays(29)))).isFalse();
    assertThat(f.escalate(ESCALATE, at(Duration.ofDays(30)))).isTrue();
    assertThat(f.routedTo()).isEqualTo("/AG");
    assertThat(f.status()).isEqualTo(Feedback.Status.RECEIVED);
    // the province gets the same time again, shown; the top never escalates further
    assertThat(f.resolveBy()).isEqualTo(NOW.plus(Duration.ofDays(60)));
    assertThat(f.escalateAt()).isNull();
    assertThat(f.escalate(ESCALATE, at(Duration.ofDays(90)))).isFalse();
    assertThat(f.escalations()).hasSize(1);
  }

  @Test
  void anAssignedItemStillEscalatesAndLosesItsAssigneeButAStartedOneDoesNot() {
    Feedback assigned = fromCell("/AG/VB/C07");
    assigned.assign(new Feedback.Assignee("Chị Lan", null), CLOCK);
    assertThat(assigned.escalate(ESCALATE, at(Duration.ofDays(31)))).isTrue();
    assertThat(assigned.assignee()).isNull();

    Feedback started = fromCell("/AG/VB/C07");
    started.assign(new Feedback.Assignee("Chị Lan", null), CLOCK);
    started.start(CLOCK);
    assertThat(started.escalate(ESCALATE, at(Duration.ofDays(60)))).isFalse();
  }

  @Test
  void theWorkflowRefusesStepsOutOfOrder() {
    Feedback f = fromCell("/AG/VB/C07");
    assertThatThrownBy(() -> f.start(CLOCK)).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> f.resolve("x", "c", CLOCK)).isInstanceOf(ProblemException.class);
    f.assign(new Feedback.Assignee("A", null), CLOCK);
    f.start(CLOCK);
    f.resolve("Đã xử lý", "commune", at(Duration.ofHours(5)));
    assertThat(f.status()).isEqualTo(Feedback.Status.RESOLVED);
    assertThatThrownBy(() -> f.decline("x", "c", CLOCK)).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> f.respond("x", "c", CLOCK)).isInstanceOf(ProblemException.class);
    assertThat(f.pendingEvents())
        .extracting(e -> e.type())
        .containsExactly(
            Feedback.SUBMITTED, Feedback.ASSIGNED, Feedback.STARTED, Feedback.RESOLVED);
    assertThat(f.pendingEvents().get(3).payload()).contains("\"secondsOpen\":18000");
  }

  @Test
  void aTopLevelUnitsFeedbackStaysWithItsOwnCommittee() {
    Feedback f = fromCell("/AG");
    assertThat(f.routedTo()).isEqualTo("/AG");
    assertThat(f.escalateAt()).isNull();
  }
}
