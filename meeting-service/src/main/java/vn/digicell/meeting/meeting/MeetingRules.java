package vn.digicell.meeting.meeting;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Quorum and majority per meeting kind, configurable under {@code digicell.meeting}; the party's
 * usual defaults apply where nothing is set: a meeting is valid when more than 2/3 of its official
 * members not exempted attend, a motion passes with more than 1/2 of them.
 *
 * @param lateAfter a check-in this long after the scheduled start is recorded as late
 */
@ConfigurationProperties("digicell.meeting")
public record MeetingRules(
    Map<MeetingKind, String> quorum, Map<MeetingKind, String> majority, Duration lateAfter) {

  static final Fraction DEFAULT_QUORUM = new Fraction(2, 3);
  static final Fraction DEFAULT_MAJORITY = new Fraction(1, 2);

  public MeetingRules {
    quorum = quorum == null ? Map.of() : new EnumMap<>(copy(quorum));
    majority = majority == null ? Map.of() : new EnumMap<>(copy(majority));
    lateAfter = lateAfter == null ? Duration.ofMinutes(15) : lateAfter;
    quorum.values().forEach(Fraction::parse);
    majority.values().forEach(Fraction::parse);
  }

  /** The defaults, for tests and tools. */
  public static MeetingRules defaults() {
    return new MeetingRules(null, null, null);
  }

  public Fraction quorumFor(MeetingKind kind) {
    String value = quorum.get(kind);
    return value == null ? DEFAULT_QUORUM : Fraction.parse(value);
  }

  public Fraction majorityFor(MeetingKind kind) {
    String value = majority.get(kind);
    return value == null ? DEFAULT_MAJORITY : Fraction.parse(value);
  }

  private static Map<MeetingKind, String> copy(Map<MeetingKind, String> map) {
    return map.isEmpty() ? new EnumMap<>(MeetingKind.class) : map;
  }
}
