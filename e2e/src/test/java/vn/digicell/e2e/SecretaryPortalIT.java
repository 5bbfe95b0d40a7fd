package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * A cell secretary runs a meeting in the browser: starts it, shows the check-in QR code (which a
 * member's phone opens to check in), keeps the attendance sheet, opens a vote, votes, closes it,
 * records the resolution, closes the meeting, drafts and signs the minutes; the chair, another
 * member, signs them too in their own browser, and the minutes are final.
 */
class SecretaryPortalIT {

  @Test
  void aSecretaryRecordsAVoteAndTheMinutesAreFinalisedWithBothSignatures() throws Exception {
    PortalFixture cell = new PortalFixture("Chi bộ ấp Phú Hữu");
    String s = cell.suffix.toLowerCase();
    PortalFixture.Person secretary =
        cell.official("Lê Văn Bình", "MALE", "bt" + s, List.of("member", "cell-secretary"));
    PortalFixture.Person chair =
        cell.official("Phạm Thị Lan", "FEMALE", "ct" + s, List.of("member"));
    PortalFixture.Person member =
        cell.official("Võ Minh Khoa", "MALE", "dv" + s, List.of("member"));
    cell.awaitRoster(secretary, chair, member);
    String meetingId =
        cell.meeting(secretary, "Sinh hoạt chi bộ tháng " + cell.suffix, List.of())
            .get("id")
            .asString();

    try (PortalBrowser desk = new PortalBrowser(E2ePlatform.gatewayUrl());
        PortalBrowser chairPhone = new PortalBrowser(E2ePlatform.gatewayUrl())) {
      desk.login(secretary.username(), PortalFixture.PASSWORD);
      chairPhone.login(chair.username(), PortalFixture.PASSWORD);

      // the console: the meeting's paperless pack has one QR for the invitation
      desk.open("secretary-meeting/" + meetingId);
      String packQr = desk.visible(By.cssSelector("#pack-qr img")).getDomAttribute("src");
      assertThat(packQr).matches("/api/packs/[a-z0-9]+/qr\\.svg");
      assertThat(desk.visible(By.id("pack-link")).getDomAttribute("href")).startsWith("/p/");
      // start the meeting, the check-in QR appears
      desk.click(By.id("start-meeting"));
      desk.visible(By.cssSelector("#check-in-qr canvas"));
      String qrUrl = decodeQr(desk);
      assertThat(qrUrl).startsWith(E2ePlatform.gatewayUrl() + "/#/check-in/");
      assertThat(qrUrl).isEqualTo(desk.visible(By.id("check-in-qr")).getDomAttribute("data-url"));

      // the chair's phone opens what the QR carries and is checked in
      chairPhone.openUrl(qrUrl);
      chairPhone.textIn(By.id("check-in-result"), "Có mặt");

      // the attendance sheet: the secretary and the third member are present
      for (PortalFixture.Person present : List.of(secretary, member)) {
        By row = By.cssSelector("tr[data-member='" + present.memberId() + "']");
        desk.select(
            By.cssSelector("tr[data-member='" + present.memberId() + "'] select"), "PRESENT");
        desk.driver.findElement(row).findElement(By.tagName("button")).click();
        desk.textIn(By.id("dc-notice"), present.fullName());
      }

      // open a vote (open ballot, the default options)
      desk.type(By.name("question"), "Thông qua kế hoạch chuyển đổi số của chi bộ");
      desk.click(By.xpath("//button[normalize-space()='Mở biểu quyết']"));
      JsonNode motion =
          desk.wait.until(
              d -> {
                JsonNode list = cell.get("/api/meetings/" + meetingId + "/motions", secretary);
                return list.isEmpty() ? null : list.get(0);
              });
      String motionId = motion.get("id").asString();
      By motionBlock = By.cssSelector(".motion[data-motion='" + motionId + "']");
      desk.visible(motionBlock);

      // the chair and the member vote from their phones (API), the secretary in the console
      cell.post("/api/motions/" + motionId + "/votes", chair, Map.of("option", "Tán thành"));
      cell.post("/api/motions/" + motionId + "/votes", member, Map.of("option", "Tán thành"));
      desk.click(
          By.xpath("//div[@data-motion='" + motionId + "']//label[normalize-space()='Tán thành']"));
      desk.click(
          By.xpath(
              "//div[@data-motion='"
                  + motionId
                  + "']//button[normalize-space()='Gửi biểu quyết']"));
      desk.visible(
          By.cssSelector(".motion[data-motion='" + motionId + "'] .vote-receipt .receipt"));

      // close the vote: adopted; record the resolution
      desk.click(By.id("close-vote-" + motionId));
      desk.confirm();
      desk.textIn(By.cssSelector(".motion[data-motion='" + motionId + "'] .result"), "Tán thành");
      desk.type(
          By.cssSelector(".motion[data-motion='" + motionId + "'] textarea[name='text']"),
          "Chi bộ thống nhất thông qua kế hoạch chuyển đổi số.");
      desk.click(
          By.xpath(
              "//div[@data-motion='"
                  + motionId
                  + "']//button[normalize-space()='Ghi nghị quyết']"));
      desk.textIn(
          By.cssSelector(".motion[data-motion='" + motionId + "'] .resolution"),
          "thông qua kế hoạch chuyển đổi số");

      // close the meeting, draft the minutes with the chair, sign as secretary
      desk.click(By.id("close-meeting"));
      desk.confirm();
      desk.click(By.id("open-minutes"));
      desk.select(By.name("chairMemberId"), chair.memberId());
      desk.click(By.xpath("//button[normalize-space()='Lập dự thảo biên bản']"));
      desk.click(By.id("sign-secretary"));
      desk.textIn(By.id("main"), "đã ký lúc");
      assertThat(
              cell.get("/api/meetings/" + meetingId + "/minutes", secretary)
                  .get("status")
                  .asString())
          .isEqualTo("DRAFT");

      // the chair signs in their own browser: the minutes are final
      chairPhone.open("minutes/" + meetingId);
      chairPhone.click(By.id("sign-chair"));
      chairPhone.wait.until(
          d -> {
            String status = d.findElement(By.id("minutes-status")).getText();
            return status.contains("hoàn tất") || status.contains("lưu trữ");
          });
    }

    JsonNode minutes = cell.get("/api/meetings/" + meetingId + "/minutes", secretary);
    assertThat(minutes.get("status").asString()).isIn("FINALIZED", "SEALED");
    assertThat(minutes.get("signatures")).hasSize(2);
    assertThat(minutes.get("content").asString())
        .contains("Thông qua kế hoạch chuyển đổi số của chi bộ")
        .contains("Chi bộ thống nhất thông qua kế hoạch chuyển đổi số.");
    JsonNode closed = cell.get("/api/motions/" + motionIdOf(cell, secretary, meetingId), secretary);
    assertThat(closed.get("result").get("adopted").asString()).isEqualTo("Tán thành");
    assertThat(closed.get("result").get("voted").asInt()).isEqualTo(3);
  }

  private static String motionIdOf(PortalFixture cell, PortalFixture.Person who, String meetingId) {
    return cell.get("/api/meetings/" + meetingId + "/motions", who).get(0).get("id").asString();
  }

  /** Reads the QR code the console drew, as a phone's camera would. */
  private static String decodeQr(PortalBrowser browser) throws Exception {
    String dataUrl =
        (String)
            browser.script(
                "return document.querySelector('#check-in-qr canvas').toDataURL('image/png');");
    byte[] png = Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
  }
}
