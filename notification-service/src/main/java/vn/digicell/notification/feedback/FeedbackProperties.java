package vn.digicell.notification.feedback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * {@code digicell.notification.feedback.*}.
 *
 * @param escalateAfter feedback received or assigned but not started moves up a level after this
 * @param resolveWithin open feedback older than this is overdue
 * @param maxAttachmentSize the largest photo or document accepted
 * @param maxAttachments how many files one item may carry
 */
@ConfigurationProperties("digicell.notification.feedback")
public record FeedbackProperties(
    Duration escalateAfter,
    Duration resolveWithin,
    DataSize maxAttachmentSize,
    int maxAttachments) {

  public FeedbackProperties {
    if (escalateAfter == null) {
      escalateAfter = Duration.ofDays(3);
    }
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
