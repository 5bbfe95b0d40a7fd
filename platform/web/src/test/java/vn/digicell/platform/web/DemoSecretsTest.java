package vn.digicell.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** A context configured with a public demo secret refuses to start, outside a local demo. */
class DemoSecretsTest {

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(DemoSecretsAutoConfiguration.class)
  static class App {}

  private static ConfigurableApplicationContext start(String... args) {
    SpringApplication app =
        new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).build();
    return app.run(args);
  }

  @Test
  void aDemoKeyOutsideTheLocalProfileStopsTheStartAndNamesTheProperty() {
    assertThatThrownBy(
            () ->
                start(
                    "--digicell.meeting.check-in.secret="
                        + "ZGlnaWNlbGwtbG9jYWwtZGVtby1jaGVjay1pbi1rZXkhIQ=="))
        .isInstanceOf(DemoSecrets.DemoSecretException.class)
        .hasMessageContaining("Refusing to start")
        .hasMessageContaining("digicell.meeting.check-in.secret")
        .hasMessageNotContaining("ZGlnaWNlbGwtbG9jYWwtZGVtby1jaGVjay1pbi1rZXkhIQ==");
  }

  @Test
  void aDemoValueUnderAnyPropertyNameIsCaught() {
    assertThatThrownBy(() -> start("--digicell.member.crypto.keys.k2=local-receipt-secret"))
        .isInstanceOf(DemoSecrets.DemoSecretException.class)
        .hasMessageContaining("digicell.member.crypto.keys.k2");
  }

  @Test
  void everyDemoSecretIsNamed() {
    assertThatThrownBy(
            () ->
                start(
                    "--digicell.notification.receipt-secret=local-receipt-secret",
                    "--digicell.notification.sms.api-key=local-sms-key"))
        .isInstanceOfSatisfying(
            DemoSecrets.DemoSecretException.class,
            e ->
                assertThat(e.properties())
                    .containsExactly(
                        "digicell.notification.receipt-secret",
                        "digicell.notification.sms.api-key"));
  }

  @Test
  void theLocalProfileOrTheExplicitSwitchAllowsDemoSecrets() {
    try (var local =
        start(
            "--spring.profiles.active=local",
            "--digicell.gateway.client-secret=digicell-local-gateway-secret")) {
      assertThat(local.isActive()).isTrue();
    }
    try (var allowed =
        start(
            "--digicell.allow-demo-secrets=true",
            "--digicell.gateway.client-secret=digicell-local-gateway-secret")) {
      assertThat(allowed.isActive()).isTrue();
    }
  }

  @Test
  void ownSecretsStart() {
    try (var production = start("--digicell.gateway.client-secret=a-real-secret-of-this-site")) {
      assertThat(production.isActive()).isTrue();
    }
  }

  @Test
  void theListNamesEveryKnownDemoSecret() {
    assertThat(DemoSecrets.knownDemoValues().values())
        .contains(
            "digicell.member.crypto.encryption-key",
            "digicell.member.crypto.hmac-key",
            "digicell.meeting.check-in.secret",
            "digicell.ledger.signing-key",
            "digicell.gateway.client-secret",
            "digicell.notification.receipt-secret",
            "digicell.notification.sms.api-key",
            "digicell.notification.zalo.access-token");
  }
}
