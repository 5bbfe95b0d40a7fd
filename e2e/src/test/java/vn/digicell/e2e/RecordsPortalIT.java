package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.test.TestHttp;

/**
 * Keeping records current from the portal in a real browser: a member updates their own phone and
 * Zalo id and chooses Zalo for notices; their secretary opens the record from the roster and adds a
 * photo; the organisation department corrects a misspelt name with the decision behind it.
 */
class RecordsPortalIT {

  @Test
  void aMemberKeepsContactsCurrentTheSecretaryAddsAPhotoTheDepartmentCorrectsTheName()
      throws IOException {
    PortalFixture cell = new PortalFixture("Chi bộ ấp Vĩnh Thuận");
    PortalFixture.Person secretary =
        cell.official(
            "Lê Văn Tâm",
            "MALE",
            "bt" + cell.suffix.toLowerCase(),
            List.of("member", "cell-secretary"));
    PortalFixture.Person member =
        cell.official(
            "Phạm Thị Lan", "FEMALE", "dv" + cell.suffix.toLowerCase(), List.of("member"));
    cell.awaitRoster(secretary, member);
    String zaloId = "7" + (1_000_000_000_000_000L + System.nanoTime() % 1_000_000_000L);

    try (PortalBrowser phone = new PortalBrowser(E2ePlatform.gatewayUrl())) {
      phone.login(member.username(), PortalFixture.PASSWORD);
      phone.open("profile");
      phone.type(By.cssSelector("#contact-form [name=phone]"), "0912345678");
      phone.type(By.cssSelector("#contact-form [name=zaloId]"), zaloId);
      phone.click(By.cssSelector("#contact-form button[type=submit]"));
      phone.textIn(By.tagName("body"), "Đã lưu thông tin liên lạc.");
      phone.click(By.cssSelector("#preferences-form [name=channel-ZALO]"));
      phone.click(By.cssSelector("#preferences-form button[type=submit]"));
      phone.textIn(By.tagName("body"), "Đã lưu cách nhận thông báo.");
    }
    JsonNode record = cell.get("/api/members/" + member.memberId(), secretary);
    assertThat(record.get("zaloId").asString()).isEqualTo(zaloId);
    assertThat(record.get("phone").asString()).isEqualTo("0912345678");
    JsonNode preferences = cell.get("/api/notifications/preferences", member);
    assertThat(preferences.get("defaultChannels").toString()).contains("ZALO");

    Path photo = Files.createTempFile("chan-dung", ".png");
    BufferedImage image = new BufferedImage(60, 80, BufferedImage.TYPE_INT_RGB);
    image.setRGB(10, 10, 0xC0392B);
    ImageIO.write(image, "png", photo.toFile());
    try (PortalBrowser desk = new PortalBrowser(E2ePlatform.gatewayUrl())) {
      desk.login(secretary.username(), PortalFixture.PASSWORD);
      desk.open("secretary");
      desk.click(By.linkText("Phạm Thị Lan"));
      desk.textIn(By.tagName("h2"), "Phạm Thị Lan");
      desk.textIn(By.tagName("body"), zaloId);
      desk.visible(By.cssSelector("#record-photo label"));
      desk.driver.findElement(By.id("photo-file")).sendKeys(photo.toAbsolutePath().toString());
      desk.visible(By.cssSelector("#record-photo img"));
      // she finished the intermediate political theory course
      desk.select(By.cssSelector("#background-form [name=politicalTheoryLevel]"), "TRUNG_CAP");
      desk.type(By.cssSelector("#background-form [name=basis]"), "Bằng Trung cấp LLCT số 2468");
      desk.click(By.cssSelector("#background-form button[type=submit]"));
      desk.textIn(By.cssSelector("dl.facts"), "Trung cấp");
      // a cell secretary keeps the record but does not correct identity
      assertThat(desk.all(By.id("correction-form"))).isEmpty();
    } finally {
      Files.deleteIfExists(photo);
    }
    TestHttp.Response stored =
        new TestHttp(E2ePlatform.gatewayUrl())
            .get("/api/members/" + member.memberId() + "/photo", cell.token(secretary));
    assertThat(stored.status()).isEqualTo(200);
    JsonNode kept = cell.get("/api/members/" + member.memberId(), secretary);
    assertThat(kept.get("hasPhoto").asBoolean()).isTrue();
    assertThat(kept.get("politicalTheoryLevel").asString()).isEqualTo("TRUNG_CAP");

    try (PortalBrowser department = new PortalBrowser(E2ePlatform.gatewayUrl())) {
      department.login("admin", "demo");
      department.open("records-member/" + member.memberId());
      department.type(By.cssSelector("#correction-form [name=fullName]"), "Phạm Thị Lành");
      department.type(By.cssSelector("#correction-form [name=reason]"), "Ghi sai tên khi kết nạp");
      department.type(By.cssSelector("#correction-form [name=decisionRef]"), "15-QĐ/ĐU");
      department.click(By.cssSelector("#correction-form button[type=submit]"));
      department.textIn(By.tagName("h2"), "Phạm Thị Lành");
      department.textIn(By.id("record-amendments"), "15-QĐ/ĐU");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "Phạm Thị Lành"
                    .equals(
                        cell.get("/api/members/" + member.memberId(), secretary)
                            .get("fullName")
                            .asString()));
    // the roster other services keep follows the correction
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              for (JsonNode entry : cell.get("/api/cells/" + cell.cellId + "/roster", secretary)) {
                if (entry.get("memberId").asString().equals(member.memberId())) {
                  return "Phạm Thị Lành".equals(entry.get("fullName").asString());
                }
              }
              return false;
            });
  }
}
