package vn.digicell.notification.preference.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.notification.preference.Channel;
import vn.digicell.notification.preference.PreferenceService;
import vn.digicell.notification.preference.Preferences;

/** The signed-in member's own notification preferences. */
@RestController
@RequestMapping("/api/notifications/preferences")
@Validated
class PreferencesController {

  private final PreferenceService preferences;

  PreferencesController(PreferenceService preferences) {
    this.preferences = preferences;
  }

  record QuietHoursView(@NotNull LocalTime from, @NotNull LocalTime to) {}

  /**
   * @param channels per kind (MEETING, DOCUMENT…, or "*" for all others): EMAIL, SMS, ZALO; the
   *     inbox is always on
   */
  record PreferencesView(
      @Size(max = 32) Map<String, Set<Channel>> channels,
      @Valid QuietHoursView quietHours,
      Preferences.Digest digest,
      @Pattern(regexp = "vi|en") String language,
      Set<Channel> defaultChannels) {

    static PreferencesView of(Preferences p) {
      return new PreferencesView(
          p.channels() == null ? Map.of() : p.channels(),
          p.quietHours() == null
              ? null
              : new QuietHoursView(p.quietHours().from(), p.quietHours().to()),
          p.digest() == null ? Preferences.Digest.NONE : p.digest(),
          p.languageOrDefault(),
          p.channelsFor("*"));
    }
  }

  @GetMapping
  PreferencesView mine() {
    return PreferencesView.of(preferences.mine());
  }

  @PutMapping
  PreferencesView replace(@Valid @RequestBody PreferencesView body) {
    return PreferencesView.of(
        preferences.replaceMine(
            body.channels(),
            body.quietHours() == null
                ? null
                : new Preferences.QuietHours(body.quietHours().from(), body.quietHours().to()),
            body.digest(),
            body.language()));
  }
}
