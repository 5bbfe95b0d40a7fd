package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import vn.digicell.platform.web.DemoSecrets;

/** The gateway started with the local platform's client secret outside a local demo stops. */
class DemoSecretRefusalTest {

  @Test
  void theDemoClientSecretOutsideTheLocalProfileStopsTheStart() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(GatewayApplication.class)
                    .run(
                        "--server.port=0",
                        "--digicell.gateway.client-secret=digicell-local-gateway-secret")
                    .close())
        .isInstanceOf(DemoSecrets.DemoSecretException.class)
        .hasMessageContaining("Refusing to start")
        .hasMessageContaining("digicell.gateway.client-secret");
  }
}
