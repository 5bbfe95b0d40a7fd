package vn.digicell.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's {@code chromium} package driven through its {@code chromedriver}
 * ({@code chromium-driver}): nothing is downloaded. Without them the tests fail with a message
 * saying what to install; they never skip.
 */
final class PortalBrowser implements AutoCloseable {

  static final Path CHROMIUM =
      Path.of(System.getProperty("digicell.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("digicell.chromedriver", "/usr/bin/chromedriver"));
  static final Duration WAIT = Duration.ofSeconds(60);

  final WebDriver driver;
  final WebDriverWait wait;
  private final String base;

  PortalBrowser(String base) {
    this(base, 412, 1400);
  }

  /** A phone as people hold it: 360×740 CSS pixels. */
  static PortalBrowser phone(String base) {
    return new PortalBrowser(base, 360, 740);
  }

  /** A browser of this window size (a desktop 1366×800, a basic phone 360×740). */
  PortalBrowser(String base, int width, int height) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "The portal's browser tests need headless Chromium and its driver at "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ": apt-get install -y chromium chromium-driver (CI's .ci/run does)");
    }
    // a driver given explicitly: Selenium Manager never looks for or downloads one
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--lang=vi",
        // a phone-sized window unless told otherwise: the portal is mobile first
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    // a document opened from the portal is saved as a phone would: headless Chromium allows it here
    try {
      chrome.executeCdpCommand(
          "Browser.setDownloadBehavior",
          java.util.Map.of(
              "behavior",
              "allow",
              "downloadPath",
              Files.createTempDirectory("portal-downloads").toString()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    this.driver = chrome;
    this.wait = new WebDriverWait(driver, WAIT);
    this.base = base;
  }

  /** Logs in through Keycloak's real login form and waits for the portal to greet the user. */
  PortalBrowser login(String username, String password) {
    driver.get(base + "/");
    click(By.id("login"));
    type(By.id("username"), username);
    type(By.id("password"), password);
    click(By.id("kc-login"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));
    return this;
  }

  void open(String hashRoute) {
    driver.get(base + "/#/" + hashRoute);
  }

  void openUrl(String url) {
    driver.get(url);
  }

  WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits until the element's text contains {@code text}. */
  WebElement textIn(By by, String text) {
    try {
      wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    } catch (org.openqa.selenium.TimeoutException e) {
      // say what the person saw instead, so a failure can be read without a screenshot
      List<WebElement> found = driver.findElements(by);
      throw new AssertionError(
          "At "
              + driver.getCurrentUrl()
              + " no '"
              + text
              + "' in "
              + by
              + (found.isEmpty()
                  ? " (no such element)"
                  : ", which shows:\n" + found.get(0).getText())
              + "\n--- page ---\n"
              + pageText(),
          e);
    }
    return driver.findElement(by);
  }

  void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  void type(By by, String text) {
    WebElement input = visible(by);
    input.clear();
    input.sendKeys(text);
  }

  void select(By by, String value) {
    new Select(visible(by)).selectByValue(value);
  }

  /** Accepts the confirmation the portal asks before closing a vote or a meeting. */
  void confirm() {
    wait.until(ExpectedConditions.alertIsPresent()).accept();
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /**
   * The status of a {@code fetch} the page makes with its own cookies (0 when it fails, e.g.
   * offline); the body is read to the end, so a service worker's cached answer counts too.
   */
  long fetchStatus(String url) {
    Object status =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {credentials: 'same-origin'}).then("
                    + "function (r) { return r.arrayBuffer().then(function () { done(r.status); }); },"
                    + "function () { done(0); });",
                url);
    return ((Number) status).longValue();
  }

  /**
   * The status {@code url} answers to this browser's cookies, sent from outside the page: unlike
   * {@link #fetchStatus}, not disturbed by whatever page the browser is on (a login or logout
   * redirect through Keycloak's address makes a page's fetch fail with 0).
   */
  int statusWithCookies(String url) throws Exception {
    StringBuilder cookies = new StringBuilder();
    for (org.openqa.selenium.Cookie c : driver.manage().getCookies()) {
      cookies
          .append(cookies.isEmpty() ? "" : "; ")
          .append(c.getName())
          .append('=')
          .append(c.getValue());
    }
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
            .header("Accept", "application/json");
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.toString());
    }
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Sets an input's value as a person's picker would (date-time fields take ISO values). */
  void setValue(By by, String value) {
    WebElement input = visible(by);
    script(
        "arguments[0].value = arguments[1];"
            + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        input,
        value);
  }

  /** Everything the page shows as text. */
  String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /**
   * What a Vietnamese reader must never meet on a page: an English word of an error, a raw code of
   * a status or role, an organisation as a path, an access error, a script's empty value.
   */
  static final List<String> NOT_FOR_PEOPLE =
      List.of(
          "Not Found",
          "Forbidden",
          "Bad Request",
          "Internal Server Error",
          "Method Not Allowed",
          "undefined",
          "NaN",
          "[object",
          "SCHEDULED",
          "IN_PROGRESS",
          "CLOSED",
          "FINALIZED",
          "SEALED",
          "PRESENT",
          "ABSENT_",
          "HYBRID",
          "IN_PERSON",
          "REGULAR",
          "OFFICIAL",
          "PROBATIONARY",
          "TRUNG_CAP",
          "cell-secretary",
          "org-admin",
          "/AG/",
          "Không có quyền");

  /** Fails naming what the page shows that a Vietnamese reader should not meet. */
  void assertReadableInVietnamese(String where, String... allowed) {
    String text = pageText();
    List<String> found =
        NOT_FOR_PEOPLE.stream()
            .filter(text::contains)
            .filter(w -> !List.of(allowed).contains(w))
            .toList();
    if (!found.isEmpty()) {
      throw new AssertionError(where + ": the page shows " + found + "\n--- page ---\n" + text);
    }
  }

  /**
   * After an action that may need the password again (signing asks for a recent login): types it
   * into Keycloak's form when the form is shown, then waits for {@code done}.
   */
  void passwordAgainIfAsked(String password, By done) {
    wait.until(
        d ->
            !d.findElements(done).isEmpty()
                || (!d.findElements(By.id("password")).isEmpty()
                    && d.findElement(By.id("password")).isDisplayed()));
    if (driver.findElements(done).isEmpty()) {
      type(By.id("password"), password);
      click(By.id("kc-login"));
    }
    visible(done);
  }

  /**
   * What a Vietnamese reader sees on the page holds no English message, no raw code (message key,
   * enum value, problem type), no org path, no ISO date and no access error: fails naming what it
   * found. Waits for the page to settle (no "…" placeholders) first.
   */
  void assertReadable() {
    String text =
        wait.until(
            d -> {
              Object busy =
                  script("return document.getElementById('main').getAttribute('aria-busy');");
              String t = (String) script("return document.body.innerText;");
              return "true".equals(busy) ? null : t;
            });
    List<String> problems = new java.util.ArrayList<>();
    for (java.util.regex.Pattern p : UNREADABLE) {
      java.util.regex.Matcher m = p.matcher(text);
      if (m.find()) {
        problems.add("'" + m.group() + "' (" + p.pattern() + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "At " + driver.getCurrentUrl() + " the page shows " + problems + " in:\n" + text);
    }
  }

  private static final List<java.util.regex.Pattern> UNREADABLE =
      List.of(
          // message keys and enum values shown as they are
          java.util.regex.Pattern.compile("\\b(portal|committee|admin|problem)\\.[a-z][\\w.-]*"),
          java.util.regex.Pattern.compile("\\b[A-Z]{2,}(_[A-Z]+)+\\b"),
          // org paths, ISO dates, programming leftovers
          java.util.regex.Pattern.compile("(^|\\s|\\()/[A-Z]{2}(/[A-Z0-9-]+)+"),
          java.util.regex.Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b"),
          java.util.regex.Pattern.compile("\\b(undefined|null|NaN|\\[object Object\\])\\b"),
          // English problems and access errors
          java.util.regex.Pattern.compile(
              "\\b(Forbidden|Not Found|Unauthorized|Bad Request|Unprocessable|Internal Server Error"
                  + "|Access Denied|Method Not Allowed|Conflict|error)\\b",
              java.util.regex.Pattern.CASE_INSENSITIVE),
          java.util.regex.Pattern.compile("Không có quyền|không có quyền"),
          java.util.regex.Pattern.compile("\\b0/0\\b"));

  @Override
  public void close() {
    driver.quit();
  }
}
