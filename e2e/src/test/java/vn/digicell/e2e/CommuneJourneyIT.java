package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.test.TestHttp;

/**
 * The commune committee's journey, logged in through Keycloak's form as the demo user {@code
 * commune} (committee of /AG/VB), reading Vietnamese at every step: on a phone (360×740) the
 * participation chart, whose cell names never print over the percentages, and the statistics; then
 * a task sent to a cell whose tracking follows the members' acknowledgements without a reload (and
 * never shows 0/0), a member's feedback arriving in the inbox and answered, the member reading the
 * answer on her phone, a transfer awaiting approval, and the due lists.
 */
class CommuneJourneyIT {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  @Test
  void theCommuneFollowsItsCellsSendsATaskAnswersFeedbackAndSeesTransfersAndDueLists() {
    String cellName = "Chi bộ khu dân cư số 3 ấp Hòa Thạnh Đông";
    PortalFixture cell = new PortalFixture(cellName);
    String s = cell.suffix.toLowerCase();
    PortalFixture.Person hoa =
        cell.official("Trần Thị Hoa", "FEMALE", "hoa" + s, List.of("member"));
    PortalFixture.Person minh = cell.official("Lê Văn Minh", "MALE", "minh" + s, List.of("member"));
    cell.awaitRoster(hoa, minh);
    PortalFixture.Person newcomer =
        cell.probationary("Đặng Thị Thu", "FEMALE", "thu" + s, LocalDate.of(2024, 1, 10));
    PortalFixture target = new PortalFixture("Chi bộ ấp Tân Phú");
    TestHttp gateway = cell.gateway;
    String admin = cell.platform.accessToken("admin");
    String commune = cell.platform.accessToken("commune");

    // yesterday's meeting, recorded afterwards: the chart has a bar for the cell
    Instant heldAt = Instant.now().minus(Duration.ofDays(1));
    Map<String, Object> held = new HashMap<>();
    held.put("cellId", cell.cellId);
    held.put("kind", "REGULAR");
    held.put("mode", "IN_PERSON");
    held.put("title", "Sinh hoạt chi bộ thường kỳ " + cell.suffix);
    held.put("startsAt", heldAt.toString());
    held.put("location", "Nhà văn hóa khu dân cư số 3");
    held.put(
        "attendance",
        List.of(
            Map.of("memberId", hoa.memberId(), "attendance", "PRESENT"),
            Map.of("memberId", minh.memberId(), "attendance", "PRESENT")));
    TestHttp.Response recorded = gateway.postJson("/api/meetings/recorded", admin, held);
    assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    String report =
        "/api/analytics/participation?under=/AG/VB&from="
            + YearMonth.from(heldAt.atZone(VIETNAM))
            + "&to="
            + YearMonth.now(VIETNAM);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> gateway.get(report, commune).body().contains(cell.cellPath));

    // on a phone: who they are, the chart whose long cell names keep clear of the figures
    try (PortalBrowser phone = PortalBrowser.phone(E2ePlatform.gatewayUrl())) {
      phone.login("commune", "demo");
      phone.textIn(By.id("home-position"), "Cấp ủy — Đảng bộ xã Vĩnh Bình");
      assertThat(phone.visible(By.id("home-title")).getText()).doesNotContain("commune");
      phone.assertReadable();

      phone.open("committee");
      phone.visible(
          By.xpath(
              "//*[@id='participation-by-cell']//*[local-name()='g'][*[local-name()='title'][starts-with(., '"
                  + cellName
                  + "')]]/*[local-name()='rect'][contains(@class,'chart-bar')]"));
      assertThat(overlappingLabels(phone, "participation-by-cell")).isEmpty();
      // the full name stays in the table beside the chart
      assertThat(
              phone
                  .driver
                  .findElement(
                      By.xpath("//*[@id='participation-by-cell']//table//th[.='" + cellName + "']"))
                  .getDomProperty("textContent"))
          .isEqualTo(cellName);
      phone.assertReadable();

      phone.open("committee-statistics");
      phone.textIn(By.id("due-official"), "Đặng Thị Thu");
      phone.assertReadable();
    }

    try (PortalBrowser desk = new PortalBrowser(E2ePlatform.gatewayUrl(), 1366, 800);
        PortalBrowser hoaPhone = PortalBrowser.phone(E2ePlatform.gatewayUrl())) {
      desk.login("commune", "demo");
      hoaPhone.login(hoa.username(), PortalFixture.PASSWORD);

      // a task to the cell, its due date typed as Vietnamese write it
      String taskTitle = "Rà soát hộ nghèo " + cell.suffix;
      LocalDate due = LocalDate.now(VIETNAM).plusDays(7);
      desk.open("committee-broadcasts");
      desk.click(By.cssSelector("#compose summary"));
      desk.click(By.xpath("//label[normalize-space()='Giao nhiệm vụ']"));
      desk.type(By.cssSelector("#broadcast-form [name=title]"), taskTitle);
      desk.type(
          By.cssSelector("#broadcast-form [name=body]"),
          "Đề nghị các đồng chí rà soát danh sách hộ nghèo trong khu dân cư.");
      desk.type(By.cssSelector("#broadcast-form [name=dueOn]"), due.format(DAY));
      desk.click(
          By.xpath("//*[@id='broadcast-form']//label[normalize-space()='" + cellName + "']"));
      desk.assertReadable();
      desk.click(By.xpath("//*[@id='broadcast-form']//button[normalize-space()='Gửi']"));
      desk.textIn(By.id("broadcast-title"), taskTitle);
      // while the task is being delivered the page says so, and never "0/0"
      assertThat(desk.visible(By.id("main")).getText()).doesNotContain("0/0");
      String broadcastId =
          desk.driver.getCurrentUrl().replaceAll(".*committee-broadcast/([^?/]+).*", "$1");
      desk.script("window.stillThisPage = true;");
      // Hoa, Minh and Thu (on probation): a task to the cell reaches every member
      desk.textIn(By.id("main"), "Đã nhận: 3/3 người");
      desk.textIn(By.id("main"), "Hạn " + due.format(DAY));
      desk.assertReadable();
      JsonNode sent = gateway.get("/api/broadcasts/" + broadcastId, commune).json();
      assertThat(sent.get("dueOn").asString()).isEqualTo(due.toString());

      // Hoa confirms on her phone: the tracking counts it without a reload
      MemberJourneyIT.awaitNotice(cell, hoa, "/#/broadcast/" + broadcastId);
      hoaPhone.open("broadcast/" + broadcastId);
      hoaPhone.click(By.id("task-received"));
      hoaPhone.textIn(By.id("task-status"), "đã xác nhận nhận nhiệm vụ");
      desk.textIn(By.id("broadcast-acknowledged"), "Đã xác nhận thực hiện: 1/3 người");
      assertThat(desk.script("return window.stillThisPage === true;")).isEqualTo(true);
      desk.assertReadable();

      // Hoa's feedback arrives in the commune's inbox; the commune answers; she reads the answer
      String about = "Cầu tre khu dân cư số 3 " + cell.suffix + " xuống cấp, đề nghị sửa chữa.";
      hoaPhone.open("feedback");
      hoaPhone.select(By.name("category"), "SOCIAL_POLICY");
      hoaPhone.type(By.name("text"), about);
      hoaPhone.type(By.name("location"), "Khu dân cư số 3");
      hoaPhone.click(By.xpath("//form//button[normalize-space()='Gửi']"));
      hoaPhone.textIn(By.id("my-feedback"), "Cầu tre khu dân cư số 3 " + cell.suffix);
      String feedbackId =
          hoaPhone
              .visible(By.cssSelector("#my-feedback li[data-feedback]"))
              .getDomAttribute("data-feedback");

      desk.open("committee-feedback");
      desk.click(By.partialLinkText("Cầu tre khu dân cư số 3 " + cell.suffix));
      desk.textIn(By.id("feedback-title"), "Cầu tre khu dân cư số 3");
      assertThat(desk.visible(By.id("main")).getText()).contains("Trần Thị Hoa");
      desk.assertReadable();
      String answer = "Xã đã giao ấp sửa cầu trong tháng này " + cell.suffix + ".";
      desk.click(By.xpath("//details[summary[normalize-space()='Trả lời']]/summary"));
      desk.type(By.xpath("//details[summary[normalize-space()='Trả lời']]//textarea"), answer);
      desk.click(
          By.xpath("//details[summary[normalize-space()='Trả lời']]//button[@type='submit']"));
      desk.textIn(By.id("main"), answer);
      desk.assertReadable();

      hoaPhone.open("my-feedback/" + feedbackId);
      hoaPhone.textIn(By.id("feedback-answers"), answer);
      assertThat(hoaPhone.visible(By.id("main")).getText()).doesNotContain("commune");
      hoaPhone.assertReadable();

      // a transfer out of the cell awaits the commune's approval: names, not paths or ids
      TestHttp.Response transfer =
          gateway.postJson(
              "/api/transfers",
              admin,
              Map.of(
                  "memberId",
                  minh.memberId(),
                  "kind",
                  "OFFICIAL",
                  "toOrgUnitId",
                  target.cellId,
                  "reason",
                  "Chuyển nơi cư trú"));
      assertThat(transfer.status()).as(transfer.body()).isEqualTo(201);
      String transferId = transfer.json().get("id").asString();
      desk.open("committee-transfers");
      By item = By.cssSelector("[data-transfer='" + transferId + "']");
      desk.textIn(item, "Lê Văn Minh");
      assertThat(desk.visible(item).getText())
          .contains(cellName)
          .contains("Chi bộ ấp Tân Phú")
          .doesNotContain(minh.memberId());
      desk.assertReadable();

      // the due lists: the member whose probation has ended
      desk.open("committee-statistics");
      desk.textIn(By.id("due-official"), newcomer.fullName());
      desk.assertReadable();
    }
  }

  /** The labels of a bar chart that run into their row's figure (none when they fit). */
  @SuppressWarnings("unchecked")
  private static List<String> overlappingLabels(PortalBrowser browser, String chartId) {
    return (List<String>)
        browser.script(
            "var out = [];"
                + "document.querySelectorAll('#' + arguments[0] + ' g.chart-row').forEach(function (g) {"
                + "  var l = g.querySelector('.chart-label'), v = g.querySelector('.chart-value');"
                + "  if (l && v && l.getBoundingClientRect().right > v.getBoundingClientRect().left) {"
                + "    out.push(l.textContent); }"
                + "});"
                + "return out;",
            chartId);
  }
}
