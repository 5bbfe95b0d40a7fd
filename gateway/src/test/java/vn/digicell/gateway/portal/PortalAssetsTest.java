package vn.digicell.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingerprints follow content, including the content of the files a file names. */
class PortalAssetsTest {

  @TempDir Path portal;

  @Test
  void aChangedFileGetsANewAddressAndSoDoFilesNamingIt() throws IOException {
    write("index.html", "<script src=\"/portal.js\"></script><link href=\"/portal.css\">");
    write("portal.js", "load('/charts.js'); navigator.serviceWorker.register('/sw.js');");
    write("charts.js", "var version = 1;");
    write("portal.css", "body{}");
    write("sw.js", "self.x = 1;");
    PortalAssets assets = new PortalAssets(new String[] {"file:" + portal + "/"});

    String portalUrl = assets.urls().get("/portal.js");
    String chartsUrl = assets.urls().get("/charts.js");
    String cssUrl = assets.urls().get("/portal.css");
    assertThat(portalUrl).matches("/portal\\.[0-9a-f]{10}\\.js");
    assertThat(assets.urls())
        .containsEntry("/sw.js", "/sw.js")
        .containsEntry("/index.html", "/index.html");
    assertThat(text(assets.page().orElseThrow().bytes())).contains(portalUrl).contains(cssUrl);
    String portalJs = text(assets.find("portal.js").orElseThrow().asset().bytes());
    assertThat(portalJs).contains("'" + chartsUrl + "'").contains("'/sw.js'");

    write("charts.js", "var version = 2;");

    assertThat(assets.urls().get("/charts.js")).isNotEqualTo(chartsUrl);
    assertThat(assets.urls().get("/portal.js"))
        .as("portal.js names charts.js")
        .isNotEqualTo(portalUrl);
    assertThat(assets.urls().get("/portal.css")).as("unchanged").isEqualTo(cssUrl);
    assertThat(text(assets.page().orElseThrow().bytes())).contains(assets.urls().get("/portal.js"));
    String oldHash = chartsUrl.replaceAll(".*\\.([0-9a-f]{10})\\.js", "$1");
    PortalAssets.Lookup stale = assets.find("charts." + oldHash + ".js").orElseThrow();
    assertThat(stale.fingerprinted()).isFalse();
    assertThat(text(stale.asset().bytes())).contains("version = 2");
  }

  @Test
  void everyAssetIsGzippedOnce() throws IOException {
    write("portal.js", "var a = 'Chi bộ số';\n".repeat(200));
    PortalAssets assets = new PortalAssets(new String[] {"file:" + portal + "/"});

    PortalAssets.Asset asset = assets.find("portal.js").orElseThrow().asset();

    assertThat(asset.gzipped().length).isLessThan(asset.bytes().length / 10);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(asset.gzipped()))) {
      assertThat(in.readAllBytes()).isEqualTo(asset.bytes());
    }
  }

  @Test
  void unknownFilesAndMadeUpFingerprintsAreNotFound() throws IOException {
    write("portal.js", "1");
    PortalAssets assets = new PortalAssets(new String[] {"file:" + portal + "/"});

    assertThat(assets.find("nothing.js")).isEmpty();
    assertThat(assets.find("nothing.0123456789.js")).isEmpty();
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(portal.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
