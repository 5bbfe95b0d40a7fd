package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A member on a weak network: Keycloak's login page is DigiCell's light Vietnamese one, the
 * portal's files come back cached for a year, and a meeting pack opened at home is read again in
 * the meeting room without signal, where a check-in says it needs the network.
 */
class WeakNetworkIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TRANSFERRED =
      "return performance.getEntriesByType('navigation').concat("
          + "performance.getEntriesByType('resource'))"
          + ".reduce(function (sum, e) { return sum + (e.transferSize || 0); }, 0);";

  @Test
  void loginIsLightAndVietnameseAndAnOpenedPackIsReadableOffline() throws Exception {
    PortalFixture cell = new PortalFixture("Chi bộ ấp Tân Hưng");
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
    String documentTitle = "Nghị quyết chuyên đề " + cell.suffix;
    String documentId = cell.document(secretary, documentTitle);
    String meetingTitle = "Sinh hoạt chi bộ " + cell.suffix;
    String meetingId =
        cell.meeting(secretary, meetingTitle, List.of(documentId)).get("id").asString();
    String pack = cell.get("/api/packs?meetingId=" + meetingId, secretary).get("code").asString();

    try (PortalBrowser browser = new PortalBrowser(E2ePlatform.gatewayUrl())) {
      // the login page: Vietnamese, a switch naming both languages, light
      browser.openUrl(E2ePlatform.gatewayUrl() + "/");
      browser.click(By.id("login"));
      browser.visible(By.id("username"));
      assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang"))
          .isEqualTo("vi");
      String language = browser.visible(By.id("kc-locale")).getText();
      assertThat(language)
          .contains("Tiếng Việt")
          .contains("English")
          .doesNotContainPattern("\\bvi\\b");
      assertThat(browser.visible(By.id("kc-page-title")).getText())
          .isEqualTo("Đăng nhập tài khoản");
      assertThat(browser.driver.findElement(By.id("kc-login")).getDomAttribute("value"))
          .isEqualTo("Đăng nhập");
      long loginBytes = ((Number) browser.script(TRANSFERRED)).longValue();
      assertThat(loginBytes).as("login page bytes transferred").isPositive().isLessThan(100 * 1024);

      browser.type(By.id("username"), member.username());
      browser.type(By.id("password"), PortalFixture.PASSWORD);
      browser.click(By.id("kc-login"));
      browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));

      // the portal's files: fingerprinted and cached for a year
      String script =
          browser
              .driver
              .findElement(By.cssSelector("script[src^='/portal.']"))
              .getDomAttribute("src");
      assertThat(script).matches("/portal\\.[0-9a-f]{10}\\.js");
      HttpResponse<Void> file =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(E2ePlatform.gatewayUrl() + script)).build(),
                  HttpResponse.BodyHandlers.discarding());
      assertThat(file.headers().firstValue("Cache-Control").orElse(""))
          .contains("max-age=31536000")
          .contains("immutable");

      // at home: the pack, once the service worker looks after the page, and its document
      browser.openUrl(E2ePlatform.gatewayUrl() + "/p/" + pack);
      browser.wait.until(
          d -> Boolean.TRUE.equals(browser.script("return !!navigator.serviceWorker.controller;")));
      browser.openUrl(E2ePlatform.gatewayUrl() + "/p/" + pack);
      browser.textIn(By.id("main"), meetingTitle);
      browser.textIn(By.id("main"), documentTitle);
      String content = "/api/packs/" + pack + "/documents/" + documentId + "/content";
      assertThat(browser.fetchStatus(content)).isEqualTo(200);

      // in the meeting room: no signal, for the page and for its service worker
      offline(browser);
      browser.openUrl(E2ePlatform.gatewayUrl() + "/p/" + pack);
      browser.textIn(By.id("main"), meetingTitle);
      browser.textIn(By.id("main"), documentTitle);
      assertThat(browser.fetchStatus(content)).as("the opened document, offline").isEqualTo(200);
      Object answer =
          ((org.openqa.selenium.JavascriptExecutor) browser.driver)
              .executeAsyncScript(
                  "var done = arguments[arguments.length - 1];"
                      + "fetch('/api/meetings/"
                      + meetingId
                      + "/check-in', {method: 'POST',"
                      + " headers: {'Content-Type': 'application/json', 'Accept-Language': 'vi'},"
                      + " body: '{}'}).then(function (r) { return r.json().then(function (j) {"
                      + " done(r.status + ' ' + j.title); }); }, function (e) { done('failed ' + e); });");
      assertThat(String.valueOf(answer)).startsWith("503 ").contains("Cần kết nối mạng");
    }
  }

  /**
   * Cuts the network of the page (CDP on its own session) and of the service worker: the page's
   * emulation does not reach the worker's own fetches, so its DevTools target is told too.
   */
  private static void offline(PortalBrowser browser) throws Exception {
    Map<String, Object> conditions =
        Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1);
    ChromeDriver chrome = (ChromeDriver) browser.driver;
    chrome.executeCdpCommand("Network.enable", Map.of());
    chrome.executeCdpCommand("Network.emulateNetworkConditions", conditions);
    Object options =
        ((HasCapabilities) chrome).getCapabilities().getCapability("goog:chromeOptions");
    String debugger = String.valueOf(((Map<?, ?>) options).get("debuggerAddress"));
    HttpClient http = HttpClient.newHttpClient();
    JsonNode targets =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create("http://" + debugger + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    int workers = 0;
    for (JsonNode target : targets) {
      if ("service_worker".equals(target.path("type").asString())) {
        String socket = target.path("webSocketDebuggerUrl").asString();
        CdpSocket cdp = new CdpSocket();
        WebSocket ws =
            http.newWebSocketBuilder()
                .buildAsync(URI.create(socket), cdp)
                .get(10, TimeUnit.SECONDS);
        cdp.call(ws, 1, "Network.enable", "{}");
        cdp.call(ws, 2, "Network.emulateNetworkConditions", JSON.writeValueAsString(conditions));
        workers++;
      }
    }
    assertThat(workers).as("service workers to take offline").isPositive();
  }

  /** The least of a DevTools client: send a command, wait for its answer. */
  private static final class CdpSocket implements WebSocket.Listener {
    private final java.util.concurrent.LinkedBlockingQueue<String> answers =
        new java.util.concurrent.LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    void call(WebSocket ws, int id, String method, String params) throws Exception {
      ws.sendText(
              "{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true)
          .get(10, TimeUnit.SECONDS);
      while (true) {
        String answer = answers.poll(10, TimeUnit.SECONDS);
        assertThat(answer).as("DevTools answer to " + method).isNotNull();
        JsonNode node = JSON.readTree(answer);
        if (node.path("id").asInt() == id) {
          assertThat(node.has("error")).as(method + ": " + answer).isFalse();
          return;
        }
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        answers.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
