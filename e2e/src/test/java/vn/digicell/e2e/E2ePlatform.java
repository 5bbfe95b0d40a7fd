package vn.digicell.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import vn.digicell.local.LocalPlatform;
import vn.digicell.local.PlatformOptions;
import vn.digicell.local.RunningPlatform;
import vn.digicell.platform.test.TestHttp;

/**
 * One real platform (Kafka, the store, Keycloak, the five services; ports +10000, no demo) for
 * every end-to-end test class of the run: starting it takes minutes, so it starts on first use and
 * stops when the test JVM ends. Test classes make their own data (own cells, own users), so they do
 * not disturb each other.
 */
final class E2ePlatform {

  private static RunningPlatform platform;
  private static RuntimeException failedStart;

  private E2ePlatform() {}

  static synchronized RunningPlatform get() {
    if (failedStart != null) {
      // one failed start is enough: the other classes fail at once with its cause
      throw new IllegalStateException(
          "The platform failed to start earlier in this run", failedStart);
    }
    if (platform == null) {
      // -Ddigicell.e2e.root=DIR runs the jars of a copy (a checkout whose jars nobody rebuilds)
      Path root =
          Path.of(System.getProperty("digicell.e2e.root", "..")).toAbsolutePath().normalize();
      Path data = Path.of("target", "e2e-data-" + UUID.randomUUID()).toAbsolutePath();
      RunningPlatform started;
      try {
        started = LocalPlatform.start(PlatformOptions.forEndToEndTests(root, data, false));
      } catch (RuntimeException e) {
        failedStart = e;
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-platform-stop"));
      platform = started;
      warmUp(started);
    }
    return platform;
  }

  /**
   * Freshly started services answer their first requests slowly (class loading, JIT, connection
   * pools) and a loaded CI machine can push that past the gateway's response timeout: one read
   * through the gateway per service first, until each answers.
   */
  private static void warmUp(RunningPlatform started) {
    TestHttp http = new TestHttp(started.endpoints().gateway().toString());
    String admin = started.accessToken("admin");
    for (String path :
        List.of(
            "/api/org-units?size=1",
            "/api/cells?under=/AG",
            "/api/documents?size=1",
            "/api/notifications?size=1")) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> http.get(path, admin).status() < 500);
    }
  }

  static TestHttp gateway() {
    return new TestHttp(get().endpoints().gateway().toString());
  }

  /** The admin's access token, fetched again once a minute: a long run outlasts one token. */
  static Supplier<String> adminTokens() {
    record Token(String value, Instant fetched) {}
    RunningPlatform running = get();
    AtomicReference<Token> current =
        new AtomicReference<>(new Token(running.accessToken("admin"), Instant.now()));
    return () ->
        current
            .updateAndGet(
                t ->
                    t.fetched().isAfter(Instant.now().minusSeconds(60))
                        ? t
                        : new Token(running.accessToken("admin"), Instant.now()))
            .value();
  }

  /** The gateway's base address without the final slash, as a browser opens it. */
  static String gatewayUrl() {
    String url = get().endpoints().gateway().toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
