package vn.digicell.bench;

import java.io.File;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal on a weak rural network, as a member's phone sees it: headless Chromium throttled to
 * 400 ms latency, 50 KB/s down and 20 KB/s up (DevTools network emulation). Prints the login page's
 * bytes and time, the home page's bytes and time cold and warm, and whether a meeting pack opened
 * once can be opened again with no network. Figures, not a gate.
 *
 * <p>Arguments: [base URL] [username] [password]; the base URL defaults to DIGICELL_URL, else
 * http://localhost:8080 (the platform of ./deploy/local/up.sh), the login to the demo's member.
 */
public final class PortalBenchmark {

  private static final String TRANSFERRED =
      "return performance.getEntriesByType('navigation').concat("
          + "performance.getEntriesByType('resource'))"
          + ".reduce(function (sum, e) { return sum + (e.transferSize || 0); }, 0);";
  private static final String HOME_READY =
      "var m = document.getElementById('main');"
          + " return !!m && m.getAttribute('aria-busy') === 'false'"
          + " && !document.querySelector('#next-meeting .status');";

  public static void main(String[] args) throws Exception {
    String env = System.getenv("DIGICELL_URL");
    String base = args.length > 0 ? args[0] : env != null ? env : "http://localhost:8080";
    base = base.replaceAll("/+$", "");
    String username = args.length > 1 ? args[1] : "member";
    String password = args.length > 2 ? args[2] : "demo";

    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(new File("/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--lang=vi",
        "--window-size=360,740");
    ChromeDriver driver =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build(),
            options);
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofMinutes(5));
    try {
      driver.executeCdpCommand("Network.enable", Map.of());
      driver.executeCdpCommand(
          "Network.emulateNetworkConditions",
          Map.of(
              "offline",
              false,
              "latency",
              400,
              "downloadThroughput",
              50 * 1024,
              "uploadThroughput",
              20 * 1024));
      System.out.printf(
          "portal benchmark against %s as %s; profile: 400 ms latency, 50 KB/s down, 20 KB/s up%n",
          base, username);

      // the login page, from the portal's login link through the redirect to Keycloak
      long started = System.nanoTime();
      driver.get(base + "/oauth2/authorization/keycloak");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-login")));
      long loginMillis = millis(started);
      print("login page", bytes(driver), loginMillis);

      driver.findElement(By.id("username")).sendKeys(username);
      driver.findElement(By.id("password")).sendKeys(password);
      started = System.nanoTime();
      driver.findElement(By.id("kc-login")).click();
      wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(HOME_READY)));
      print("home, cold (after login)", bytes(driver), millis(started));

      // the service worker takes the page over after its first load
      wait.until(
          d ->
              Boolean.TRUE.equals(
                  ((JavascriptExecutor) d)
                      .executeScript(
                          "return !!(navigator.serviceWorker && navigator.serviceWorker.controller);")));
      started = System.nanoTime();
      driver.get(base + "/");
      wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(HOME_READY)));
      print("home, warm", bytes(driver), millis(started));

      offlinePack(driver, wait, base);
    } finally {
      driver.quit();
    }
  }

  private static void offlinePack(ChromeDriver driver, WebDriverWait wait, String base) {
    Object code =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "function get(u) { return fetch(u, {headers: {Accept: 'application/json'}})"
                    + ".then(function (r) { if (!r.ok) { throw r.status; } return r.json(); }); }"
                    + "get('/portal/me').then(function (me) { return get('/api/members/' + me.memberId); })"
                    + ".then(function (p) { return get('/api/meetings?size=20&cellId=' + p.orgUnitId); })"
                    + ".then(function (ms) { ms = ms.items || ms;"
                    + "  var next = ms.filter(function (m) { return m.status === 'SCHEDULED'; })[0];"
                    + "  if (!next) { throw 'no scheduled meeting'; }"
                    + "  return get('/api/packs?meetingId=' + next.id); })"
                    + ".then(function (p) { done(p.code); }, function (e) { done('ERROR ' + e); });");
    if (String.valueOf(code).startsWith("ERROR")) {
      System.out.println("offline pack: not measured (" + code + ")");
      return;
    }
    long started = System.nanoTime();
    driver.get(base + "/p/" + code);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#main h3")));
    print("pack, online", bytes(driver), millis(started));
    Map<String, Object> offline =
        Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1);
    driver.executeCdpCommand("Network.emulateNetworkConditions", offline);
    int workers = offlineWorkers(driver, offline);
    started = System.nanoTime();
    driver.get(base + "/p/" + code);
    boolean available;
    try {
      new WebDriverWait(driver, Duration.ofSeconds(20))
          .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#main h3")));
      available = true;
    } catch (org.openqa.selenium.TimeoutException notThere) {
      available = false;
    }
    System.out.printf(
        "offline pack %s: %s in %d ms (network cut for the page and %d service worker(s))%n",
        code, available ? "AVAILABLE" : "NOT AVAILABLE", millis(started), workers);
  }

  /**
   * The page's network emulation does not reach its service worker's own fetches: tell each
   * worker's DevTools target too, over the browser's DevTools socket.
   */
  private static int offlineWorkers(ChromeDriver driver, Map<String, Object> conditions) {
    try {
      Object options = driver.getCapabilities().getCapability("goog:chromeOptions");
      String debugger = String.valueOf(((Map<?, ?>) options).get("debuggerAddress"));
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String list =
          http.send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://" + debugger + "/json/list"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      tools.jackson.databind.json.JsonMapper json =
          tools.jackson.databind.json.JsonMapper.builder().build();
      int workers = 0;
      for (tools.jackson.databind.JsonNode target : json.readTree(list)) {
        if (!"service_worker".equals(target.path("type").asString())) {
          continue;
        }
        java.util.concurrent.LinkedBlockingQueue<String> answers =
            new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.WebSocket ws =
            http.newWebSocketBuilder()
                .buildAsync(
                    java.net.URI.create(target.path("webSocketDebuggerUrl").asString()),
                    new java.net.http.WebSocket.Listener() {
                      final StringBuilder partial = new StringBuilder();

                      @Override
                      public java.util.concurrent.CompletionStage<?> onText(
                          java.net.http.WebSocket w, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                          answers.add(partial.toString());
                          partial.setLength(0);
                        }
                        w.request(1);
                        return null;
                      }
                    })
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        ws.sendText("{\"id\":1,\"method\":\"Network.enable\",\"params\":{}}", true).get();
        answers.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        ws.sendText(
                "{\"id\":2,\"method\":\"Network.emulateNetworkConditions\",\"params\":"
                    + json.writeValueAsString(conditions)
                    + "}",
                true)
            .get();
        answers.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        workers++;
      }
      return workers;
    } catch (Exception e) {
      System.out.println("could not take the service worker offline: " + e);
      return 0;
    }
  }

  private static long bytes(ChromeDriver driver) {
    return ((Number) driver.executeScript(TRANSFERRED)).longValue();
  }

  private static long millis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  private static void print(String what, long bytes, long millis) {
    System.out.printf(
        "%-26s %9.1f KB transferred  %7.2f s%n", what, bytes / 1024.0, millis / 1000.0);
  }
}
