package vn.digicell.notification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import vn.digicell.platform.web.DemoSecrets;

/** notification-service started with the local platform's receipt secret outside a demo stops. */
class DemoSecretRefusalTest {

  @Test
  void theDemoReceiptSecretOutsideTheLocalProfileStopsTheStartAndSaysWhy() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(NotificationServiceApplication.class)
                    .run(
                        "--server.port=0",
                        "--digicell.notification.receipt-secret=local-receipt-secret")
                    .close())
        .isInstanceOf(DemoSecrets.DemoSecretException.class)
        .hasMessageContaining("Refusing to start")
        .hasMessageContaining("digicell.notification.receipt-secret");
  }
}
