package vn.digicell.member.position;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "digicell.member.keycloak.enabled", havingValue = "true")
class PositionConfiguration {

  @Bean
  KeycloakUsers keycloakUsers(KeycloakUsers.Settings settings) {
    return new KeycloakUsers(settings);
  }
}
