package vn.digicell.meeting.meeting;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.digicell.platform.web.ProblemException;

/**
 * The short-lived code a meeting's QR shows at the venue: {@code meetingId.expiry.hmac}, signed
 * with HMAC-SHA256 so a member's phone can prove it saw this meeting's code recently. A code for
 * another meeting, an expired code or an altered one is refused with its own problem.
 */
@Component
public class CheckInCodes {

  private static final Logger log = LoggerFactory.getLogger(CheckInCodes.class);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final byte[] key;
  private final Duration lifetime;
  private final Clock clock;

  CheckInCodes(
      @Value("${digicell.meeting.check-in.secret:}") String secret,
      @Value("${digicell.meeting.check-in.lifetime:PT2M}") Duration lifetime,
      Clock clock) {
    if (secret.isBlank()) {
      // fine for one instance; several instances must share a configured secret
      log.warn("digicell.meeting.check-in.secret is not set: using a random key for this process");
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      this.key = random;
    } else {
      this.key = Base64.getDecoder().decode(secret);
    }
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** A code for this meeting and when it stops being accepted. */
  public record Code(String code, Instant expiresAt) {}

  public Code issue(String meetingId) {
    Instant expiresAt = Instant.now(clock).plus(lifetime);
    String body =
        B64.encodeToString(meetingId.getBytes(StandardCharsets.UTF_8))
            + "."
            + expiresAt.getEpochSecond();
    return new Code(body + "." + B64.encodeToString(mac(body)), expiresAt);
  }

  /** Accepts a code only for {@code meetingId}, unexpired, and exactly as it was signed. */
  public void verify(String code, String meetingId) {
    String[] parts = code == null ? new String[0] : code.strip().split("\\.");
    if (parts.length != 3) {
      throw invalid();
    }
    String body = parts[0] + "." + parts[1];
    byte[] given;
    try {
      given = B64D.decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!MessageDigest.isEqual(mac(body), given)) {
      throw invalid();
    }
    String codeMeeting = new String(B64D.decode(parts[0]), StandardCharsets.UTF_8);
    if (!codeMeeting.equals(meetingId)) {
      throw ProblemException.ruleViolated(
          "check-in-code-for-another-meeting", "This check-in code belongs to another meeting.");
    }
    if (!Instant.now(clock).isBefore(Instant.ofEpochSecond(Long.parseLong(parts[1])))) {
      throw ProblemException.ruleViolated(
          "check-in-code-expired", "This check-in code has expired; scan the code shown now.");
    }
  }

  private static ProblemException invalid() {
    return ProblemException.badRequest(
        "invalid-check-in-code", "This is not a valid check-in code.");
  }

  private byte[] mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
