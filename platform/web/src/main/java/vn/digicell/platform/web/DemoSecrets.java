package vn.digicell.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Refuses to start a service whose configuration holds a secret that is public in this repository
 * (the local platform's demo keys and client secrets, listed in {@value #RESOURCE}), unless the
 * {@code local} profile is active or {@code digicell.allow-demo-secrets=true} says this is a demo.
 * Every property is checked by value, so a demo key under a renamed or new property is caught too,
 * and the message names the property, never the value.
 */
public class DemoSecrets implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

  static final String RESOURCE = "digicell-demo-secrets.properties";

  /** Set to {@code true} where demo secrets are expected: the local platform and tests. */
  public static final String ALLOW_PROPERTY = "digicell.allow-demo-secrets";

  /** The profile of the one-command local platform. */
  public static final String LOCAL_PROFILE = "local";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    check(environment);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  /** Throws {@link DemoSecretException} when a demo value is configured outside a local run. */
  public static void check(Environment environment) {
    if (allowed(environment)) {
      return;
    }
    List<String> offending = offendingProperties(environment);
    if (!offending.isEmpty()) {
      throw new DemoSecretException(offending);
    }
  }

  static boolean allowed(Environment environment) {
    return Arrays.asList(environment.getActiveProfiles()).contains(LOCAL_PROFILE)
        || environment.getProperty(ALLOW_PROPERTY, Boolean.class, false);
  }

  /** The configured properties whose value is a known demo secret, sorted. */
  static List<String> offendingProperties(Environment environment) {
    Map<String, String> demoValues = knownDemoValues();
    TreeSet<String> offending = new TreeSet<>();
    if (!(environment instanceof ConfigurableEnvironment configurable)) {
      return List.of();
    }
    for (PropertySource<?> source : configurable.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
        continue;
      }
      for (String name : enumerable.getPropertyNames()) {
        Object raw = enumerable.getProperty(name);
        if (raw == null) {
          continue;
        }
        String value = raw.toString().strip();
        if (value.contains("${")) {
          value = configurable.resolvePlaceholders(value).strip();
        }
        if (demoValues.containsKey(value)) {
          offending.add(name);
        }
      }
    }
    return new ArrayList<>(offending);
  }

  /** Demo value → the property the local platform sets it on. */
  static Map<String, String> knownDemoValues() {
    Properties listed = new Properties();
    try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
      listed.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    Map<String, String> byValue = new LinkedHashMap<>();
    for (String property : listed.stringPropertyNames()) {
      for (String value : listed.getProperty(property).split(",")) {
        if (!value.isBlank()) {
          byValue.put(value.strip(), property);
        }
      }
    }
    return byValue;
  }

  /** The service refuses to start: it was configured with a secret everyone can read. */
  public static final class DemoSecretException extends IllegalStateException {

    private final List<String> properties;

    DemoSecretException(List<String> properties) {
      super(
          "Refusing to start: "
              + String.join(", ", properties)
              + (properties.size() == 1 ? " holds" : " hold")
              + " a public demo secret of the local platform. Give this deployment its own secret"
              + " (environment variable or secret store), or run with the '"
              + LOCAL_PROFILE
              + "' profile or "
              + ALLOW_PROPERTY
              + "=true for a local demo.");
      this.properties = List.copyOf(properties);
    }

    /** The properties holding a demo value. */
    public List<String> properties() {
      return properties;
    }
  }
}
