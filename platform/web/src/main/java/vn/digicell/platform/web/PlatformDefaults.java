package vn.digicell.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the settings every DigiCell service shares ({@code digicell-defaults.properties}: probes,
 * metrics, error rendering, virtual threads) with the lowest precedence, so a service's own
 * configuration, the environment and the command line still win.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

  static final String RESOURCE = "digicell-defaults.properties";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (application.getWebApplicationType() == WebApplicationType.REACTIVE) {
      // the gateway reads only DemoSecrets from this module; its settings are its own
      return;
    }
    try {
      environment
          .getPropertySources()
          .addLast(new ResourcePropertySource("digicellDefaults", new ClassPathResource(RESOURCE)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
