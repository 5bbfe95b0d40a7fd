package vn.digicell.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.digicell.platform.test.TestRedis;
import vn.digicell.platform.test.TestSecrets;

/**
 * Gateway replicas as separate applications on real ports, sharing the test Redis as pods behind a
 * load balancer share theirs.
 */
final class GatewayReplicas {

  private GatewayReplicas() {}

  /** One replica with the shared store and these settings, given as a deployment gives them. */
  static ConfigurableApplicationContext start(Map<String, String> settings) {
    Map<String, Object> properties = new LinkedHashMap<>(TestSecrets.properties());
    properties.putAll(TestRedis.properties());
    properties.put("server.port", "0");
    properties.put("digicell.gateway.client-secret", "test-secret");
    properties.putAll(settings);
    // as arguments, so they win over application.yml as a deployment's settings do
    return new SpringApplicationBuilder(GatewayApplication.class)
        .web(WebApplicationType.REACTIVE)
        .run(
            properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
  }

  static int port(ConfigurableApplicationContext replica) {
    return ((WebServerApplicationContext) replica).getWebServer().getPort();
  }

  /** A client of one replica, optionally sending the public Host the load balancer forwards. */
  static WebTestClient client(ConfigurableApplicationContext replica, String publicHost) {
    WebTestClient.Builder builder =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port(replica))
            .responseTimeout(Duration.ofSeconds(20));
    if (publicHost != null) {
      builder.defaultHeader("Host", publicHost);
    }
    return builder.build();
  }
}
