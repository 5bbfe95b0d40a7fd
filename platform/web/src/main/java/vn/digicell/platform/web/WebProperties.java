package vn.digicell.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code digicell.web.*}: limits every service applies to incoming requests.
 *
 * @param maxRequestSize the largest request body accepted; larger ones get 413 before parsing
 */
@ConfigurationProperties("digicell.web")
public record WebProperties(DataSize maxRequestSize) {

  public WebProperties {
    if (maxRequestSize == null) {
      maxRequestSize = DataSize.ofKilobytes(256);
    }
  }
}
