package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.test.TestHttp;

/**
 * A party member's whole journey on a phone (360×740), logged in through Keycloak's form, reading
 * Vietnamese at every step: the next meeting with its documents, the meeting pack, a document
 * opened (its read receipt recorded), joining a hybrid meeting online (before the start a message
 * says when the link opens, after it the link opens and the attendance says online), checking in
 * with the venue's QR code, voting and keeping the receipt, reading the sealed minutes, notices
 * that lead to the right pages, a task acknowledged as received and done, feedback sent and
 * followed in "Ý kiến của tôi" with the committee's answer, and the profile with notice
 * preferences. Other people's steps (the secretary starting meetings, opening the vote, signing;
 * the commune sending the task and answering) go through the API.
 */
class MemberJourneyIT {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  @Test
  void aMemberGoesThroughTheirMeetingsNoticesFeedbackAndProfileOnAPhone() {
    PortalFixture cell = new PortalFixture("Chi bộ ấp Hòa Thạnh");
    String s = cell.suffix.toLowerCase();
    PortalFixture.Person secretary =
        cell.official("Nguyễn Văn Hùng", "MALE", "bt" + s, List.of("member", "cell-secretary"));
    PortalFixture.Person member =
        cell.official("Trần Thị Hoa", "FEMALE", "dv" + s, List.of("member"));
    cell.awaitRoster(secretary, member);
    TestHttp gateway = cell.gateway;
    String commune = cell.platform.accessToken("commune");

    String documentTitle = "Hướng dẫn học tập chuyên đề năm " + cell.suffix;
    String documentId = cell.document(secretary, documentTitle);
    String hybridTitle = "Sinh hoạt chi bộ thường kỳ " + cell.suffix;
    JsonNode hybrid = cell.meeting(secretary, hybridTitle, List.of(documentId));
    String hybridId = hybrid.get("id").asString();
    String link = hybrid.get("onlineLink").asString();

    try (PortalBrowser phone = PortalBrowser.phone(E2ePlatform.gatewayUrl())) {
      phone.login(member.username(), PortalFixture.PASSWORD);

      // home: greeted by name as Vietnamese write it; the next meeting and what to read for it
      phone.textIn(By.id("home-title"), "Xin chào đồng chí Trần Thị Hoa");
      phone.textIn(By.cssSelector("#next-meeting .meeting-title"), hybridTitle);
      assertThat(phone.driver.findElement(By.tagName("html")).getDomAttribute("lang"))
          .isEqualTo("vi");
      assertThat(phone.visible(By.cssSelector("#next-meeting")).getText())
          .contains("Buổi sinh hoạt sắp tới")
          .contains("Nhà văn hóa ấp " + cell.suffix)
          .contains("Trực tiếp kết hợp trực tuyến");
      phone.textIn(By.cssSelector("#meeting-documents [data-document]"), documentTitle);
      // before the start: when the link opens, and no button that would answer with an error
      phone.textIn(By.id("join-pending"), "sẽ mở khi buổi sinh hoạt bắt đầu");
      assertThat(phone.all(By.id("join-online"))).isEmpty();
      phone.assertReadable();

      // the meeting pack (what the invitation's QR opens): the agenda with the document
      String pack =
          gateway
              .get("/api/packs?meetingId=" + hybridId, cell.token(secretary))
              .json()
              .get("code")
              .asString();
      phone.open("pack/" + pack);
      phone.textIn(By.cssSelector("#main"), documentTitle);
      assertThat(phone.visible(By.cssSelector("#main")).getText())
          .contains(hybridTitle)
          .contains("Đã lên lịch");
      phone.assertReadable();

      // opening the document from the meeting's page records that she read it
      phone.open("meeting/" + hybridId);
      phone.click(By.cssSelector("#meeting-documents [data-document] a[download]"));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  cell.get("/api/documents/" + documentId + "/read-receipts", secretary)
                      .get("items")
                      .findValuesAsString("memberId")
                      .contains(member.memberId()));

      // the secretary starts the meeting: now the link opens and she is present online
      cell.post("/api/meetings/" + hybridId + "/start", secretary, Map.of());
      phone.open("meeting/" + hybridId);
      phone.textIn(By.cssSelector("#meeting-" + hybridId + " h2"), "Buổi sinh hoạt đang diễn ra");
      phone.click(By.id("join-online"));
      WebElement opened = phone.visible(By.id("online-link"));
      assertThat(opened.getDomAttribute("href")).isEqualTo(link);
      phone.textIn(By.id("my-attendance"), "Có mặt (trực tuyến)");
      phone.assertReadable();
      JsonNode joined = participant(cell.get("/api/meetings/" + hybridId, secretary), member);
      assertThat(joined.get("attendance").asString()).isEqualTo("PRESENT");
      assertThat(joined.get("recordedVia").asString()).isEqualTo("ONLINE");

      // an in-person meeting: she checks in with the venue's QR code
      String inPersonTitle = "Sinh hoạt chuyên đề " + cell.suffix;
      String inPersonId =
          cell.meeting(secretary, inPersonTitle, List.of(), "IN_PERSON").get("id").asString();
      cell.post("/api/meetings/" + inPersonId + "/start", secretary, Map.of());
      String code =
          cell.get("/api/meetings/" + inPersonId + "/check-in-code", secretary)
              .get("code")
              .asString();
      phone.openUrl(E2ePlatform.gatewayUrl() + "/#/check-in/" + code);
      phone.textIn(By.id("check-in-result"), "Có mặt");
      phone.textIn(By.id("my-attendance"), "Có mặt");
      phone.assertReadable();

      // the secretary opens a vote; she votes on her phone and keeps the receipt
      JsonNode motion =
          cell.post(
              "/api/meetings/" + inPersonId + "/motions",
              secretary,
              Map.of(
                  "question",
                  "Thông qua kế hoạch trồng cây xanh của chi bộ",
                  "options",
                  List.of("Tán thành", "Không tán thành"),
                  "ballot",
                  "OPEN"));
      String motionId = motion.get("id").asString();
      phone.open("meeting/" + inPersonId);
      By block = By.cssSelector("[data-motion='" + motionId + "']");
      phone.textIn(block, "Thông qua kế hoạch trồng cây xanh của chi bộ");
      phone.click(
          By.xpath("//*[@data-motion='" + motionId + "']//label[normalize-space()='Tán thành']"));
      phone.click(
          By.xpath(
              "//*[@data-motion='" + motionId + "']//button[normalize-space()='Gửi biểu quyết']"));
      String receipt =
          phone
              .visible(By.cssSelector("[data-motion='" + motionId + "'] .vote-receipt .receipt"))
              .getText()
              .strip();
      assertThat(receipt).isNotBlank();
      phone.assertReadable();

      // the vote closes; her kept receipt proves her vote was counted (results exist only now)
      cell.post("/api/motions/" + motionId + "/close", secretary, Map.of());
      JsonNode check =
          cell.post(
              "/api/motions/" + motionId + "/receipts/check", member, Map.of("receipt", receipt));
      assertThat(check.get("counted").asBoolean()).isTrue();

      // the meeting closes, both sign the minutes, the archive seals them
      cell.post("/api/meetings/" + inPersonId + "/close", secretary, Map.of());
      cell.post(
          "/api/meetings/" + inPersonId + "/minutes",
          secretary,
          Map.of("chairMemberId", member.memberId()));
      cell.signMinutes(inPersonId, secretary, "SECRETARY");
      cell.signMinutes(inPersonId, member, "CHAIR");
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  "SEALED"
                      .equals(
                          cell.get("/api/meetings/" + inPersonId + "/minutes", member)
                              .get("status")
                              .asString()));
      phone.open("minutes/" + inPersonId);
      phone.textIn(By.id("minutes-status"), "Đã ký và lưu trữ");
      phone.textIn(By.id("main"), "Thông qua kế hoạch trồng cây xanh của chi bộ");
      phone.assertReadable();
      // the held meeting's own page says it was held
      phone.open("meeting/" + inPersonId);
      phone.textIn(By.cssSelector("#meeting-" + inPersonId + " h2"), "Buổi sinh hoạt đã diễn ra");
      assertThat(phone.visible(By.id("main")).getText()).doesNotContain("sắp tới");
      phone.assertReadable();

      // the commune gives the cell a task; its notice leads to the task, which she acknowledges
      LocalDate due = LocalDate.now().plusDays(10);
      String taskTitle = "Vận động trồng cây " + cell.suffix;
      Map<String, Object> task = new HashMap<>();
      task.put("kind", "TASK");
      task.put("title", taskTitle);
      task.put("body", "Mỗi đảng viên vận động ít nhất hai hộ trồng cây xanh.");
      task.put("targets", List.of(cell.cellPath));
      task.put("dueOn", due.toString());
      TestHttp.Response sent = gateway.postJson("/api/broadcasts", commune, task);
      assertThat(sent.status()).as(sent.body()).isEqualTo(201);
      String taskId = sent.json().get("id").asString();
      awaitNotice(cell, member, "/#/broadcast/" + taskId);

      phone.open("notices");
      phone.textIn(By.cssSelector("#main"), "Nhiệm vụ: " + taskTitle);
      assertThat(phone.visible(By.id("main")).getText())
          .contains("hạn " + due.format(DAY))
          .doesNotContain(due.toString());
      phone.assertReadable();
      // "mark as read" updates the unread line at once
      String before = phone.visible(By.id("notices-unread")).getText();
      int unread = Integer.parseInt(before.replaceAll("\\D+", " ").strip().split(" ")[0]);
      phone.click(By.xpath("(//ul[contains(@class,'notices')]//button)[last()]"));
      phone.wait.until(d -> !d.findElement(By.id("notices-unread")).getText().equals(before));
      assertThat(phone.visible(By.id("notices-unread")).getText())
          .isIn(unread - 1 + " thông báo chưa đọc", "Đồng chí đã đọc hết thông báo.");
      // the meeting's notice leads to the meeting
      phone.click(
          By.xpath("//a[contains(normalize-space(.), 'Lịch sinh hoạt: " + hybridTitle + "')]"));
      phone.textIn(By.cssSelector("#main h2"), hybridTitle);
      assertThat(phone.driver.getCurrentUrl()).endsWith("#/meeting/" + hybridId);
      phone.open("notices");
      phone.click(By.linkText("Nhiệm vụ: " + taskTitle));
      phone.textIn(By.id("broadcast-title"), taskTitle);
      assertThat(phone.visible(By.id("main")).getText())
          .contains("Hạn hoàn thành")
          .contains(due.format(DAY))
          .contains("Đảng bộ xã Vĩnh Bình")
          .doesNotContain("commune");
      phone.assertReadable();
      phone.click(By.id("task-received"));
      phone.textIn(By.id("task-status"), "đã xác nhận nhận nhiệm vụ");
      phone.click(By.id("task-done"));
      phone.textIn(By.id("task-status"), "đã báo hoàn thành nhiệm vụ");
      phone.assertReadable();
      JsonNode totals = gateway.get("/api/broadcasts/" + taskId, commune).json().get("totals");
      assertThat(totals.get("acknowledged").asLong()).isEqualTo(1);
      JsonNode mine =
          gateway
              .get("/api/broadcasts/" + taskId + "/recipients?state=ACKNOWLEDGED", commune)
              .json()
              .get("items")
              .get(0);
      assertThat(mine.get("memberId").asString()).isEqualTo(member.memberId());
      assertThat(mine.get("completedAt").asString()).isNotBlank();

      // feedback: sent, then followed in "Ý kiến của tôi" with the committee's answer
      String about = "Đoạn đường liên ấp " + cell.suffix + " bị ngập sau mưa, đề nghị khơi thông.";
      phone.open("feedback");
      phone.select(By.name("category"), "ENVIRONMENT");
      phone.type(By.name("text"), about);
      phone.type(By.name("location"), "Ấp Hòa Thạnh");
      phone.click(By.xpath("//form//button[normalize-space()='Gửi']"));
      phone.textIn(By.id("my-feedback"), "Đoạn đường liên ấp " + cell.suffix);
      phone.textIn(By.id("my-feedback"), "Đã tiếp nhận");
      phone.assertReadable();
      String feedbackId =
          phone
              .visible(By.cssSelector("#my-feedback li[data-feedback]"))
              .getDomAttribute("data-feedback");
      String answer = "Xã đã cử tổ công tác khơi thông cống " + cell.suffix + ".";
      TestHttp.Response replied =
          gateway.postJson(
              "/api/feedback/" + feedbackId + "/responses", commune, Map.of("text", answer));
      assertThat(replied.status()).as(replied.body()).isEqualTo(200);
      awaitNotice(cell, member, "/#/my-feedback/" + feedbackId);
      phone.open("notices");
      phone.click(By.linkText("Cấp ủy đã trả lời ý kiến phản ánh"));
      phone.textIn(By.id("feedback-answers"), answer);
      assertThat(phone.visible(By.id("main")).getText())
          .contains(about)
          .contains("Đã tiếp nhận")
          .contains("Hạn trả lời")
          .doesNotContain("commune");
      phone.assertReadable();

      // profile and notice preferences
      phone.open("profile");
      phone.textIn(By.id("main"), "Trần Thị Hoa");
      phone.textIn(By.id("main"), "Chi bộ ấp Hòa Thạnh");
      phone.assertReadable();
      phone.select(By.cssSelector("#preferences-form select[name=digest]"), "DAILY");
      phone.click(By.cssSelector("#preferences-form button[type=submit]"));
      phone.textIn(By.id("dc-notice"), "Đã lưu cách nhận thông báo.");
      assertThat(cell.get("/api/notifications/preferences", member).get("digest").asString())
          .isEqualTo("DAILY");
    }
  }

  private static JsonNode participant(JsonNode meeting, PortalFixture.Person who) {
    for (JsonNode p : meeting.get("participants")) {
      if (p.get("memberId").asString().equals(who.memberId())) {
        return p;
      }
    }
    throw new AssertionError(who.fullName() + " is not a participant: " + meeting);
  }

  /** Waits until the member's inbox holds a notice leading to {@code link}. */
  static void awaitNotice(PortalFixture cell, PortalFixture.Person member, String link) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                cell.get("/api/notifications?size=50", member)
                    .get("items")
                    .findValuesAsString("link")
                    .contains(link));
  }
}
