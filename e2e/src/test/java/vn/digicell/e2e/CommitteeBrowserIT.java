package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.test.TestHttp;

/**
 * The commune committee on a phone-sized headless Chromium, logged in through Keycloak's form as
 * the demo user {@code commune} (committee of /AG/VB): the participation-by-cell chart with a bar
 * for a cell whose meeting was recorded, and an announcement's read tracking, per cell and per
 * member. Each test makes its own cell and members through the API.
 */
class CommitteeBrowserIT {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  @Test
  void theCommitteeSeesParticipationByCellWithABarForACellThatMet() {
    PortalFixture cell = new PortalFixture("Chi bộ ấp Phú Lợi");
    String cellName = "Chi bộ ấp Phú Lợi";
    PortalFixture.Person reader =
        cell.official("Lê Văn Thành", "MALE", "ct" + cell.suffix.toLowerCase(), List.of("member"));
    PortalFixture.Person other =
        cell.official(
            "Đặng Thị Mai", "FEMALE", "cm" + cell.suffix.toLowerCase(), List.of("member"));
    cell.awaitRoster(reader, other);
    TestHttp gateway = cell.gateway;
    String admin = cell.platform.accessToken("admin");
    String commune = cell.platform.accessToken("commune");

    // yesterday's regular meeting, recorded afterwards: one present, one absent with a reason
    Instant heldAt = Instant.now().minus(Duration.ofDays(1));
    Map<String, Object> held = new HashMap<>();
    held.put("cellId", cell.cellId);
    held.put("kind", "REGULAR");
    held.put("mode", "IN_PERSON");
    held.put("title", "Sinh hoạt chi bộ thường kỳ " + cell.suffix);
    held.put("startsAt", heldAt.toString());
    held.put("location", "Nhà văn hóa ấp Phú Lợi");
    held.put(
        "attendance",
        List.of(
            Map.of("memberId", reader.memberId(), "attendance", "PRESENT"),
            Map.of(
                "memberId",
                other.memberId(),
                "attendance",
                "ABSENT_WITH_REASON",
                "reason",
                "Đi công tác")));
    TestHttp.Response recorded = gateway.postJson("/api/meetings/recorded", admin, held);
    assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    YearMonth month = YearMonth.from(heldAt.atZone(VIETNAM));
    String report =
        "/api/analytics/participation?under=/AG/VB&from=" + month + "&to=" + YearMonth.now(VIETNAM);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> invitedIn(gateway.get(report, commune), cell.cellPath) == 2);

    try (PortalBrowser browser = new PortalBrowser(E2ePlatform.gatewayUrl())) {
      browser.login("commune", "demo");
      browser.open("committee");

      // the chart: an SVG image with a labelled row per cell; this cell's bar stands at 50 %
      WebElement chart = browser.visible(By.cssSelector("#participation-by-cell svg[role=img]"));
      assertThat(chart.getDomAttribute("aria-label")).isNotBlank();
      WebElement bar = browser.visible(barOf("participation-by-cell", cellName));
      assertThat(Double.parseDouble(bar.getDomAttribute("data-value"))).isEqualTo(0.5);
      assertThat(bar.getDomAttribute("width")).isEqualTo("50.00%");
      // the same figures as a table, for screen readers and people who prefer numbers
      assertThat(
              browser
                  .driver
                  .findElement(
                      By.xpath(
                          "//*[@id='participation-by-cell']//table//tr[th[.='"
                              + cellName
                              + "']]/td"))
                  .getDomProperty("textContent"))
          .isEqualTo("50%");
    }
  }

  @Test
  void theCommitteeSeesMembershipChangesDayByDay() {
    PortalFixture cell = new PortalFixture("Chi bộ ấp Tân Hiệp");
    PortalFixture.Person admitted =
        cell.official("Võ Văn Lực", "MALE", "tl" + cell.suffix.toLowerCase(), List.of("member"));
    cell.awaitRoster(admitted);
    // the fixture admits on 19 May 2023: that day has at least this admission
    String days =
        "/api/members/statistics/changes?under=/AG/VB&granularity=day&from=2023-05-01&to=2023-05-31";
    String commune = cell.platform.accessToken("commune");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                cell.gateway
                    .get(days, commune)
                    .json()
                    .get("buckets")
                    .toString()
                    .contains("2023-05-19"));

    try (PortalBrowser browser = new PortalBrowser(E2ePlatform.gatewayUrl())) {
      browser.login("commune", "demo");
      browser.open("committee-statistics");
      WebElement form = browser.visible(By.id("changes-day-form"));
      browser.script(
          "arguments[0].querySelector('[name=from]').value = '2023-05-01';"
              + " arguments[0].querySelector('[name=to]').value = '2023-05-31';",
          form);
      form.findElement(By.cssSelector("button[type=submit]")).click();
      browser.textIn(By.id("changes-by-day"), "19/05/2023");
      assertThat(browser.visible(By.id("changes-by-day")).getText()).doesNotContain("20/05/2023");
    }
  }

  @Test
  void theCommitteeFollowsWhoReadItsAnnouncementCellByCellAndMemberByMember() {
    PortalFixture cell = new PortalFixture("Chi bộ ấp Mỹ Thạnh");
    String cellName = "Chi bộ ấp Mỹ Thạnh";
    PortalFixture.Person reader =
        cell.official("Lê Văn Thành", "MALE", "ct" + cell.suffix.toLowerCase(), List.of("member"));
    PortalFixture.Person other =
        cell.official(
            "Đặng Thị Mai", "FEMALE", "cm" + cell.suffix.toLowerCase(), List.of("member"));
    cell.awaitRoster(reader, other);
    TestHttp gateway = cell.gateway;
    String commune = cell.platform.accessToken("commune");

    // an announcement from the commune to the cell; one of the two reads it
    Map<String, Object> announcement = new HashMap<>();
    announcement.put("kind", "ANNOUNCEMENT");
    announcement.put("title", "Lịch học tập Nghị quyết " + cell.suffix);
    announcement.put("body", "Đề nghị các đồng chí dự học tập Nghị quyết tại hội trường xã.");
    announcement.put("targets", List.of(cell.cellPath));
    TestHttp.Response sent = gateway.postJson("/api/broadcasts", commune, announcement);
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    String broadcastId = sent.json().get("id").asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode b = gateway.get("/api/broadcasts/" + broadcastId, commune).json();
              return b.path("totals").path("recipients").asLong() == 2
                  && "COMPLETED".equals(b.path("fanOut").path("state").asString(""));
            });
    TestHttp.Response read =
        gateway.post("/api/broadcasts/" + broadcastId + "/read", cell.token(reader), "{}");
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                gateway
                        .get("/api/broadcasts/" + broadcastId, commune)
                        .json()
                        .path("totals")
                        .path("read")
                        .asLong()
                    == 1);

    try (PortalBrowser browser = new PortalBrowser(E2ePlatform.gatewayUrl())) {
      browser.login("commune", "demo");

      // the announcement in the list, then its read tracking
      browser.open("committee-broadcasts");
      browser.click(By.linkText("Lịch học tập Nghị quyết " + cell.suffix));
      browser.textIn(By.id("broadcast-title"), "Lịch học tập Nghị quyết " + cell.suffix);
      browser.textIn(By.cssSelector("#main"), "Đã đọc: 1/2 người (50%)");
      WebElement readBar = browser.visible(barOf("read-by-cell", cellName));
      assertThat(Double.parseDouble(readBar.getDomAttribute("data-value"))).isEqualTo(0.5);

      // per member: who read it and who did not
      browser.click(
          By.xpath(
              "//*[@id='read-tracking']//button[starts-with(normalize-space(.), '"
                  + cellName
                  + ": 1/2')]"));
      browser.textIn(By.cssSelector("#recipients li[data-state=READ]"), reader.fullName());
      browser.textIn(By.cssSelector("#recipients li[data-state=NOT_READ]"), other.fullName());
      assertThat(browser.all(By.cssSelector("#recipients li[data-state]"))).hasSize(2);
    }
  }

  /** The bar of a cell's row in a chart (its row is the group whose label is the cell's name). */
  private static By barOf(String chartId, String cellName) {
    return By.xpath(
        "//*[@id='"
            + chartId
            + "']//*[local-name()='g'][*[local-name()='text'][.='"
            + cellName
            + "']]/*[local-name()='rect'][contains(@class,'chart-bar')]");
  }

  /** How many were invited in the cell over the report's months (0 when not there yet). */
  private static long invitedIn(TestHttp.Response report, String cellPath) {
    if (report.status() != 200) {
      return 0;
    }
    long invited = 0;
    for (JsonNode month : report.json().path("months")) {
      for (JsonNode child : month.path("children")) {
        if (cellPath.equals(child.path("path").asString(""))) {
          invited += child.path("figures").path("counts").path("invited").asLong();
        }
      }
    }
    return invited;
  }
}
