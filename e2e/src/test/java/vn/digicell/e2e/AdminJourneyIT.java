package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import vn.digicell.local.KeycloakClient;

/**
 * The organisation department's journey in the browser, through Keycloak's real login: the org
 * tree, a legacy register imported with the template (its Vietnamese header row; English headers
 * still accepted) where every problem of a bad row is reported in Vietnamese at its line, then the
 * QR boards: the list, a new board, a section with its QR code, the poster, and the board seen from
 * another person's browser.
 */
class AdminJourneyIT {

  @Test
  void anAdminWalksTheTreeImportsARegisterAndCuratesAQrBoard() throws Exception {
    String cellName = "Chi bộ ấp Mỹ Hòa";
    PortalFixture cell = new PortalFixture(cellName);
    String s = cell.suffix.toLowerCase();
    String admin = "qa" + s;
    String colleague = "qb" + s;
    for (String username : List.of(admin, colleague)) {
      cell.platform.createUser(
          new KeycloakClient.NewUser(
              username,
              PortalFixture.PASSWORD,
              "Tổ chức",
              "Ban",
              username + "@e2e.digicell.vn",
              List.of("org-admin"),
              Map.of("org_scope", List.of("/AG/VB"))));
    }
    PortalFixture.Person secretary =
        cell.official("Đỗ Văn Thư", "MALE", "qs" + s, List.of("member", "cell-secretary"));
    String documentId = cell.document(secretary, "Nghị quyết Đảng ủy xã " + cell.suffix);
    String code = "P" + cell.suffix;

    try (PortalBrowser desk = new PortalBrowser(E2ePlatform.gatewayUrl(), 1366, 800);
        PortalBrowser other = new PortalBrowser(E2ePlatform.gatewayUrl(), 360, 740)) {
      desk.login(admin, PortalFixture.PASSWORD);

      // the org tree: the commune opens on its cells; a cell shows its panel
      desk.open("admin");
      desk.textIn(By.id("org-tree"), "Đảng bộ xã Vĩnh Bình");
      desk.click(By.xpath("//ul[@id='org-tree']//button[normalize-space()='" + cellName + "']"));
      desk.textIn(By.id("unit-title"), cellName);
      desk.assertReadableInVietnamese("the org tree", "/AG/");

      // the template a person downloads: the header row in Vietnamese, values as people write
      desk.open("admin-import");
      desk.visible(By.cssSelector("a[href='/api/imports/template.csv']"));
      // (fetch drops the byte-order mark Excel needs; the service test checks it is there)
      String template = fetchText(desk, "/api/imports/template.csv").replace("\uFEFF", "");
      assertThat(template)
          .startsWith("Số thẻ đảng viên,Họ và tên,Giới tính,Ngày sinh,Số định danh cá nhân")
          .contains("Trung cấp")
          .doesNotContain("TRUNG_CAP")
          .doesNotContain("partyNumber");

      // a register in the template: one good row, one with three problems
      String good = citizenId("0", 1982);
      String bad = citizenId("0", 1982);
      String register =
          "Số thẻ đảng viên,Họ và tên,Giới tính,Ngày sinh,Số định danh cá nhân,Chi bộ,"
              + "Ngày vào Đảng,Điện thoại,Lý luận chính trị\n"
              + ",Phạm Văn Nhập,Nam,02/02/1982,"
              + good
              + ","
              + code
              + ",19/05/2010,0912345678,Trung cấp\n"
              + ",Phạm Văn Sai,Không rõ,31/02/1982,"
              + bad
              + ","
              + code
              + ",19/05/2010,12ab,\n";
      importFile(desk, "so-dang-vien.csv", register);
      desk.textIn(By.id("import-progress-title"), "so-dang-vien.csv");
      desk.textIn(By.id("import-status"), "Đã nhập xong.");
      desk.textIn(By.id("main"), "Nhập mới 1");
      desk.textIn(By.id("main"), "Bị từ chối 1");
      String errors = desk.visible(By.id("import-errors")).getText();
      assertThat(errors)
          .contains("3")
          .contains("Giới tính: “Không rõ” không phải Nam hoặc Nữ")
          .contains("Ngày sinh: ngày 31/02/1982 không có thật (tháng 2 năm 1982 chỉ có 28 ngày)")
          .contains("Điện thoại: “12ab” không phải số điện thoại");
      desk.assertReadableInVietnamese("the import's rejected rows", "/AG/");

      // the old English header row is still accepted
      String english =
          "Full name,Gender,Date of birth,Citizen ID number,Party cell,Admitted on\n"
              + "Phạm Thị Cũ,Nữ,03/03/1983,"
              + citizenId("1", 1983)
              + ","
              + code
              + ",19/05/2011\n";
      importFile(desk, "so-cu.csv", english);
      desk.textIn(By.id("import-progress-title"), "so-cu.csv");
      desk.textIn(By.id("import-status"), "Đã nhập xong.");
      desk.textIn(By.id("main"), "Nhập mới 1");
      desk.textIn(By.id("main"), "Bị từ chối 0");

      // QR boards: a new board for the cell, a section with a document and a link
      desk.open("admin-boards");
      desk.textIn(By.id("boards-list"), "Các bảng của tổ chức");
      desk.click(By.xpath("//summary[normalize-space()='Tạo bảng mới']"));
      String boardTitle = "Bảng tuyên truyền ấp Mỹ Hòa " + cell.suffix;
      desk.type(By.name("title"), boardTitle);
      desk.type(By.name("orgPath"), cell.cellPath);
      desk.click(By.xpath("//form//button[@type='submit'][normalize-space()='Tạo bảng']"));
      desk.textIn(By.id("board-title"), boardTitle);
      String boardId = desk.driver.getCurrentUrl().replaceAll(".*admin-board/([^?]+).*", "$1");
      desk.textIn(By.id("board-meta"), cellName);
      desk.click(By.xpath("//summary[normalize-space()='Thêm mục']"));
      desk.type(By.name("title"), "Nghị quyết mới của Đảng ủy xã");
      desk.type(By.name("caption"), "Quét mã để đọc trên điện thoại");
      desk.type(By.name("documentIds"), documentId);
      desk.type(By.name("links"), "Video lời dạy của Bác | https://digicell.vn/video/1");
      desk.click(By.xpath("//form//button[@type='submit'][normalize-space()='Thêm mục']"));
      desk.textIn(By.id("board-sections"), "1. Nghị quyết mới của Đảng ủy xã");
      desk.textIn(By.id("board-sections"), "2 tài liệu");
      desk.visible(By.cssSelector("#board-sections img.qr"));
      String qr =
          fetchStatusAndType(
              desk, desk.visible(By.cssSelector("#board-sections img.qr")).getDomAttribute("src"));
      assertThat(qr).startsWith("200 image/svg+xml");
      String poster = fetchStatusAndType(desk, "/api/boards/" + boardId + "/poster.pdf?size=A4");
      assertThat(poster).startsWith("200 application/pdf");
      desk.assertReadableInVietnamese("the board", "/AG/");

      // a colleague on a phone, in another browser, sees the board in the list
      other.login(colleague, PortalFixture.PASSWORD);
      other.open("admin-boards");
      By listed = By.cssSelector("#boards li[data-board='" + boardId + "']");
      other.textIn(listed, boardTitle);
      other.textIn(listed, cellName);
      other.textIn(listed, "1 mục");
      other.assertReadableInVietnamese("the boards list on a phone", "/AG/");
      other.click(By.xpath("//ul[@id='boards']//a[normalize-space()='" + boardTitle + "']"));
      other.textIn(By.id("board-sections"), "Nghị quyết mới của Đảng ủy xã");
    }
  }

  private static void importFile(PortalBrowser browser, String name, String content)
      throws Exception {
    Path file = Files.createTempDirectory("import").resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    browser
        .driver
        .findElement(By.cssSelector("#import-form input[type=file]"))
        .sendKeys(file.toString());
    browser.click(By.xpath("//form[@id='import-form']//button[@type='submit']"));
  }

  /** What the browser gets at this address with the person's session and language. */
  private static String fetchText(PortalBrowser browser, String url) {
    return (String)
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) {"
                    + " return r.text(); }).then(done, function (e) { done('failed ' + e); });",
                url);
  }

  private static String fetchStatusAndType(PortalBrowser browser, String url) {
    return (String)
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) {"
                    + " done(r.status + ' ' + r.headers.get('Content-Type')); },"
                    + " function (e) { done('failed ' + e); });",
                url);
  }

  private static String citizenId(String centuryAndGender, int year) {
    return "089"
        + centuryAndGender
        + String.format("%02d", year % 100)
        + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
  }
}
