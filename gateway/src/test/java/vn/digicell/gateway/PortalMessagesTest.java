package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** The portal's texts: served per language, complete in both, and every key the screens use. */
class PortalMessagesTest extends GatewayTestSupport {

  private static final Path STATIC = Path.of("src/main/resources/static");
  private static final Set<String> PORTAL_1_SCRIPTS =
      Set.of("portal.js", "member.js", "secretary.js", "minutes.js", "records.js");
  private static final Pattern KEY = Pattern.compile("'(portal\\.[a-z0-9.-]*[a-z0-9])'");

  @Test
  void vietnameseByDefaultEnglishOnRequestWithoutLogin() {
    Map<String, String> vi = messages("/portal/messages");
    Map<String, String> en = messages("/portal/messages?lang=en");
    assertThat(vi).containsEntry("portal.app.name", "Chi bộ số");
    assertThat(vi).containsEntry("portal.weekday.1", "Thứ Hai");
    assertThat(en).containsEntry("portal.app.name", "Digital Party Cell");
    // only the portal's texts, not the gateway's problem messages
    assertThat(vi.keySet()).allMatch(k -> k.matches("(portal|committee|admin)\\..+"));
    // an unknown language is Vietnamese
    assertThat(messages("/portal/messages?lang=fr")).isEqualTo(vi);
  }

  @Test
  void anUnchangedBundleIsNotSentAgain() {
    String etag =
        client
            .get()
            .uri("/portal/messages?lang=vi")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueMatches("Cache-Control", ".*no-cache.*")
            .returnResult(String.class)
            .getResponseHeaders()
            .getETag();
    assertThat(etag).isNotBlank();
    client
        .get()
        .uri("/portal/messages?lang=vi")
        .header("If-None-Match", etag)
        .exchange()
        .expectStatus()
        .isNotModified();
  }

  @Test
  void bothBundlesHaveTheSamePortalKeys() {
    Set<String> vi = portalKeys("messages_vi.properties");
    Set<String> en = portalKeys("messages_en.properties");
    assertThat(vi).isNotEmpty();
    assertThat(difference(vi, en)).as("in Vietnamese only").isEmpty();
    assertThat(difference(en, vi)).as("in English only").isEmpty();
  }

  @Test
  void everyTextTheScreensAskForExists() throws IOException {
    Set<String> vi = portalKeys("messages_vi.properties");
    Set<String> used = new TreeSet<>();
    for (String script : PORTAL_1_SCRIPTS) {
      Matcher m = KEY.matcher(Files.readString(STATIC.resolve(script)));
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    assertThat(used).hasSizeGreaterThan(100);
    assertThat(difference(used, vi)).as("keys used but missing").isEmpty();
  }

  @Test
  void qrAddressesServeThePortalWithoutLogin() {
    for (String path : new String[] {"/s/ABCD2345", "/p/XYZW6789"}) {
      String page =
          client
              .get()
              .uri(path)
              .accept(MediaType.TEXT_HTML)
              .exchange()
              .expectStatus()
              .isOk()
              .expectHeader()
              .contentTypeCompatibleWith(MediaType.TEXT_HTML)
              .expectBody(String.class)
              .returnResult()
              .getResponseBody();
      assertThat(page).containsPattern("/portal\\.[0-9a-f]{10}\\.js").contains("lang=\"vi\"");
    }
    for (String script :
        new String[] {
          "/member.js", "/secretary.js", "/minutes.js", "/records.js", "/qr.js", "/portal.css"
        }) {
      client.get().uri(script).exchange().expectStatus().isOk();
    }
    // only those: other pages still need a login
    client.get().uri("/s/ABCD2345/more").exchange().expectStatus().isUnauthorized();
  }

  private Map<String, String> messages(String uri) {
    return client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(new ParameterizedTypeReference<Map<String, String>>() {})
        .returnResult()
        .getResponseBody();
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    return a.stream().filter(k -> !b.contains(k)).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> portalKeys(String bundle) {
    Properties properties = new Properties();
    try (InputStream in = PortalMessagesTest.class.getResourceAsStream("/" + bundle)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.stringPropertyNames().stream()
        .filter(k -> k.startsWith("portal."))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
