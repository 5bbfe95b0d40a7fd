package vn.digicell.meeting.minutes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import vn.digicell.platform.web.ProblemException;

/**
 * Signing needs a recent login: the token's {@code auth_time} (or, without it, {@code iat}) must be
 * no older than {@code digicell.meeting.minutes.fresh-login} (default 5 minutes).
 */
@Component
class FreshLogin {

  private final Duration maxAge;
  private final Clock clock;

  FreshLogin(@Value("${digicell.meeting.minutes.fresh-login:PT5M}") Duration maxAge, Clock clock) {
    this.maxAge = maxAge;
    this.clock = clock;
  }

  void require() {
    Instant loggedIn = loginTime();
    if (loggedIn == null || loggedIn.isBefore(Instant.now(clock).minus(maxAge))) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "fresh-login-required",
          "Signing needs a login within the last " + maxAge.toMinutes() + " minutes.");
    }
  }

  private static Instant loginTime() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (!(auth instanceof JwtAuthenticationToken jwt)) {
      return null;
    }
    Instant authTime = instant(jwt.getToken().getClaims().get("auth_time"));
    return authTime != null ? authTime : jwt.getToken().getIssuedAt();
  }

  private static Instant instant(Object claim) {
    return switch (claim) {
      case Instant i -> i;
      case Number n -> Instant.ofEpochSecond(n.longValue());
      case Date d -> d.toInstant();
      case null, default -> null;
    };
  }
}
