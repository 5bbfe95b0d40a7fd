package vn.digicell.meeting.meeting;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import vn.digicell.platform.web.ProblemException;

class CheckInCodesTest {

  static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);
  static final Instant NOW = Instant.parse("2026-11-20T01:00:00Z");

  static CheckInCodes at(Instant instant) {
    return new CheckInCodes(SECRET, Duration.ofMinutes(2), Clock.fixed(instant, ZoneOffset.UTC));
  }

  static String typeOf(Throwable e) {
    return ((ProblemException) e).type();
  }

  @Test
  void aFreshCodeOfThisMeetingIsAccepted() {
    String code = at(NOW).issue("m-1").code();
    assertThatCode(() -> at(NOW.plusSeconds(119)).verify(code, "m-1")).doesNotThrowAnyException();
  }

  @Test
  void anExpiredCodeIsRefused() {
    String code = at(NOW).issue("m-1").code();
    assertThatThrownBy(() -> at(NOW.plusSeconds(120)).verify(code, "m-1"))
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(typeOf(e))
                    .isEqualTo("check-in-code-expired"));
  }

  @Test
  void aCodeOfAnotherMeetingIsRefused() {
    String code = at(NOW).issue("m-2").code();
    assertThatThrownBy(() -> at(NOW).verify(code, "m-1"))
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(typeOf(e))
                    .isEqualTo("check-in-code-for-another-meeting"));
  }

  @Test
  void aTamperedCodeIsRefused() {
    String code = at(NOW).issue("m-1").code();
    String[] parts = code.split("\\.");
    // push the expiry a day later without re-signing
    String extended = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
    for (String bad : new String[] {extended, code + "x", "garbage", "a.b.c", ""}) {
      assertThatThrownBy(() -> at(NOW).verify(bad, "m-1"))
          .as(bad)
          .satisfies(
              e ->
                  org.assertj.core.api.Assertions.assertThat(typeOf(e))
                      .isEqualTo("invalid-check-in-code"));
    }
    CheckInCodes otherKey =
        new CheckInCodes(
            Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
            Duration.ofMinutes(2),
            Clock.fixed(NOW, ZoneOffset.UTC));
    assertThatThrownBy(() -> otherKey.verify(code, "m-1"))
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(typeOf(e))
                    .isEqualTo("invalid-check-in-code"));
  }
}
