package vn.digicell.gateway;

import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The single entry point of DigiCell: SSO login, routing with token relay, and the portal. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  /** Vietnamese is the language of the platform; English is the second language. */
  public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

  public static void main(String[] args) {
    SpringApplication.run(GatewayApplication.class, args);
  }

  @Bean
  MessageSource messageSource() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    messages.setDefaultLocale(VIETNAMESE);
    return messages;
  }
}
