package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * A cell secretary's whole journey in the browser, through Keycloak's real login, on a desktop and
 * on a basic phone: the roster, scheduling a meeting with documents found in the library, the pack
 * members read before it, starting it, attendance and opinions, a vote with its resolution, closing
 * it, the minutes drafted and signed by the secretary and by the chair in their own browser, and
 * the seal of the archive shown without a reload. At every step the page is checked for what a
 * Vietnamese reader should never meet (English, raw codes, paths, access errors).
 */
class SecretaryJourneyIT {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1366, 800", "360, 740"})
  void aSecretaryRunsAMeetingFromTheRosterToTheSealedMinutes(int width, int height)
      throws Exception {
    PortalFixture cell = new PortalFixture("Chi bộ ấp Tân Lập " + width);
    String s = cell.suffix.toLowerCase();
    PortalFixture.Person secretary =
        cell.official("Nguyễn Văn Thư", "MALE", "sj" + s, List.of("member", "cell-secretary"));
    PortalFixture.Person chair =
        cell.official("Trần Thị Chủ", "FEMALE", "cj" + s, List.of("member"));
    PortalFixture.Person member = cell.official("Lê Văn Viên", "MALE", "mj" + s, List.of("member"));
    cell.awaitRoster(secretary, chair, member);
    // the library: what the commune sent down, found by a word of its title
    String plan = "Kế hoạch chuyển đổi số năm 2026 " + cell.suffix;
    String report = "Báo cáo công tác tháng " + cell.suffix;
    cell.document(secretary, plan);
    cell.document(secretary, report);
    String title = "Sinh hoạt chi bộ định kỳ " + cell.suffix;

    try (PortalBrowser desk = new PortalBrowser(E2ePlatform.gatewayUrl(), width, height);
        PortalBrowser chairs = new PortalBrowser(E2ePlatform.gatewayUrl(), width, height)) {
      desk.login(secretary.username(), PortalFixture.PASSWORD);

      // the roster of the cell, names not codes
      desk.open("secretary");
      desk.textIn(By.id("main"), "Chi bộ ấp Tân Lập " + width);
      desk.textIn(By.id("main"), "3 đảng viên");
      for (PortalFixture.Person p : List.of(secretary, chair, member)) {
        desk.textIn(By.cssSelector("ol.roster"), p.fullName().split(" ")[2]);
      }
      desk.assertReadableInVietnamese("the secretary's home");

      // schedule: documents chosen from the library by search
      desk.click(By.id("schedule-P" + cell.suffix));
      desk.type(By.name("title"), title);
      desk.select(By.name("mode"), "HYBRID");
      LocalDateTime when = LocalDateTime.now(VIETNAM).plusDays(2).withHour(19).withMinute(30);
      desk.setValue(
          By.name("startsAt"), when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
      desk.type(By.name("location"), "Nhà văn hóa ấp Tân Lập");
      desk.type(By.name("onlineLink"), "https://hop.digicell.vn/" + s);
      desk.type(By.name("agendaTitle"), "Quán triệt kế hoạch chuyển đổi số");
      WebElement search = desk.visible(By.cssSelector(".agenda-item input[type=search]"));
      search.sendKeys("chuyển đổi số " + cell.suffix);
      desk.click(By.xpath("//li[contains(@class,'agenda-item')]//button[normalize-space()='Tìm']"));
      desk.click(
          By.xpath(
              "//li[contains(@class,'agenda-item')]//li[span[normalize-space()='"
                  + plan
                  + "']]/button[normalize-space()='Chọn']"));
      desk.textIn(By.cssSelector(".agenda-item ul.chosen"), plan);
      search.clear();
      search.sendKeys("báo cáo công tác " + cell.suffix.toLowerCase());
      desk.click(By.xpath("//li[contains(@class,'agenda-item')]//button[normalize-space()='Tìm']"));
      desk.click(
          By.xpath(
              "//li[contains(@class,'agenda-item')]//li[span[normalize-space()='"
                  + report
                  + "']]/button[normalize-space()='Chọn']"));
      desk.textIn(By.cssSelector(".agenda-item ul.chosen"), report);
      desk.assertReadableInVietnamese("the scheduling form");
      desk.click(
          By.xpath("//form//button[@type='submit'][normalize-space()='Lên lịch sinh hoạt']"));

      // the console of the scheduled meeting: its facts, the agenda, the pack's QR
      desk.textIn(By.id("console-title"), title);
      String meetingId = desk.driver.getCurrentUrl().replaceAll(".*secretary-meeting/", "");
      desk.textIn(By.id("main"), "Đã lên lịch");
      desk.textIn(By.id("main"), "tính khi bắt đầu buổi sinh hoạt");
      desk.textIn(By.id("main"), "Quán triệt kế hoạch chuyển đổi số");
      String qr = desk.visible(By.cssSelector("#pack-qr img")).getDomAttribute("src");
      String code = qr.replaceAll("/api/packs/([a-z0-9]+)/qr\\.svg", "$1");
      desk.assertReadableInVietnamese("the console before the start");

      // the pack members open from the invitation: both documents, the meeting ahead
      desk.open("pack/" + code);
      desk.textIn(By.id("main"), plan);
      desk.textIn(By.id("main"), report);
      desk.textIn(By.id("main"), "Đã lên lịch");
      desk.assertReadableInVietnamese("the meeting pack");

      // start: the check-in QR, the meeting underway
      desk.open("secretary-meeting/" + meetingId);
      desk.click(By.id("start-meeting"));
      desk.visible(By.cssSelector("#check-in-qr canvas"));
      desk.textIn(By.id("main"), "Đang diễn ra");

      // attendance: everyone present
      for (PortalFixture.Person present : List.of(secretary, chair, member)) {
        By row = By.cssSelector("tr[data-member='" + present.memberId() + "']");
        desk.select(
            By.cssSelector("tr[data-member='" + present.memberId() + "'] select"), "PRESENT");
        desk.visible(row).findElement(By.tagName("button")).click();
        desk.textIn(By.id("dc-notice"), "Đã ghi điểm danh");
      }
      // an opinion on the agenda item
      desk.select(By.name("memberId"), member.memberId());
      desk.type(By.name("summary"), "Đề nghị hướng dẫn đảng viên lớn tuổi dùng điện thoại");
      desk.click(By.xpath("//button[normalize-space()='Ghi ý kiến']"));
      desk.textIn(By.id("main"), "Đề nghị hướng dẫn đảng viên lớn tuổi dùng điện thoại");
      desk.textIn(By.id("main"), "3/3");
      desk.assertReadableInVietnamese("the console underway");

      // a vote: opened, cast by all three, closed, its resolution recorded
      desk.type(By.name("question"), "Thông qua kế hoạch chuyển đổi số của chi bộ");
      desk.click(By.xpath("//button[normalize-space()='Mở biểu quyết']"));
      String motionId = desk.visible(By.cssSelector(".motion")).getDomAttribute("data-motion");
      cell.post("/api/motions/" + motionId + "/votes", chair, Map.of("option", "Tán thành"));
      cell.post("/api/motions/" + motionId + "/votes", member, Map.of("option", "Tán thành"));
      desk.click(
          By.xpath("//div[@data-motion='" + motionId + "']//label[normalize-space()='Tán thành']"));
      desk.click(
          By.xpath(
              "//div[@data-motion='"
                  + motionId
                  + "']//button[normalize-space()='Gửi biểu quyết']"));
      desk.visible(By.cssSelector(".motion[data-motion='" + motionId + "'] .vote-receipt"));
      desk.click(By.id("close-vote-" + motionId));
      desk.confirm();
      desk.textIn(By.cssSelector(".motion[data-motion='" + motionId + "'] .result"), "Tán thành");
      desk.type(
          By.cssSelector(".motion[data-motion='" + motionId + "'] textarea[name='text']"),
          "Chi bộ thống nhất thông qua kế hoạch chuyển đổi số năm 2026.");
      desk.click(
          By.xpath(
              "//div[@data-motion='"
                  + motionId
                  + "']//button[normalize-space()='Ghi nghị quyết']"));
      desk.textIn(
          By.cssSelector(".motion[data-motion='" + motionId + "'] .resolution"),
          "thông qua kế hoạch chuyển đổi số năm 2026");
      desk.assertReadableInVietnamese("the vote and its resolution");

      // close, draft the minutes with the chair, sign as secretary
      desk.click(By.id("close-meeting"));
      desk.confirm();
      desk.textIn(By.id("main"), "Đã kết thúc");
      desk.click(By.id("open-minutes"));
      desk.select(By.name("chairMemberId"), chair.memberId());
      desk.click(By.xpath("//button[normalize-space()='Lập dự thảo biên bản']"));
      desk.textIn(By.id("minutes-status"), "Dự thảo");
      desk.click(By.id("sign-secretary"));
      desk.passwordAgainIfAsked(
          PortalFixture.PASSWORD, By.xpath("//*[@id='main']//*[contains(text(),'đã ký lúc')]"));
      desk.textIn(By.id("minutes-status"), "Dự thảo");
      desk.assertReadableInVietnamese("the draft minutes signed by the secretary");

      // the chair signs in their own browser; the seal shows up without a reload
      chairs.login(chair.username(), PortalFixture.PASSWORD);
      chairs.open("minutes/" + meetingId);
      chairs.textIn(By.id("minutes-status"), "Dự thảo");
      chairs.click(By.id("sign-chair"));
      chairs.passwordAgainIfAsked(PortalFixture.PASSWORD, By.id("minutes-status"));
      chairs.textIn(By.id("minutes-status"), "Đã ký và lưu trữ");
      chairs.textIn(By.id("main"), "Bản ghi số");
      chairs.textIn(By.id("minutes-content"), "Thông qua kế hoạch chuyển đổi số của chi bộ");
      chairs.assertReadableInVietnamese("the sealed minutes");
      // and the secretary's page, left open, follows too
      desk.textIn(By.id("minutes-status"), "lưu trữ");

      JsonNode minutes = cell.get("/api/meetings/" + meetingId + "/minutes", secretary);
      assertThat(minutes.get("status").asString()).isEqualTo("SEALED");
      assertThat(minutes.get("signatures")).hasSize(2);
      assertThat(minutes.get("seal").get("logIndex").asLong()).isNotNegative();
      assertThat(minutes.get("content").asString())
          .contains("Chi bộ thống nhất thông qua kế hoạch chuyển đổi số năm 2026.")
          .contains("Đề nghị hướng dẫn đảng viên lớn tuổi dùng điện thoại");
      JsonNode meeting = cell.get("/api/meetings/" + meetingId, secretary);
      assertThat(meeting.get("mode").asString()).isEqualTo("HYBRID");
      assertThat(meeting.get("agenda").get(0).get("documentIds")).hasSize(2);
    }
  }
}
