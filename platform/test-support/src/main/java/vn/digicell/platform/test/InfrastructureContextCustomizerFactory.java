package vn.digicell.platform.test;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Gives every test context the services' secrets ({@link TestSecrets}, lowest precedence: no jar
 * carries a default), the gateway the shared {@link TestRedis}, and points every {@link
 * DigiCellIntegrationTest} at the shared test infrastructure.
 */
class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

  /** Whether the application under test keeps web sessions in Redis (the gateway does). */
  private static final boolean REDIS_SESSIONS =
      org.springframework.util.ClassUtils.isPresent(
          "org.springframework.session.data.redis.ReactiveRedisSessionRepository",
          InfrastructureContextCustomizerFactory.class.getClassLoader());

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
        .isPresent(DigiCellIntegrationTest.class)) {
      return new SecretsCustomizer();
    }
    return new InfrastructureCustomizer(testClass.getSimpleName().toLowerCase(Locale.ROOT));
  }

  private record InfrastructureCustomizer(String database) implements ContextCustomizer {
    @Override
    public void customizeContext(
        org.springframework.context.ConfigurableApplicationContext context,
        org.springframework.test.context.MergedContextConfiguration mergedConfig) {
      Map<String, Object> properties =
          new HashMap<>(TestInfrastructure.serviceProperties(database));
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(new MapPropertySource("digicellTestInfrastructure", properties));
      new SecretsCustomizer().customizeContext(context, mergedConfig);
    }
  }

  private record SecretsCustomizer() implements ContextCustomizer {
    @Override
    public void customizeContext(
        org.springframework.context.ConfigurableApplicationContext context,
        org.springframework.test.context.MergedContextConfiguration mergedConfig) {
      context
          .getEnvironment()
          .getPropertySources()
          .addLast(
              new MapPropertySource(
                  "digicellTestSecrets", new HashMap<>(TestSecrets.properties())));
      if (REDIS_SESSIONS) {
        // the gateway: its web sessions live in the shared test Redis, as in production (over
        // application.yml's local address)
        context
            .getEnvironment()
            .getPropertySources()
            .addFirst(
                new MapPropertySource("digicellTestRedis", new HashMap<>(TestRedis.properties())));
      }
    }
  }
}
