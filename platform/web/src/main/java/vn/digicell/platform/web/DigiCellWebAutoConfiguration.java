package vn.digicell.platform.web;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/** Problem details, correlation ids, request limits and Vietnamese-first messages. */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
      // our /error replaces Boot's BasicErrorController, which backs off when one exists
      "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class DigiCellWebAutoConfiguration {

  /** Vietnamese unless the caller asks for English. */
  public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

  @Bean
  PlatformMessages platformMessages() {
    return new PlatformMessages();
  }

  @Bean
  ProblemDetailsHandler problemDetailsHandler(PlatformMessages messages) {
    return new ProblemDetailsHandler(messages);
  }

  @Bean
  ProblemErrorController problemErrorController(PlatformMessages messages) {
    return new ProblemErrorController(messages);
  }

  /** Tomcat's own refusals (a malformed path or query, a request line too long) as problems. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
  static class TomcatProblems {

    @Bean
    TomcatProblemPages tomcatProblemPages(PlatformMessages messages, JsonMapper json) {
      return new TomcatProblemPages(new ProblemErrorReportValve(messages, json));
    }
  }

  @Bean(name = "localeResolver")
  LocaleResolver localeResolver() {
    AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
    resolver.setDefaultLocale(VIETNAMESE);
    resolver.setSupportedLocales(List.of(VIETNAMESE, Locale.ENGLISH));
    return resolver;
  }

  @Bean
  FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
    FilterRegistrationBean<CorrelationIdFilter> registration =
        new FilterRegistrationBean<>(new CorrelationIdFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
      WebProperties properties, JsonMapper json) {
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(
            new RequestSizeLimitFilter(properties.maxRequestSize().toBytes(), json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
