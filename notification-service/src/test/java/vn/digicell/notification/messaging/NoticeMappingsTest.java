package vn.digicell.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.digicell.notification.notice.NoticeRequest;
import vn.digicell.notification.recipient.MeetingEntry;
import vn.digicell.notification.recipient.Recipient;

class NoticeMappingsTest {

  static Recipient member(String id) {
    return new Recipient(id, "Đảng viên " + id, "/AG/VB/C07", "cell-7", "OFFICIAL", "vi");
  }

  static final MeetingEntry MEETING =
      new MeetingEntry(
          "m-1",
          "cell-7",
          "/AG/VB/C07",
          "REGULAR",
          "IN_PERSON",
          "Sinh hoạt chi bộ tháng 11",
          Instant.parse("2026-11-25T12:30:00Z"),
          "Hội trường ấp 3",
          null,
          List.of("d-1", "d-2"),
          "SCHEDULED");

  @Test
  void aMeetingGoesToEveryInviteeWithTimeInVietnamAndThePlace() {
    List<NoticeRequest> out =
        NoticeMappings.meeting(
            "meeting.scheduled", "ev-1", MEETING, List.of(member("a"), member("b")), Map.of());
    assertThat(out).extracting(NoticeRequest::recipientMemberId).containsExactly("a", "b");
    NoticeRequest first = out.get(0);
    assertThat(first.kind()).isEqualTo("MEETING");
    assertThat(first.templateKey()).isEqualTo("meeting.scheduled");
    assertThat(first.args())
        .containsEntry("when", "19:30 25/11/2026")
        .containsEntry("place", "Hội trường ấp 3")
        .containsEntry("title", "Sinh hoạt chi bộ tháng 11");
    assertThat(first.link()).isEqualTo("/#/meeting/m-1");
    assertThat(first.noticeId()).isNotEqualTo(out.get(1).noticeId());
    // the same event and recipient always give the same notice id
    assertThat(first.noticeId())
        .isEqualTo(
            NoticeMappings.meeting(
                    "meeting.scheduled", "ev-1", MEETING, List.of(member("a")), Map.of())
                .get(0)
                .noticeId());
  }

  @Test
  void anOnlineMeetingsPlaceIsItsLink() {
    MeetingEntry online =
        new MeetingEntry(
            "m-2",
            "c",
            "/AG",
            "REGULAR",
            "ONLINE",
            "T",
            MEETING.startsAt(),
            "Hall",
            "https://meet.example/x",
            List.of(),
            "SCHEDULED");
    assertThat(NoticeMappings.meetingArgs(online)).containsEntry("place", "https://meet.example/x");
  }

  @Test
  void theDocumentsReminderSkipsInviteesWhoOpenedEverything() {
    List<NoticeRequest> out =
        NoticeMappings.documentsReminder(
            "ev-2",
            MEETING,
            List.of(member("a"), member("b"), member("c")),
            Map.of("a", 2, "c", 1));
    assertThat(out).extracting(NoticeRequest::recipientMemberId).containsExactly("a", "c");
    assertThat(out.get(0).args()).containsEntry("count", "2");
    assertThat(out.get(0).kind()).isEqualTo("DOCUMENT");
    assertThat(out.get(0).templateKey()).isEqualTo("meeting.documents-unread");
  }

  @Test
  void aTransferStepGoesToTheMemberAndTheOfficialsOfBothSidesOnce() {
    NoticeMappings.TransferStep step =
        new NoticeMappings.TransferStep(
            "approved", "t-1", "m", "OFFICIAL", "/AG/VB/C07", "/AG/LX/C02", "2026-12-01");
    assertThat(NoticeMappings.transferOfficialPaths(step))
        .containsExactly("/AG/VB/C07", "/AG/LX/C02", "/AG/VB", "/AG/LX");
    List<NoticeRequest> out =
        NoticeMappings.transfer(
            "ev-3",
            step,
            "Nguyễn Văn An",
            "Chi bộ 7",
            "Chi bộ 2",
            List.of(member("sec-from"), member("sec-to"), member("sec-from"), member("m")));
    assertThat(out)
        .extracting(NoticeRequest::recipientMemberId)
        .containsExactly("m", "sec-from", "sec-to");
    assertThat(out.get(0).templateKey()).isEqualTo("transfer.approved");
    assertThat(out.get(1).templateKey()).isEqualTo("transfer.approved.officials");
    assertThat(out.get(1).args())
        .containsEntry("memberName", "Nguyễn Văn An")
        .containsEntry("from", "Chi bộ 7")
        .containsEntry("to", "Chi bộ 2");
    assertThat(out).allMatch(r -> r.kind().equals("TRANSFER"));
    // the member follows the transfer on their record, the officials in their inbox
    assertThat(out)
        .allMatch(
            r -> r.link().equals(r.recipientMemberId().equals("m") ? "/#/profile" : "/#/notices"));
  }

  @Test
  void aPositionIsWordedPerClassification() {
    NoticeRequest r =
        NoticeMappings.position("ev-4", "m", "/AG/VB/C07", "CELL_SECRETARY", "Chi bộ 7");
    assertThat(r.templateKey()).isEqualTo("position.cell-secretary");
    assertThat(r.kind()).isEqualTo("POSITION");
    assertThat(r.recipientMemberId()).isEqualTo("m");
    assertThat(r.args()).containsEntry("unit", "Chi bộ 7");
  }

  @Test
  void sealedMinutesGoToTheWholeCellAndAlertsToTheCommittee() {
    List<NoticeRequest> minutes =
        NoticeMappings.minutesSealed(
            "ev-5", "m-1", "/AG/VB/C07", "Họp", List.of(member("a"), member("b")));
    assertThat(minutes).hasSize(2).allMatch(r -> r.kind().equals("MINUTES"));
    assertThat(minutes.get(0).link()).isEqualTo("/#/minutes/m-1");

    List<NoticeRequest> alerts =
        NoticeMappings.alert(
            "ev-6", "alert.absence", "/AG/VB/C07", Map.of("count", "3"), List.of(member("k1")));
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo("ALERT");
              assertThat(a.recipientMemberId()).isEqualTo("k1");
              assertThat(a.args()).containsEntry("count", "3");
            });
    assertThat(NoticeMappings.parentOf("/AG/VB/C07")).isEqualTo("/AG/VB");
  }
}
