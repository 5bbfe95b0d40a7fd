package vn.digicell.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every DigiCell application, servlet or reactive (the gateway), checks its secrets before any bean
 * is created: see {@link DemoSecrets}.
 */
@AutoConfiguration
public class DemoSecretsAutoConfiguration {

  @Bean
  static DemoSecrets digiCellDemoSecrets() {
    return new DemoSecrets();
  }
}
