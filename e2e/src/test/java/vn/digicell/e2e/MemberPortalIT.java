package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * A party member on a phone-sized headless Chromium: logs in through Keycloak's login form, finds
 * the next meeting and the documents to read before it on the first page, and checks in by opening
 * the address the venue's QR code carries.
 */
class MemberPortalIT {

  @Test
  void aMemberSeesTheirMeetingAndItsDocumentsAndChecksIn() {
    PortalFixture cell = new PortalFixture("Chi bộ ấp Hòa Thạnh");
    PortalFixture.Person secretary =
        cell.official(
            "Nguyễn Văn Hùng",
            "MALE",
            "bt" + cell.suffix.toLowerCase(),
            List.of("member", "cell-secretary"));
    PortalFixture.Person member =
        cell.official(
            "Trần Thị Hoa", "FEMALE", "dv" + cell.suffix.toLowerCase(), List.of("member"));
    cell.awaitRoster(secretary, member);
    String documentTitle = "Hướng dẫn học tập chuyên đề năm " + cell.suffix;
    String documentId = cell.document(secretary, documentTitle);
    String meetingTitle = "Sinh hoạt chi bộ thường kỳ " + cell.suffix;
    JsonNode meeting = cell.meeting(secretary, meetingTitle, List.of(documentId));
    String meetingId = meeting.get("id").asString();

    try (PortalBrowser browser = new PortalBrowser(E2ePlatform.gatewayUrl())) {
      browser.login(member.username(), PortalFixture.PASSWORD);

      // the first page: the next meeting, in Vietnamese, with the document to read before it
      browser.textIn(By.cssSelector("#next-meeting .meeting-title"), meetingTitle);
      assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang"))
          .isEqualTo("vi");
      assertThat(browser.visible(By.cssSelector("#next-meeting")).getText())
          .contains("Buổi sinh hoạt sắp tới")
          .contains("Nhà văn hóa ấp " + cell.suffix)
          .contains("Trực tiếp kết hợp trực tuyến");
      browser.textIn(By.cssSelector("#meeting-documents [data-document]"), documentTitle);
      String download =
          browser
              .visible(By.cssSelector("#meeting-documents [data-document] a[download]"))
              .getDomAttribute("href");
      assertThat(download).isEqualTo("/api/documents/" + documentId + "/versions/1/content");

      // the meeting starts; the venue's QR code carries the portal's check-in address
      cell.post("/api/meetings/" + meetingId + "/start", secretary, java.util.Map.of());
      String code =
          cell.get("/api/meetings/" + meetingId + "/check-in-code", secretary)
              .get("code")
              .asString();
      browser.openUrl(E2ePlatform.gatewayUrl() + "/#/check-in/" + code);
      browser.textIn(By.id("check-in-result"), "Có mặt");
      browser.textIn(By.id("my-attendance"), "Có mặt");
    }

    JsonNode after = cell.get("/api/meetings/" + meetingId, secretary);
    JsonNode participant = null;
    for (JsonNode p : after.get("participants")) {
      if (p.get("memberId").asString().equals(member.memberId())) {
        participant = p;
      }
    }
    assertThat(participant).isNotNull();
    assertThat(participant.get("attendance").asString()).isEqualTo("PRESENT");
  }
}
