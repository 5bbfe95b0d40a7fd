package vn.digicell.notification.feedback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * {@code digicell.notification.feedback.*}.
 *
 * @param resolveWithin the deadline each level has (shown on the item): open feedback past it is
 *     overdue, and feedback nobody took up by it (received or assigned, not started) moves up a
 *     level, which gets the same time again. One rule, locally and in production.
 * @param maxAttachmentSize the largest photo or document accepted
 * @param maxAttachments how many files one item may carry
 */
@ConfigurationProperties("digicell.notification.feedback")
public record FeedbackProperties(
    Duration resolveWithin, DataSize maxAttachmentSize, int maxAttachments) {

  public FeedbackProperties {
    if (resolveWithin == null) {
      resolveWithin = Duration.ofDays(30);
    }
    if (maxAttachmentSize == null) {
      maxAttachmentSize = DataSize.ofMegabytes(10);
    }
    if (maxAttachments <= 0) {
      maxAttachments = 5;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(FeedbackProperties.class)
  static class Enable {}
}
