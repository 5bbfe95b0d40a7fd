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
    this.driver = new ChromeDriver(service, options);
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
    wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
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

  @Override
  public void close() {
    driver.quit();
  }
}
