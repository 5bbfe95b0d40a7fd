package vn.digicell.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every DigiCell service offers once booted against the real infrastructure: health and
 * readiness probes, Prometheus metrics, its OpenAPI document, and no API without a token. A
 * service's test extends this and is annotated {@link DigiCellIntegrationTest}.
 */
public abstract class ServiceBootContract {

  @LocalServerPort protected int port;
  protected TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp("http://localhost:" + port);
  }

  @Test
  void healthAndReadinessAreUp() {
    TestHttp.Response health = http.get("/actuator/health", null);
    assertThat(health.json().get("status").asString()).as(health.body()).isEqualTo("UP");
    assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
  }

  @Test
  void prometheusMetricsAreExposed() {
    TestHttp.Response r = http.get("/actuator/prometheus", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("jvm_memory_used_bytes").contains("digicell_outbox_backlog");
  }

  @Test
  void theOpenApiDocumentIsPublished() {
    TestHttp.Response r = http.get("/v3/api-docs", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("openapi").asString()).startsWith("3.");
  }

  @Test
  void theApiNeedsAToken() {
    TestHttp.Response r = http.get("/api/anything", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
  }
}
