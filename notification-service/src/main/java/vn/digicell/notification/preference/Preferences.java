package vn.digicell.notification.preference;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's notification preferences: channels per kind of notice (the inbox always), quiet hours
 * in Vietnam time, daily digest, language. Members who never set any get {@link #defaults}.
 *
 * @param channels per kind (MEETING, DOCUMENT…); kinds not listed use {@code "*"}, else inbox and
 *     e-mail
 */
@Document("preferences")
public record Preferences(
    @Id String memberId,
    Map<String, Set<Channel>> channels,
    QuietHours quietHours,
    Digest digest,
    String language,
    Instant updatedAt) {

  public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  public static final Set<Channel> DEFAULT_CHANNELS = EnumSet.of(Channel.INBOX, Channel.EMAIL);

  public enum Digest {
    NONE,
    DAILY
  }

  /** Quiet from {@code from} to {@code to} (may wrap midnight), Asia/Ho_Chi_Minh. */
  public record QuietHours(LocalTime from, LocalTime to) {

    /** Whether {@code at} falls in the quiet period. */
    public boolean covers(Instant at) {
      LocalTime t = at.atZone(VIETNAM).toLocalTime();
      if (from.equals(to)) {
        return false;
      }
      return from.isBefore(to)
          ? !t.isBefore(from) && t.isBefore(to)
          : !t.isBefore(from) || t.isBefore(to);
    }

    /** The end of the quiet period {@code at} falls in, or {@code at} when not quiet. */
    public Instant endAfter(Instant at) {
      if (!covers(at)) {
        return at;
      }
      ZonedDateTime local = at.atZone(VIETNAM);
      ZonedDateTime end = local.with(to).withSecond(0).withNano(0);
      if (!end.isAfter(local)) {
        end = end.plusDays(1);
      }
      return end.toInstant();
    }
  }

  public static Preferences defaults(String memberId) {
    return new Preferences(memberId, Map.of(), null, Digest.NONE, null, null);
  }

  /** The channels this kind of notice goes to (always with the inbox). */
  public Set<Channel> channelsFor(String kind) {
    Set<Channel> chosen = channels == null ? null : channels.get(kind);
    if (chosen == null && channels != null) {
      chosen = channels.get("*");
    }
    EnumSet<Channel> out =
        chosen == null ? EnumSet.copyOf(DEFAULT_CHANNELS) : EnumSet.of(Channel.INBOX);
    if (chosen != null) {
      out.addAll(chosen);
    }
    return out;
  }

  /**
   * The channels for this kind of notice to a member with these contact details: a member who never
   * chose and has no e-mail but a phone (a basic phone, common among older members) gets text
   * messages instead of e-mail.
   */
  public Set<Channel> channelsFor(String kind, boolean hasEmail, boolean hasPhone) {
    Set<Channel> out = channelsFor(kind);
    if (chosenNothing() && !hasEmail && hasPhone) {
      out.remove(Channel.EMAIL);
      out.add(Channel.SMS);
    }
    return out;
  }

  private boolean chosenNothing() {
    return channels == null || channels.isEmpty();
  }

  public boolean dailyDigest() {
    return digest == Digest.DAILY;
  }

  public String languageOrDefault() {
    return language == null ? "vi" : language;
  }
}
