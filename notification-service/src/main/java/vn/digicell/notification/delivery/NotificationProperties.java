package vn.digicell.notification.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code digicell.notification.*}: delivery queue, channels and providers.
 *
 * @param portalUrl base URL of the portal, for links in e-mails and messages
 * @param mailFrom sender address of e-mails
 * @param receiptSecret shared secret providers send in {@code X-Receipt-Secret} with receipts
 * @param dispatch the queue: batch size, attempts, back-off, claim lease, poll interval
 * @param digest hour (0-23, Vietnam time) the daily digest goes out
 * @param sms generic brandname-SMS JSON API
 * @param zalo Zalo Official Account API
 */
@ConfigurationProperties("digicell.notification")
public record NotificationProperties(
    String portalUrl,
    String mailFrom,
    String receiptSecret,
    Dispatch dispatch,
    Digest digest,
    Sms sms,
    Zalo zalo) {

  public NotificationProperties {
    portalUrl = portalUrl == null ? "http://localhost:8080" : portalUrl;
    mailFrom = mailFrom == null ? "DigiCell <no-reply@digicell.vn>" : mailFrom;
    dispatch = dispatch == null ? new Dispatch(0, 0, null, null, null) : dispatch;
    digest = digest == null ? new Digest(null) : digest;
    sms = sms == null ? new Sms(null, null, null, null) : sms;
    zalo = zalo == null ? new Zalo(null, null, null) : zalo;
  }

  public record Dispatch(
      int batchSize,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration lease) {
    public Dispatch {
      batchSize = batchSize <= 0 ? 100 : Math.min(batchSize, 1000);
      maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
      initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
      maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
      lease = lease == null ? Duration.ofMinutes(2) : lease;
    }

    /** Wait before attempt {@code attempts + 1}: doubling from the initial back-off, capped. */
    public Duration backoffAfter(int attempts) {
      long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
      Duration d = initialBackoff.multipliedBy(factor);
      return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
  }

  public record Digest(Integer hour) {
    public Digest {
      hour = hour == null ? 18 : hour;
    }
  }

  public record Sms(String baseUrl, String apiKey, String brandname, Duration timeout) {
    public Sms {
      baseUrl = baseUrl == null ? "http://localhost:8185/sms" : baseUrl;
      brandname = brandname == null ? "DIGICELL" : brandname;
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }
  }

  public record Zalo(String baseUrl, String accessToken, Duration timeout) {
    public Zalo {
      baseUrl = baseUrl == null ? "http://localhost:8185/zalo" : baseUrl;
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }
  }
}
