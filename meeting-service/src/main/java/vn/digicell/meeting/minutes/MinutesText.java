package vn.digicell.meeting.minutes;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.digicell.meeting.meeting.AgendaItem;
import vn.digicell.meeting.meeting.Attendance;
import vn.digicell.meeting.meeting.Meeting;
import vn.digicell.meeting.meeting.Opinion;
import vn.digicell.meeting.meeting.Participant;
import vn.digicell.meeting.meeting.Resolution;
import vn.digicell.meeting.vote.Motion;

/** The Vietnamese text of a meeting's minutes, and the canonical form officers sign. */
final class MinutesText {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH 'giờ' mm");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private MinutesText() {}

  /**
   * The exact text that is signed: line endings as {@code \n}, Unicode NFC, no trailing spaces on a
   * line, no blank lines at the end, and one final newline.
   */
  static String canonical(String text) {
    String normalised =
        Normalizer.normalize(text.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC);
    String lines =
        normalised.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    return lines + "\n";
  }

  /** A draft from the meeting's own record: attendance, agenda and opinions, votes, resolutions. */
  static String draft(
      Meeting meeting,
      String cellName,
      String chairMemberId,
      String secretaryName,
      Meeting.Quorum quorum,
      List<Motion> motions) {
    Map<String, Participant> byId =
        meeting.participants().stream()
            .collect(Collectors.toMap(Participant::memberId, Function.identity()));
    Function<String, String> name =
        id ->
            byId.containsKey(id) && byId.get(id).fullName() != null ? byId.get(id).fullName() : id;
    StringBuilder t = new StringBuilder();
    t.append("ĐẢNG CỘNG SẢN VIỆT NAM\n");
    t.append("BIÊN BẢN SINH HOẠT CHI BỘ ")
        .append(cellName.toUpperCase(java.util.Locale.forLanguageTag("vi")));
    t.append("\n\n");
    t.append("Cuộc họp: ").append(meeting.title()).append('\n');
    t.append("Mã cuộc họp: ").append(meeting.id()).append('\n');
    t.append("Loại: ").append(kind(meeting)).append("; hình thức: ").append(mode(meeting));
    t.append('\n');
    t.append("Thời gian: bắt đầu ").append(when(meeting.startedAt()));
    t.append(", kết thúc ").append(when(meeting.closedAt())).append('\n');
    if (meeting.location() != null) {
      t.append("Địa điểm: ").append(meeting.location()).append('\n');
    }
    if (meeting.onlineLink() != null) {
      t.append("Đường dẫn trực tuyến: ").append(meeting.onlineLink()).append('\n');
    }
    t.append("Chủ trì: ").append(name.apply(chairMemberId)).append('\n');
    t.append("Thư ký: ").append(secretaryName).append("\n\n");

    t.append("I. THÀNH PHẦN\n");
    List<Participant> people = meeting.participants();
    t.append("Tổng số đảng viên được triệu tập: ").append(people.size()).append('\n');
    t.append("Có mặt: ").append(count(people, Attendance.PRESENT));
    t.append("; đến muộn: ").append(count(people, Attendance.LATE));
    t.append("; vắng có lý do: ").append(count(people, Attendance.ABSENT_WITH_REASON));
    t.append("; vắng không có lý do: ").append(count(people, Attendance.ABSENT_WITHOUT_REASON));
    t.append('\n');
    t.append("Đảng viên chính thức tính túc số: ")
        .append(quorum.base())
        .append(", tham dự: ")
        .append(quorum.attending())
        .append(" — ")
        .append(quorum.reached() ? "đủ" : "không đủ")
        .append(" số lượng để tiến hành hội nghị.\n");
    section(t, "Có mặt", people, Attendance.PRESENT);
    section(t, "Đến muộn", people, Attendance.LATE);
    section(t, "Vắng có lý do", people, Attendance.ABSENT_WITH_REASON);
    section(t, "Vắng không có lý do", people, Attendance.ABSENT_WITHOUT_REASON);
    t.append('\n');

    t.append("II. NỘI DUNG VÀ Ý KIẾN THẢO LUẬN\n");
    int n = 0;
    for (AgendaItem item : meeting.agenda()) {
      t.append(++n).append(". ").append(item.title()).append('\n');
      for (Opinion o : meeting.opinions()) {
        if (o.agendaItemId().equals(item.itemId())) {
          t.append("   - Đồng chí ").append(name.apply(o.memberId())).append(": ");
          t.append(o.summary()).append('\n');
        }
      }
    }
    if (n == 0) {
      t.append("(Không có nội dung trong chương trình.)\n");
    }
    t.append('\n');

    t.append("III. BIỂU QUYẾT\n");
    n = 0;
    for (Motion motion : motions) {
      t.append(++n).append(". ").append(motion.question());
      t.append(
          motion.ballot() == Motion.BallotKind.SECRET
              ? " (bỏ phiếu kín)"
              : " (biểu quyết công khai)");
      t.append('\n');
      var result = motion.result();
      if (result.isEmpty()) {
        t.append("   Chưa kết thúc biểu quyết.\n");
        continue;
      }
      Motion.Result r = result.get();
      t.append("   Số đảng viên tham gia biểu quyết: ").append(r.voted());
      t.append("/").append(r.majorityBase()).append('\n');
      for (Motion.OptionTally tally : r.tallies()) {
        t.append("   - ").append(tally.option()).append(": ").append(tally.votes());
        t.append(" phiếu\n");
      }
      t.append("   Kết quả: ");
      t.append(
          r.adopted() != null ? "thông qua phương án \"" + r.adopted() + "\"" : "không thông qua");
      t.append('\n');
    }
    if (n == 0) {
      t.append("(Không có biểu quyết.)\n");
    }
    t.append('\n');

    t.append("IV. NGHỊ QUYẾT\n");
    n = 0;
    Map<String, String> questions =
        motions.stream().collect(Collectors.toMap(Motion::id, Motion::question));
    for (Resolution resolution : meeting.resolutions()) {
      t.append(++n).append(". ").append(resolution.text());
      String question = questions.get(resolution.motionId());
      if (question != null) {
        t.append(" (thông qua bằng biểu quyết: ").append(question).append(')');
      }
      t.append('\n');
    }
    if (n == 0) {
      t.append("(Không có nghị quyết.)\n");
    }
    t.append('\n');
    t.append("Hội nghị kết thúc lúc ").append(when(meeting.closedAt())).append(".\n\n");
    t.append("CHỦ TRÌ: ").append(name.apply(chairMemberId)).append('\n');
    t.append("THƯ KÝ: ").append(secretaryName).append('\n');
    return canonical(t.toString());
  }

  private static void section(
      StringBuilder t, String title, List<Participant> people, Attendance attendance) {
    List<Participant> those = people.stream().filter(p -> p.attendance() == attendance).toList();
    if (those.isEmpty()) {
      return;
    }
    t.append(title).append(":\n");
    for (Participant p : those) {
      t.append("   - ").append(p.fullName() != null ? p.fullName() : p.memberId());
      t.append(" (").append(status(p.status())).append(')');
      if (p.absenceReason() != null) {
        t.append(": ").append(p.absenceReason());
      }
      t.append('\n');
    }
  }

  private static long count(List<Participant> people, Attendance attendance) {
    return people.stream().filter(p -> p.attendance() == attendance).count();
  }

  private static String status(String status) {
    return switch (status == null ? "" : status) {
      case "OFFICIAL" -> "chính thức";
      case "PROBATIONARY" -> "dự bị";
      case "EXEMPTED" -> "miễn sinh hoạt";
      default -> status;
    };
  }

  private static String kind(Meeting m) {
    return switch (m.kind()) {
      case REGULAR -> "sinh hoạt thường kỳ";
      case THEMATIC -> "sinh hoạt chuyên đề";
      case EXTRAORDINARY -> "họp bất thường";
      case COMMITTEE -> "họp cấp ủy";
    };
  }

  private static String mode(Meeting m) {
    return switch (m.mode()) {
      case IN_PERSON -> "trực tiếp";
      case ONLINE -> "trực tuyến";
      case HYBRID -> "trực tiếp kết hợp trực tuyến";
    };
  }

  private static String when(Instant instant) {
    if (instant == null) {
      return "—";
    }
    var local = instant.atZone(VIETNAM);
    return TIME.format(local) + " ngày " + DATE.format(local);
  }
}
