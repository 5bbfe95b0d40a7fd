package vn.digicell.meeting.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.digicell.platform.web.ProblemException;

class MeetingRulesTest {

  static final Instant NOW = Instant.parse("2026-11-20T01:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static Meeting startedMeeting(MeetingKind kind, List<Meeting.Invitee> invitees) {
    Meeting meeting =
        Meeting.schedule(
            "cell-1",
            "/AG/VB/C07",
            new Meeting.Plan(
                kind,
                MeetingMode.IN_PERSON,
                "Sinh hoạt chi bộ tháng 11",
                NOW.plus(Duration.ofHours(1)),
                "Nhà văn hoá ấp 7",
                null,
                List.of()),
            CLOCK);
    meeting.start(invitees, CLOCK);
    return meeting;
  }

  /** {@code official} official members, one exempted, one probationary, one attached. */
  static List<Meeting.Invitee> roster(int official) {
    List<Meeting.Invitee> invitees = new ArrayList<>();
    for (int i = 0; i < official; i++) {
      invitees.add(new Meeting.Invitee("o" + i, "Đảng viên " + i, "OFFICIAL", false));
    }
    invitees.add(new Meeting.Invitee("ex", "Cụ Ba", "EXEMPTED", false));
    invitees.add(new Meeting.Invitee("pr", "Dự bị", "PROBATIONARY", false));
    invitees.add(new Meeting.Invitee("tmp", "Tạm thời", "OFFICIAL", true));
    return invitees;
  }

  static void attend(Meeting meeting, String... ids) {
    for (String id : ids) {
      meeting.recordAttendance(id, Attendance.PRESENT, null, CLOCK);
    }
  }

  @Test
  void moreThanTwoThirdsOfOfficialMembersNotExemptedIsAQuorum() {
    Meeting meeting = startedMeeting(MeetingKind.REGULAR, roster(9));
    // 6 of 9 is exactly two thirds: not more than two thirds
    attend(meeting, "o0", "o1", "o2", "o3", "o4", "o5", "ex", "pr", "tmp");
    Meeting.Quorum quorum = meeting.quorum(MeetingRules.defaults());
    assertThat(quorum.base()).isEqualTo(9);
    assertThat(quorum.attending()).isEqualTo(6);
    assertThat(quorum.required()).isEqualTo(7);
    assertThat(quorum.reached()).isFalse();

    meeting.recordAttendance("o6", Attendance.LATE, null, CLOCK);
    assertThat(meeting.quorum(MeetingRules.defaults()).reached()).isTrue();
  }

  @Test
  void quorumIsConfigurablePerMeetingKind() {
    MeetingRules rules = new MeetingRules(Map.of(MeetingKind.THEMATIC, "1/2"), null, null);
    Meeting thematic = startedMeeting(MeetingKind.THEMATIC, roster(4));
    attend(thematic, "o0", "o1", "o2");
    assertThat(thematic.quorum(rules).reached()).isTrue();
    Meeting regular = startedMeeting(MeetingKind.REGULAR, roster(4));
    attend(regular, "o0", "o1");
    assertThat(regular.quorum(rules).reached()).isFalse();
  }

  @Test
  void closingMarksTheUnrecordedAbsentWithoutReasonAndRecordsTheQuorum() {
    Meeting meeting = startedMeeting(MeetingKind.REGULAR, roster(3));
    attend(meeting, "o0", "o1");
    meeting.recordAttendance("o2", Attendance.ABSENT_WITH_REASON, "Ốm", CLOCK);
    meeting.close(MeetingRules.defaults(), CLOCK);
    assertThat(meeting.status()).isEqualTo(MeetingStatus.CLOSED);
    assertThat(meeting.quorumReached()).isFalse();
    assertThat(meeting.findParticipant("pr").orElseThrow().attendance())
        .isEqualTo(Attendance.ABSENT_WITHOUT_REASON);
    assertThat(meeting.pendingEvents().getLast().type()).isEqualTo(Meeting.CLOSED);
  }

  @Test
  void onlyOfficialMembersOfTheCellWhoArePresentMayVote() {
    Meeting meeting = startedMeeting(MeetingKind.REGULAR, roster(2));
    attend(meeting, "o0", "ex", "pr", "tmp");
    assertThat(meeting.findParticipant("o0").orElseThrow().mayVote()).isTrue();
    assertThat(meeting.findParticipant("ex").orElseThrow().mayVote()).isTrue();
    assertThat(meeting.findParticipant("o1").orElseThrow().mayVote()).isFalse();
    assertThat(meeting.findParticipant("pr").orElseThrow().mayVote()).isFalse();
    assertThat(meeting.findParticipant("tmp").orElseThrow().mayVote()).isFalse();
  }

  @Test
  void anAbsenceWithAReasonNeedsTheReason() {
    Meeting meeting = startedMeeting(MeetingKind.REGULAR, roster(1));
    assertThatThrownBy(
            () -> meeting.recordAttendance("o0", Attendance.ABSENT_WITH_REASON, " ", CLOCK))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("reason");
  }

  @Test
  void aCheckInAfterTheGracePeriodIsLate() {
    Meeting meeting = startedMeeting(MeetingKind.REGULAR, roster(2));
    Clock onTime = Clock.fixed(NOW.plus(Duration.ofMinutes(70)), ZoneOffset.UTC);
    Clock late = Clock.fixed(NOW.plus(Duration.ofMinutes(80)), ZoneOffset.UTC);
    assertThat(meeting.checkIn("o0", "QR", MeetingRules.defaults(), onTime))
        .isEqualTo(Attendance.PRESENT);
    assertThat(meeting.checkIn("o1", "QR", MeetingRules.defaults(), late))
        .isEqualTo(Attendance.LATE);
  }

  @Test
  void aClosedMeetingCannotBeStartedOrCancelled() {
    Meeting meeting = startedMeeting(MeetingKind.REGULAR, roster(1));
    meeting.close(MeetingRules.defaults(), CLOCK);
    assertThatThrownBy(() -> meeting.cancel("x", CLOCK))
        .isInstanceOf(ProblemException.class)
        .extracting(e -> ((ProblemException) e).type())
        .isEqualTo("meeting-closed");
    assertThatThrownBy(() -> meeting.start(List.of(), CLOCK)).isInstanceOf(ProblemException.class);
  }

  @Test
  void remindersGoOutOncePerScheduleAndAgainAfterARescheduling() {
    java.time.ZoneId vietnam = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
    Duration ahead = Duration.ofDays(3);
    // scheduled for 2026-11-25 09:00 Vietnam time
    Instant start = Instant.parse("2026-11-25T02:00:00Z");
    Meeting meeting =
        Meeting.schedule(
            "cell-1",
            "/AG/VB/C07",
            new Meeting.Plan(
                MeetingKind.REGULAR,
                MeetingMode.IN_PERSON,
                "Sinh hoạt",
                start,
                "Hội trường",
                null,
                List.of(new Meeting.NewAgendaItem("Nghị quyết", List.of("doc-1")))),
            CLOCK);
    Clock fiveDaysBefore = Clock.fixed(start.minus(Duration.ofDays(5)), ZoneOffset.UTC);
    assertThat(meeting.remindIfDue(ahead, vietnam, fiveDaysBefore)).isFalse();
    Clock threeDaysBefore = Clock.fixed(start.minus(ahead), ZoneOffset.UTC);
    assertThat(meeting.remindIfDue(ahead, vietnam, threeDaysBefore)).isTrue();
    assertThat(meeting.remindIfDue(ahead, vietnam, threeDaysBefore)).isFalse();
    // 00:30 on the day in Vietnam is still the previous day in UTC
    Clock earlyOnTheDay = Clock.fixed(Instant.parse("2026-11-24T17:30:00Z"), ZoneOffset.UTC);
    assertThat(meeting.remindIfDue(ahead, vietnam, earlyOnTheDay)).isTrue();
    assertThat(meeting.remindIfDue(ahead, vietnam, earlyOnTheDay)).isFalse();
    assertThat(
            meeting.pendingEvents().stream()
                .filter(e -> e.type().equals(Meeting.REMINDER_DUE))
                .map(e -> e.payload()))
        .hasSize(2)
        .first()
        .asString()
        .contains("\"reminder\":\"DOCUMENTS\"", "doc-1");

    meeting.reschedule(start.plus(Duration.ofDays(7)), "Bão", earlyOnTheDay);
    assertThat(meeting.remindIfDue(ahead, vietnam, earlyOnTheDay)).isFalse();
    Clock beforeNewDate = Clock.fixed(start.plus(Duration.ofDays(5)), ZoneOffset.UTC);
    assertThat(meeting.remindIfDue(ahead, vietnam, beforeNewDate)).isTrue();
  }
}
