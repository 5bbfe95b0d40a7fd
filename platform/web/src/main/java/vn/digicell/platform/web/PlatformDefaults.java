package vn.digicell.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the settings every DigiCell service shares ({@code digicell-defaults.properties}: probes,
 * metrics, error rendering, virtual threads) with the lowest precedence, so a service's own
 * configuration, the environment and the command line still win. Other platform starters add theirs
 * as {@code META-INF/digicell/<starter>-defaults.properties} (e.g. the event spine puts the store
 * and the broker in the readiness group), read the same way.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

  static final String RESOURCE = "digicell-defaults.properties";
  static final String STARTER_DEFAULTS = "classpath*:META-INF/digicell/*-defaults.properties";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (application.getWebApplicationType() == WebApplicationType.REACTIVE) {
      // the gateway reads only DemoSecrets from this module; its settings are its own
      return;
    }
    try {
      var sources = environment.getPropertySources();
      sources.addLast(
          new ResourcePropertySource("digicellDefaults", new ClassPathResource(RESOURCE)));
      Resource[] starters =
          new PathMatchingResourcePatternResolver().getResources(STARTER_DEFAULTS);
      Arrays.sort(starters, Comparator.comparing(Resource::getDescription));
      for (Resource starter : starters) {
        sources.addLast(
            new ResourcePropertySource("digicellDefaults:" + starter.getFilename(), starter));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the platform's default settings", e);
    }
  }
}
