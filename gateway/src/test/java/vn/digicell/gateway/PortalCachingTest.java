package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Weak networks: the page names its scripts and styles by fingerprinted addresses cached for a
 * year; the page and the service worker are revalidated; everything is gzipped when accepted.
 */
class PortalCachingTest extends GatewayTestSupport {

  private static final Pattern SCRIPT = Pattern.compile("src=\"(/portal\\.[0-9a-f]{10}\\.js)\"");
  private static final Pattern STYLE = Pattern.compile("href=\"(/portal\\.[0-9a-f]{10}\\.css)\"");

  @Test
  void pageNamesFingerprintedFilesThatAreCachedForAYear() {
    String page = page("/");
    String script = first(SCRIPT, page);
    String style = first(STYLE, page);
    assertThat(page).containsPattern("src=\"/member\\.[0-9a-f]{10}\\.js\"");

    for (String file : new String[] {script, style}) {
      client
          .get()
          .uri(file)
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .value(
              HttpHeaders.CACHE_CONTROL,
              value ->
                  assertThat(value)
                      .contains("max-age=31536000")
                      .contains("public")
                      .contains("immutable")
                      .doesNotContain("no-store"));
    }
    String portalJs =
        client
            .get()
            .uri(script)
            .exchange()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(portalJs).containsPattern("'/secretary\\.[0-9a-f]{10}\\.js'");
  }

  @Test
  void pageServiceWorkerAndPlainAddressesAreRevalidated() {
    for (String path : new String[] {"/", "/index.html", "/sw.js", "/portal.js", "/p/ABCD2345"}) {
      client
          .get()
          .uri(path)
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
          .expectHeader()
          .exists(HttpHeaders.ETAG);
    }
    assertThat(page("/p/ABCD2345")).as("a QR address opens the same page").isEqualTo(page("/"));
    String etag =
        client.get().uri("/").exchange().returnResult(String.class).getResponseHeaders().getETag();
    client
        .get()
        .uri("/")
        .header(HttpHeaders.IF_NONE_MATCH, etag)
        .exchange()
        .expectStatus()
        .isNotModified();
  }

  @Test
  void filesAreGzippedForBrowsersThatAcceptIt() throws IOException {
    String script = first(SCRIPT, page("/"));
    byte[] gzipped =
        client
            .get()
            .uri(script)
            .header(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate, br")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals(HttpHeaders.CONTENT_ENCODING, "gzip")
            .expectHeader()
            .valueEquals(HttpHeaders.VARY, "Accept-Encoding")
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    byte[] plain =
        client
            .get()
            .uri(script)
            .exchange()
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    assertThat(gzipped.length).isLessThan(plain.length / 2);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }

  @Test
  void anOutdatedFingerprintGetsTodaysFileBrieflyAndAnUnknownFileIsNotFound() {
    String script = first(SCRIPT, page("/"));
    String outdated = script.replaceAll("\\.[0-9a-f]{10}\\.", ".0000000000.");
    client
        .get()
        .uri(outdated)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=300");
    client.get().uri("/nothing-here.0123456789.js").exchange().expectStatus().isNotFound();
  }

  @Test
  void serviceWorkerIsServedAsScriptForTheWholePortal() {
    String worker =
        client
            .get()
            .uri("/sw.js")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith("text/javascript")
            .expectHeader()
            .valueEquals("Service-Worker-Allowed", "/")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(worker).contains("forgetPeople").contains("portal.offline.needs-network");
    assertThat(page("/")).containsPattern("src=\"/offline\\.[0-9a-f]{10}\\.js\"");
  }

  private String page(String path) {
    return new String(
        client
            .get()
            .uri(path)
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody(),
        StandardCharsets.UTF_8);
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as(pattern + " in " + text).isTrue();
    return m.group(1);
  }
}
