package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.digicell.platform.test.TestTokens;

/**
 * The first page a member opens weighs at most 300 KB transferred: the page, every script and style
 * sheet it references, and the texts it loads, fetched over a real socket as a browser fetches them
 * (gzip accepted) and counted as the bytes on the wire.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalWeightTest {

  static final long BUDGET = 300 * 1024;
  private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/[^\"#?]+\\.(?:js|css))\"");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) {
    properties.add("digicell.security.issuer-uri", TestTokens::issuerUri);
    properties.add("digicell.gateway.client-secret", () -> "test-secret");
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theMembersFirstPageStaysUnder300KilobytesTransferred() throws Exception {
    Map<String, Long> wire = new LinkedHashMap<>();
    HttpResponse<byte[]> page = fetch("/");
    wire.put("/", (long) page.body().length);
    String html = text(page);
    List<String> assets = new ArrayList<>();
    Matcher m = ASSET.matcher(html);
    while (m.find()) {
      assets.add(m.group(1));
    }
    // the core, the member's screens and the styles are on the first page
    // (by their fingerprinted addresses, e.g. /portal.3f2a9c1b0d.js)
    for (String name :
        List.of(
            "portal\\.[0-9a-f]{10}\\.js",
            "member\\.[0-9a-f]{10}\\.js",
            "portal\\.[0-9a-f]{10}\\.css")) {
      assertThat(assets).anyMatch(a -> a.matches("/" + name));
    }
    for (String asset : assets) {
      HttpResponse<byte[]> r = fetch(asset);
      assertThat(r.statusCode()).as(asset).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Encoding")).as(asset).hasValue("gzip");
      wire.put(asset, (long) r.body().length);
    }
    HttpResponse<byte[]> texts = fetch("/portal/messages?lang=vi");
    assertThat(r(texts)).isEqualTo(200);
    assertThat(texts.headers().firstValue("Content-Encoding")).hasValue("gzip");
    wire.put("/portal/messages?lang=vi", (long) texts.body().length);

    long total = wire.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("portal first page: %,d bytes transferred %s%n", total, wire);
    assertThat(total).isLessThanOrEqualTo(BUDGET);
  }

  @Test
  void roleAreasAreNotPartOfTheFirstPage() throws Exception {
    String html = text(fetch("/"));
    assertThat(html)
        .doesNotContain(
            "secretary.js", "minutes.js", "committee.js", "admin.js", "qr.js", "records.js");
    // but they are served, compressed, when an area is opened
    HttpResponse<byte[]> secretary = fetch("/secretary.js");
    assertThat(r(secretary)).isEqualTo(200);
    assertThat(secretary.headers().firstValue("Content-Encoding")).hasValue("gzip");
  }

  private static int r(HttpResponse<?> response) {
    return response.statusCode();
  }

  private HttpResponse<byte[]> fetch(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept-Encoding", "gzip")
            .timeout(Duration.ofSeconds(20))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) throws Exception {
    byte[] body = response.body();
    if (response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
      try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    }
    return new String(body, StandardCharsets.UTF_8);
  }
}
