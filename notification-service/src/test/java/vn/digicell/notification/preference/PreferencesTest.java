package vn.digicell.notification.preference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreferencesTest {

  final Preferences.QuietHours night =
      new Preferences.QuietHours(LocalTime.of(22, 0), LocalTime.of(6, 30));

  @Test
  void quietHoursWrapMidnightInVietnamTime() {
    // 23:00 in Hanoi is 16:00 UTC
    assertThat(night.covers(Instant.parse("2026-11-22T16:00:00Z"))).isTrue();
    assertThat(night.covers(Instant.parse("2026-11-22T23:00:00Z"))).isTrue(); // 06:00
    assertThat(night.covers(Instant.parse("2026-11-22T23:29:00Z"))).isTrue(); // 06:29
    assertThat(night.covers(Instant.parse("2026-11-22T23:30:00Z"))).isFalse(); // 06:30
    assertThat(night.covers(Instant.parse("2026-11-22T05:00:00Z"))).isFalse(); // 12:00
    assertThat(night.endAfter(Instant.parse("2026-11-22T16:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-22T23:30:00Z"));
    Instant noon = Instant.parse("2026-11-22T05:00:00Z");
    assertThat(night.endAfter(noon)).isEqualTo(noon);
  }

  @Test
  void channelsPerKindAlwaysIncludeTheInbox() {
    Preferences p =
        new Preferences(
            "m",
            Map.of("MEETING", Set.of(Channel.SMS), "*", Set.of()),
            null,
            Preferences.Digest.NONE,
            null,
            null);
    assertThat(p.channelsFor("MEETING")).containsExactlyInAnyOrder(Channel.INBOX, Channel.SMS);
    assertThat(p.channelsFor("DOCUMENT")).containsExactly(Channel.INBOX);
    assertThat(Preferences.defaults("m").channelsFor("ALERT"))
        .containsExactlyInAnyOrder(Channel.INBOX, Channel.EMAIL);
    assertThat(Preferences.defaults("m").languageOrDefault()).isEqualTo("vi");
  }

  @Test
  void aMemberWhoNeverChoseAndHasOnlyAPhoneGetsTextMessagesInsteadOfEmail() {
    Preferences defaults = Preferences.defaults("m");
    assertThat(defaults.channelsFor("MEETING", false, true))
        .containsExactlyInAnyOrder(Channel.INBOX, Channel.SMS);
    assertThat(defaults.channelsFor("MEETING", true, true))
        .containsExactlyInAnyOrder(Channel.INBOX, Channel.EMAIL);
    assertThat(defaults.channelsFor("MEETING", false, false))
        .containsExactlyInAnyOrder(Channel.INBOX, Channel.EMAIL);
    // a member's own choice is kept as it is
    Preferences inboxOnly =
        new Preferences("m", Map.of("*", Set.of()), null, Preferences.Digest.NONE, null, null);
    assertThat(inboxOnly.channelsFor("MEETING", false, true)).containsExactly(Channel.INBOX);
  }
}
